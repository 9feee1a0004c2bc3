/**
 * The kiosk's device layer against the real agent process (`--simulate`), over a WebSocket that sends the kiosk's
 * Origin like the page does: it pairs, reads the card placed on the simulated reader (name and number only),
 * prints a receipt the simulated printer reads back, maps paper out to PrinterError; a dead agent makes a non-demo
 * terminal unavailable within 6 s and never yields a demo card; after the agent is killed and restarted the layer
 * reconnects within the 10 s backoff; only the demo terminal or ?devices=simulated simulate.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RPC_ERRORS } from '../../kiosk/agent/protocol/messages'
import { DEMO_CARD } from '../../kiosk/agent/simulators/demoCards'
import { RECONNECT_MAX_MS, UNAVAILABLE_AFTER_MS } from '../../kiosk/src/devices/agentConnection'
import { createDeviceLayer, deviceOptionsFromSearch } from '../../kiosk/src/devices/index'
import { DEMO_BANK_CARD } from '../../kiosk/src/devices/simulatedBankCard'
import { DEMO_SOCIAL_CARD } from '../../kiosk/src/devices/simulatedIdentity'
import { BankCardError, PrinterError, SocialCardError } from '../../kiosk/src/devices/types'
import { DEMO_TERMINAL_ID } from '../../mock-backend/src/contract/constants'
import { type AgentClient, connectAgent } from '../fixtures/node/agent/agentClient'
import { type AgentProcess, startAgentProcess } from '../fixtures/node/agent/agentProcess'
import { pageWebSocket } from '../fixtures/node/agent/pageWebSocket'

const ORIGIN = 'http://127.0.0.1:4281'
const SECRET = 'terminal-pairing-secret-0042'

const PageWebSocket = pageWebSocket(ORIGIN)

describe('kiosk device layer through the agent', () => {
  let stateDir: string
  let agent: AgentProcess
  let operator: AgentClient
  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'agent-kiosk-'))
    agent = await startAgentProcess({ args: ['--simulate', '--pair', SECRET], stateDir, origins: [ORIGIN] })
    operator = await connectAgent(agent.port, ORIGIN)
    await operator.call('agent.pair', { secret: SECRET })
  })
  afterAll(async () => {
    operator?.close()
    await agent?.stop()
    rmSync(stateDir, { recursive: true, force: true })
  })

  const layerFor = (port: number, reports: string[] = [], states: unknown[] = []) =>
    createDeviceLayer(
      {
        ...deviceOptionsFromSearch(`?agentPort=${port}`, (state) => reports.push(state)),
        reportDevices: (next) => states.push(next),
      },
      () => SECRET,
      PageWebSocket,
    )

  it('reads the placed card, prints, and reports paper out', async () => {
    const reports: string[] = []
    const states: unknown[] = []
    const layer = layerFor(agent.port, reports, states)
    layer.terminalKnown('T-REAL-0001')
    const { devices } = layer
    expect(devices.mode()).toBe('agent')
    await expect.poll(() => devices.availability(), { timeout: 3000 }).toBe('ready')
    // The resident taps read before placing the card: the read waits for it.
    const reading = devices.idCardReader.read()
    await new Promise((resolve) => setTimeout(resolve, 300))
    await operator.call('sim.placeCard', { card: 'demo' })
    await expect(reading).resolves.toEqual({ name: DEMO_CARD.name, idNumber: DEMO_CARD.idNumber })

    await devices.printer.print({ kind: 'receipt', title: '申办回执', lines: ['办件编号：GD-2026-000007'] })
    const printed = (await operator.call('sim.receipts')) as { result: { lines: string[] }[] }
    expect(printed.result.at(-1)?.lines).toEqual(['申办回执', '办件编号：GD-2026-000007'])
    await operator.call('sim.setPaperLines', { lines: 0 })
    const failed = await devices.printer
      .print({ kind: 'receipt', title: '申办回执', lines: ['x'] })
      .catch((e: unknown) => e)
    expect(failed).toBeInstanceOf(PrinterError)
    expect((failed as PrinterError).state).toBe('paperOut')
    expect(devices.paperOut()).toBe(true)
    expect(reports).toContain('paperOut')
    // The heartbeat learns every device's state from the agent, paper out included.
    expect(states[0]).toEqual({
      idCardReader: 'ready',
      receiptPrinter: 'ready',
      qrReader: 'ready',
      socialCardReader: 'ready',
      bankCardReader: 'ready',
    })
    await expect.poll(() => states.at(-1)).toMatchObject({ receiptPrinter: 'paperOut' })
    await operator.call('sim.setPaperLines', { lines: null })
  })

  it('identifies without the ID card: the 社保卡 with its PIN, and a code shown to the 扫码器 (#17)', async () => {
    const layer = layerFor(agent.port)
    layer.terminalKnown('T-REAL-0002')
    const { devices } = layer
    await expect.poll(() => devices.availability(), { timeout: 3000 }).toBe('ready')
    const none = await devices.socialCardReader.read().catch((e: unknown) => e)
    expect(none).toBeInstanceOf(SocialCardError)
    expect((none as SocialCardError).reason).toBe('noCard')
    await operator.call('sim.insertSocialCard', {})
    await expect(devices.socialCardReader.read()).resolves.toEqual({
      cardNumber: DEMO_SOCIAL_CARD.cardNumber,
    })
    const wrong = await devices.socialCardReader.read('654321').catch((e: unknown) => e)
    expect(wrong).toBeInstanceOf(SocialCardError)
    expect(wrong).toMatchObject({ reason: 'pinWrong', triesLeft: 2 })
    await expect(devices.socialCardReader.read(DEMO_SOCIAL_CARD.pin)).resolves.toEqual({
      cardNumber: DEMO_SOCIAL_CARD.cardNumber,
      holder: { idNumber: DEMO_CARD.idNumber, name: DEMO_CARD.name },
    })
    await operator.call('sim.removeSocialCard', {})

    const scanning = devices.scanner.scan()
    await new Promise((resolve) => setTimeout(resolve, 300))
    await operator.call('sim.showQr', { text: 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln' })
    await expect(scanning).resolves.toBe('eyJhbGciOiJFUzI1NiJ9.e30.c2ln')
  })

  it('pays by bank card through the agent: a card inserted while the step waits, pulled out mid-read, handed back', async () => {
    const layer = layerFor(agent.port)
    layer.terminalKnown('T-REAL-0003')
    const { devices } = layer
    await expect.poll(() => devices.availability(), { timeout: 3000 }).toBe('ready')
    // Inserted a while after the step asked: the page's slices keep asking until it is in.
    const reading = devices.bankCardReader.read()
    await new Promise((resolve) => setTimeout(resolve, 3500))
    await operator.call('sim.insertBankCard', {})
    await expect(reading).resolves.toEqual({ cardNumber: DEMO_BANK_CARD.cardNumber })
    // The hand-back ends once the resident took the card.
    let handedBack = false
    const ejecting = devices.bankCardReader.eject().then(() => {
      handedBack = true
    })
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(handedBack).toBe(false)
    await operator.call('sim.removeBankCard', {})
    await ejecting
    // Pulled out mid-read: the step hears `removed`.
    await operator.call('sim.insertBankCard', {})
    await operator.call('sim.pullBankCardMidRead', {})
    const pulled = await devices.bankCardReader.read().catch((e: unknown) => e)
    expect(pulled).toBeInstanceOf(BankCardError)
    expect((pulled as BankCardError).reason).toBe('removed')
  }, 15_000)

  it('reconnects after the agent is killed and restarted, within the backoff cap', async () => {
    const layer = layerFor(agent.port)
    layer.terminalKnown('T-REAL-0001')
    const { devices } = layer
    await expect.poll(() => devices.availability(), { timeout: 3000 }).toBe('ready')
    const port = agent.port
    await agent.kill()
    await expect.poll(() => devices.availability(), { timeout: 3000 }).toBe('unavailable')
    await expect(devices.idCardReader.read()).rejects.toThrow('the device agent is not connected')
    agent = await startAgentProcess({ args: ['--simulate'], stateDir, origins: [ORIGIN], port })
    const restarted = performance.now()
    await expect.poll(() => devices.availability(), { timeout: RECONNECT_MAX_MS + 2000 }).toBe('ready')
    expect(performance.now() - restarted).toBeLessThanOrEqual(RECONNECT_MAX_MS + 1000)
    operator.close()
    operator = await connectAgent(port, ORIGIN)
    await operator.call('agent.pair', { secret: SECRET })
  }, 30_000)

  it('says unavailable within 6 s on a non-demo terminal with no agent, and never invents a card', async () => {
    const started = performance.now()
    const layer = layerFor(1) // nothing listens on port 1
    layer.terminalKnown('T-REAL-0002')
    await expect.poll(() => layer.devices.availability(), { timeout: 6000 }).toBe('unavailable')
    expect(performance.now() - started).toBeLessThan(6000)
    await expect(layer.devices.idCardReader.read()).rejects.toThrow()
    expect(UNAVAILABLE_AFTER_MS).toBeLessThan(6000)
  }, 10_000)

  it('says unavailable within 6 s even when the terminal never learns who it is', async () => {
    const layer = layerFor(1)
    await expect.poll(() => layer.devices.availability(), { timeout: 6000 }).toBe('unavailable')
    await expect(layer.devices.idCardReader.read()).rejects.toThrow()
  }, 10_000)

  it('simulates only on the demo terminal or with ?devices=simulated', async () => {
    const demo = layerFor(1)
    demo.terminalKnown(DEMO_TERMINAL_ID)
    expect(demo.devices.mode()).toBe('simulated')
    expect(demo.devices.availability()).toBe('simulated')
    // Enrolled as a real terminal on the maintenance screen: from then on, the agent's devices.
    demo.terminalKnown('T-REAL-0003')
    expect(demo.devices.mode()).toBe('agent')
    await expect.poll(() => demo.devices.availability(), { timeout: 6000 }).toBe('unavailable')
    const forced = createDeviceLayer(
      deviceOptionsFromSearch('?devices=simulated&simDelayMs=0', () => {}),
      () => null,
    )
    expect(forced.devices.mode()).toBe('simulated')
    await expect(forced.devices.idCardReader.read()).resolves.toMatchObject({ name: DEMO_CARD.name })
    forced.terminalKnown('T-REAL-0004')
    expect(forced.devices.mode()).toBe('simulated')
  }, 10_000)

  it('moves the agent to a rotated secret when the page holds both, and a page with only the old one is refused', async () => {
    const ROTATED = 'terminal-pairing-secret-0043'
    const layerWith = (secret: string, previous: string | null) =>
      createDeviceLayer(
        {
          ...deviceOptionsFromSearch(`?agentPort=${agent.port}`, () => {}),
          previousPairingSecret: () => previous,
        },
        () => secret,
        PageWebSocket,
      )
    // Without the stored secret as `previous`, a new secret is refused.
    const stranger = layerWith(ROTATED, null)
    stranger.terminalKnown('T-REAL-0005')
    await expect.poll(() => stranger.devices.availability(), { timeout: 3000 }).toBe('unavailable')
    const rotated = layerWith(ROTATED, SECRET)
    rotated.terminalKnown('T-REAL-0005')
    await expect.poll(() => rotated.devices.availability(), { timeout: 3000 }).toBe('ready')
    const stale = layerWith(SECRET, null)
    stale.terminalKnown('T-REAL-0006')
    await expect.poll(() => stale.devices.availability(), { timeout: 3000 }).toBe('unavailable')
    const operatorAgain = await connectAgent(agent.port, ORIGIN)
    expect(await operatorAgain.call('agent.pair', { secret: SECRET })).toMatchObject({
      error: { code: RPC_ERRORS.pairingRefused },
    })
    expect(await operatorAgain.call('agent.pair', { secret: ROTATED })).toMatchObject({
      result: { paired: true },
    })
    operatorAgain.close()
  }, 15_000)
})
