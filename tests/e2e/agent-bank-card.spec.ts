/**
 * Paying a 缴费 by bank card through the device agent (#17 item 4, #19), in real Chromium against the real backend:
 * a terminal that is not the demo one pairs with `npm run agent -- --simulate`; the resident's ID card and bank
 * card go into the agent's simulated serial readers (sim controls, the resident's hands); the page reads the card
 * number over the agent, takes the PIN on its keypad, pays at the gateway's card route, and shows the result only
 * after the card was taken from the reader. A card pulled out mid-read is named, and its order cancelled.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { AGENT_DEFAULT_PORT } from '../../kiosk/agent/protocol/messages'
import { zh } from '../../kiosk/src/i18n/zh'
import { DEMO_CARD_PIN } from '../../mock-backend/src/payments/simulatedBank'
import { type AgentClient, connectAgent } from '../fixtures/node/agent/agentClient'
import { type AgentProcess, startAgentProcess } from '../fixtures/node/agent/agentProcess'
import { pairingSecretOf } from '../fixtures/playwright/agentE2e'
import { E2E_BASE_URL } from '../fixtures/playwright/e2e'
import { Kiosk } from '../fixtures/playwright/kioskJourney'
import { chooseMethod, opsPaymentRows, PAY } from '../fixtures/playwright/payments'
import { newTerminalCode } from '../fixtures/playwright/staffApi'

test.describe('bank card through the device agent', () => {
  let agent: AgentProcess | undefined
  let operator: AgentClient | undefined
  let stateDir: string
  test.beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'agent-bank-e2e-'))
  })
  test.afterEach(async () => {
    operator?.close()
    await agent?.stop()
    agent = undefined
    rmSync(stateDir, { recursive: true, force: true })
  })

  test('a 缴费 is paid with the card in the agent’s reader; the result waits until the card is taken', async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000)
    agent = await startAgentProcess({
      args: ['--simulate'],
      stateDir,
      origins: [E2E_BASE_URL],
      port: AGENT_DEFAULT_PORT,
    })
    const kiosk = new Kiosk(page)
    await kiosk.open(`?enrol=${await newTerminalCode(request, '银行卡终端')}`)
    operator = await connectAgent(AGENT_DEFAULT_PORT, E2E_BASE_URL)
    await operator.call('agent.pair', { secret: await pairingSecretOf(page) })
    const hands = operator

    const toPayment = async () => {
      await kiosk.start()
      await kiosk.openItem(PAY.department, PAY.item)
      await kiosk.beginFlow()
      // The ID card on the agent's reader: the identify step reads it and goes on to the form by itself.
      await hands.call('sim.placeCard', { card: 'demo' })
      await kiosk.pastIdentified()
      await kiosk.fillFields(PAY.item)
      await hands.call('sim.removeCard', {})
      await kiosk.button(kiosk.t.submit).click()
      await expect(page.getByRole('heading', { level: 1, name: zh.payChooseTitle })).toBeVisible()
    }

    // Pulled out mid-read: the step names it, nothing is charged, the order is cancelled, and a new try offered.
    const cancelled = async () =>
      (await opsPaymentRows()).find((r) => r.status === 'cancelled' && r.reason === 'resident')?.count ?? 0
    const cancelledBefore = await cancelled()
    await toPayment()
    const pulled = await chooseMethod(page, zh.payCard)
    await expect(page.getByRole('heading', { level: 1, name: zh.payCardTitle })).toBeVisible()
    await hands.call('sim.pullBankCardMidRead', {})
    await hands.call('sim.insertBankCard', {})
    await expect(page.getByRole('alert')).toHaveText(zh.payCardRemoved)
    await expect.poll(cancelled).toBe(cancelledBefore + 1)
    expect(pulled.method).toBe('card')
    await kiosk.button(zh.payRetry).click()

    // Paid: the card read over the agent (last four digits only), the PIN on the keypad, then take the card.
    const order = await chooseMethod(page, zh.payCard)
    await expect(page.getByRole('heading', { level: 1, name: zh.payCardTitle })).toBeVisible()
    await hands.call('sim.insertBankCard', {})
    await expect(page.getByRole('heading', { level: 1, name: zh.payCardPinTitle })).toBeVisible()
    await expect(page.getByText(zh.payCardNumber.replace('{last4}', '0123'))).toBeVisible()
    const keypad = page.getByRole('group', { name: zh.payCardPinTitle })
    for (const digit of DEMO_CARD_PIN) await keypad.getByRole('button', { name: digit, exact: true }).click()
    const paid = page.waitForResponse((r) => r.url().endsWith(`/api/terminal/orders/${order.orderId}/card`))
    await page.getByRole('button', { name: zh.payCardPay, exact: true }).click()
    expect(await (await paid).json()).toMatchObject({ outcome: 'paid' })
    await expect(page.getByRole('heading', { level: 1, name: zh.payCardReturnTitle })).toBeVisible()
    // The result waits for the resident's hand: still the take-back screen a while later.
    await page.waitForTimeout(1500)
    await expect(page.getByRole('heading', { level: 1, name: zh.payCardReturnTitle })).toBeVisible()
    await hands.call('sim.removeBankCard', {})
    await expect(page.getByRole('heading', { level: 1, name: kiosk.t.askPrint })).toBeVisible({
      timeout: 15_000,
    })
    await kiosk.button(kiosk.t.printNo).click()
    await expect(page.getByRole('heading', { level: 1, name: kiosk.t.result })).toBeVisible()
  })
})
