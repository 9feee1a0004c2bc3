/**
 * Real peripherals through the device agent (#19), in real Chromium against the real backend: a terminal that is
 * not the demo one enrols with its one-time link, pairs with `npm run agent -- --simulate` using the secret from its
 * settings, reads the demo card placed on the simulated serial reader (the identity shows, masked), finishes a print
 * item and the simulated ESC/POS printer reads the receipt back, or with a CUPS queue as its A4 printer the
 * document is read back from the printed PDF; the maintenance screen names the mode. Without an
 * agent, such a terminal says "设备暂不可用" within 6 s and never shows the demo identity.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { AGENT_DEFAULT_PORT } from '../../kiosk/agent/protocol/messages'
import { readReceipt, timeLimitText } from '../../kiosk/agent/protocol/receipt'
import { DEMO_CARDS } from '../../kiosk/agent/simulators/demoCards'
import { openPtyPair } from '../../kiosk/agent/simulators/ptyPair'
import { createSamReaderSimulator } from '../../kiosk/agent/simulators/samReaderSimulator'
import { openSerialLine } from '../../kiosk/agent/transport/byteLine'
import { zh } from '../../kiosk/src/i18n/zh'
import { type AgentClient, connectAgent } from '../fixtures/node/agent/agentClient'
import { type AgentProcess, startAgentProcess } from '../fixtures/node/agent/agentProcess'
import { cupsRigProblem, startCupsServer } from '../fixtures/node/agent/cupsServer'
import { identifiedByCard, pickItem } from '../fixtures/node/catalog'
import { pairingSecretOf } from '../fixtures/playwright/agentE2e'
import { E2E_BASE_URL, E2E_PUBLIC_BASE_URL } from '../fixtures/playwright/e2e'
import { DEMO_CARD, Kiosk } from '../fixtures/playwright/kioskJourney'
import { newTerminalCode, TERMINAL_PIN } from '../fixtures/playwright/staffApi'

const PRINT = pickItem('hrss', (i) => i.kind === '打印' && i.fields.length === 0 && identifiedByCard(i))
// An online 申办 by ID card without typed fields (a department this terminal offers): it prints the receipt model.
const APPLY = pickItem('hrss', (i) => i.kind === '申办' && i.fields.length === 0 && identifiedByCard(i))

test.describe('device agent', () => {
  let agent: AgentProcess | undefined
  let operator: AgentClient | undefined
  let stateDir: string
  test.beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'agent-e2e-'))
  })
  test.afterEach(async () => {
    operator?.close()
    await agent?.stop()
    agent = undefined
    rmSync(stateDir, { recursive: true, force: true })
  })

  /** Starts the agent (simulating, unless `args` say otherwise) and a new terminal's kiosk, then pairs an operator. */
  const agentAndTerminal = async (
    page: Page,
    request: APIRequestContext,
    name: string,
    env = {},
    args = ['--simulate'],
  ) => {
    // The agent is up before the page opens, as on a terminal: a page that started first backs off between its
    // connection attempts (up to 10 s), and a card placed meanwhile was never seen (a CI run under load).
    agent = await startAgentProcess({
      args,
      stateDir,
      origins: [E2E_BASE_URL],
      port: AGENT_DEFAULT_PORT,
      env,
    })
    const kiosk = new Kiosk(page)
    await kiosk.open(`?enrol=${await newTerminalCode(request, name)}`)
    const paired = await connectAgent(AGENT_DEFAULT_PORT, E2E_BASE_URL)
    operator = paired
    await paired.call('agent.pair', { secret: await pairingSecretOf(page) })
    return { kiosk, operator: paired }
  }

  test('reads the placed card and prints the receipt on the simulated printer', async ({ page, request }) => {
    agent = await startAgentProcess({
      args: ['--simulate'],
      stateDir,
      origins: [E2E_BASE_URL],
      port: AGENT_DEFAULT_PORT,
    })
    const code = await newTerminalCode(request, '设备代理终端')
    const kiosk = new Kiosk(page)
    await kiosk.open(`?enrol=${code}`)
    operator = await connectAgent(AGENT_DEFAULT_PORT, E2E_BASE_URL)
    expect(await operator.call('agent.pair', { secret: await pairingSecretOf(page) })).toEqual({
      result: { paired: true },
    })

    await kiosk.start()
    await kiosk.openItem(PRINT.department, PRINT.item)
    await kiosk.beginFlow()
    await expect(page.getByRole('alert')).toHaveCount(0)
    // The resident places the card: the reader reports it and the identify step reads it by itself.
    await operator.call('sim.placeCard', { card: 'demo' })
    await expect(page.getByText(DEMO_CARD.maskedId).first()).toBeVisible()
    await kiosk.submit()
    await expect(page.getByText(kiosk.t.printed)).toBeVisible()
    const receipts = (await operator.call('sim.receipts')) as {
      result: { lines: string[]; cut: boolean }[]
    }
    expect(receipts.result).toHaveLength(1)
    const [receipt] = receipts.result
    expect(receipt?.cut).toBe(true)
    expect(receipt?.lines.join('\n')).toContain(PRINT.item.name.zh)
    await kiosk.skipRatingAndFinish()

    // The maintenance screen names the mode: five taps top-left, then this terminal's PIN.
    for (let i = 0; i < 5; i++) await page.locator('.corner').click({ position: { x: 8, y: 8 } })
    const pad = page.getByRole('group', { name: '请输入维护密码' })
    for (const digit of TERMINAL_PIN) await pad.getByRole('button', { name: digit, exact: true }).click()
    await page.getByRole('button', { name: '确定', exact: true }).click()
    await expect(
      page
        .locator('.maintenance dl div')
        .filter({ has: page.getByText('设备模式', { exact: true }) })
        .locator('dd'),
    ).toHaveText('设备代理（ready）')
  })

  test('an apply item prints the receipt model (回执) on the simulated ESC/POS printer, read back field by field', async ({
    page,
    request,
  }) => {
    const { kiosk, operator } = await agentAndTerminal(page, request, '回执终端')
    await kiosk.start()
    await kiosk.openItem(APPLY.department, APPLY.item)
    await kiosk.beginFlow()
    // The card read by itself moves the flow on to the phone step; the confirm step shows the masked number.
    await operator.call('sim.placeCard', { card: 'demo' })
    await kiosk.phoneAndSms(APPLY.item)
    await expect(page.getByText(DEMO_CARD.maskedId).first()).toBeVisible()
    await kiosk.submit()
    const reference = await kiosk.resultReference()
    await expect(page.getByText(zh.resultReceiptPrinted, { exact: true })).toBeVisible()
    const receipts = (await operator.call('sim.receipts')) as {
      result: { lines: string[]; qr: string | null; cut: boolean }[]
    }
    expect(receipts.result).toHaveLength(1)
    const [printed] = receipts.result
    expect(printed?.cut).toBe(true)
    const receipt = readReceipt(
      printed?.lines[0] ?? '',
      printed?.lines.slice(1) ?? [],
      printed?.qr ?? undefined,
    )
    expect(receipt).toMatchObject({
      item: APPLY.item.name.zh,
      reference,
      maskedName: DEMO_CARD.maskedName,
      collection: '自取',
      timeLimit: timeLimitText(APPLY.item.timeLimit),
    })
    expect(receipt?.qr.startsWith(`${E2E_PUBLIC_BASE_URL}/m/#t=`)).toBe(true)
    expect(printed?.lines.join('\n')).not.toContain(DEMO_CARD.name)
  })

  test('a card placed on the reader before the identify step opened is read when it opens', async ({
    page,
    request,
  }) => {
    const { kiosk, operator } = await agentAndTerminal(page, request, '先放卡终端')
    // The resident puts the card down first, on the attract screen, as many do.
    await operator.call('sim.placeCard', { card: 'demo' })
    await kiosk.start()
    await kiosk.openItem(PRINT.department, PRINT.item)
    await kiosk.beginFlow()
    await expect(page.getByText(DEMO_CARD.maskedId).first()).toBeVisible()
    await expect(page.getByText(DEMO_CARD.maskedName).first()).toBeVisible()
  })

  test('a 打印 item prints its document on the A4 printer through CUPS, read back from the PDF', async ({
    page,
    request,
  }) => {
    const problem = cupsRigProblem()
    if (problem) throw new Error(problem)
    const cups = await startCupsServer()
    try {
      const { kiosk, operator } = await agentAndTerminal(page, request, 'A4 打印终端', {
        AGENT_CUPS_QUEUE: cups.queue,
        AGENT_CUPS_SERVER: cups.server,
      })
      await kiosk.start()
      await kiosk.openItem(PRINT.department, PRINT.item)
      await kiosk.beginFlow()
      await operator.call('sim.placeCard', { card: 'demo' })
      await expect(page.getByText(DEMO_CARD.maskedId).first()).toBeVisible()
      await kiosk.submit()
      await expect(page.getByText(kiosk.t.printed)).toBeVisible()
      const text = await cups.nextPdfText()
      expect(text).toContain(PRINT.item.name.zh)
      expect(text).not.toContain(DEMO_CARD.idNumber)
      // The receipt printer printed nothing: the document went to the A4 printer.
      expect(await operator.call('sim.receipts')).toEqual({ result: [] })
    } finally {
      await cups.close()
    }
  })

  test('an apply item on a terminal whose only printer is A4 prints the receipt model through CUPS, read back from the PDF with its QR code', async ({
    page,
    request,
  }) => {
    const problem = cupsRigProblem()
    if (problem) throw new Error(problem)
    const cups = await startCupsServer()
    // A terminal with a serial ID-card reader (the byte-level simulator on a pty) and no receipt printer: the agent
    // runs on its configured devices alone, without --simulate.
    const pty = await openPtyPair()
    const reader = createSamReaderSimulator(await openSerialLine(pty.devicePath))
    try {
      const { kiosk } = await agentAndTerminal(
        page,
        request,
        'A4 回执终端',
        { AGENT_READER: pty.agentPath, AGENT_CUPS_QUEUE: cups.queue, AGENT_CUPS_SERVER: cups.server },
        [],
      )
      await kiosk.start()
      await kiosk.openItem(APPLY.department, APPLY.item)
      await kiosk.beginFlow()
      reader.placeCard(DEMO_CARDS.demo)
      await kiosk.phoneAndSms(APPLY.item)
      await expect(page.getByText(DEMO_CARD.maskedId).first()).toBeVisible()
      await kiosk.submit()
      const reference = await kiosk.resultReference()
      await expect(page.getByText(zh.resultReceiptPrinted, { exact: true })).toBeVisible()
      const printed = await cups.nextPdf()
      const [title = '', ...lines] = printed.text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
      const receipt = readReceipt(title, lines, printed.qr ?? undefined)
      expect(receipt).toMatchObject({
        item: APPLY.item.name.zh,
        reference,
        maskedName: DEMO_CARD.maskedName,
        collection: '自取',
        timeLimit: timeLimitText(APPLY.item.timeLimit),
      })
      // The QR code printed on paper, read from the rendered page, is the case's PUBLIC_BASE_URL link.
      expect(receipt?.qr.startsWith(`${E2E_PUBLIC_BASE_URL}/m/#t=`)).toBe(true)
      expect(printed.text).not.toContain(DEMO_CARD.name)
      expect(printed.text).not.toContain(DEMO_CARD.idNumber)
    } finally {
      await reader.close()
      await pty.close()
      await cups.close()
    }
  })

  test('a terminal without its agent says 设备暂不可用 within 6 s and never shows the demo identity', async ({
    page,
    request,
  }) => {
    const code = await newTerminalCode(request, '无代理终端')
    const kiosk = new Kiosk(page)
    const opened = Date.now()
    await page.goto(`/?enrol=${code}`)
    await expect(page.getByRole('alert').filter({ hasText: '设备暂不可用' })).toBeVisible({ timeout: 6000 })
    expect(Date.now() - opened).toBeLessThan(6000)
    await kiosk.start()
    await kiosk.openItem(PRINT.department, PRINT.item)
    await kiosk.beginFlow()
    // A real terminal offers no demo card to swipe: the identity comes from the reader or from typing.
    await expect(kiosk.button(kiosk.t.demoCard)).toHaveCount(0)
    await expect(page.getByText(DEMO_CARD.maskedId)).toHaveCount(0)
    await expect(page.getByText(DEMO_CARD.maskedName)).toHaveCount(0)
    // Typed entry stays offered.
    await expect(kiosk.keypad(kiosk.t.idLabel)).toBeVisible()
  })
})
