/**
 * The agent process (`npm run agent -- --simulate`) end to end over its WebSocket: another origin is refused at
 * the upgrade, an unpaired connection gets nothing, the first secret pairs and a different one is refused, a card
 * is placed, read with only the asked fields and removed mid-read, and after a SIGKILL the restarted agent keeps
 * its pairing; `--pair CODE` replaces the secret.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RPC_ERRORS } from '../../kiosk/agent/protocol/messages'
import { DEMO_CARD, DEMO_SOCIAL_CARD } from '../../kiosk/agent/simulators/demoCards'
import { type AgentClient, connectAgent } from '../fixtures/node/agent/agentClient'
import { type AgentProcess, startAgentProcess } from '../fixtures/node/agent/agentProcess'

const ORIGIN = 'http://127.0.0.1:4281'
const SECRET = 'pairing-secret-from-enrolment-0001'

describe('device agent process', () => {
  let stateDir: string
  let agent: AgentProcess
  let client: AgentClient
  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'agent-state-'))
    agent = await startAgentProcess({ args: ['--simulate'], stateDir, origins: [ORIGIN] })
  })
  afterAll(async () => {
    client?.close()
    await agent?.stop()
    rmSync(stateDir, { recursive: true, force: true })
  })

  it('refuses a page from another origin at the upgrade', async () => {
    await expect(connectAgent(agent.port, 'http://evil.example')).rejects.toThrow('HTTP 403')
  })

  it('answers an unpaired connection only with notPaired, and sends it no events', async () => {
    const stranger = await connectAgent(agent.port, ORIGIN)
    await expect(stranger.call('devices.list')).resolves.toEqual({
      error: { code: RPC_ERRORS.notPaired, message: 'pair first with agent.pair' },
    })
    await expect(stranger.call('idCard.read', { fields: ['name'] })).resolves.toMatchObject({
      error: { code: RPC_ERRORS.notPaired },
    })
    // It pairs first with the real secret so that the second connection is refused a different one.
    client = await connectAgent(agent.port, ORIGIN)
    await expect(client.call('agent.pair', { secret: SECRET })).resolves.toEqual({ result: { paired: true } })
    await expect(stranger.call('agent.pair', { secret: 'some-other-secret' })).resolves.toEqual({
      error: { code: RPC_ERRORS.pairingRefused, message: 'the pairing secret does not match' },
    })
    await client.call('sim.placeCard', { card: 'demo' })
    await client.waitForEvent('idCard.placed')
    await client.call('sim.removeCard')
    await client.waitForEvent('idCard.removed')
    expect(stranger.events).toEqual([])
    stranger.close()
  })

  it('names bad requests exactly', async () => {
    await expect(client.call('idCard.read', { fields: ['photo'] })).resolves.toMatchObject({
      error: { code: RPC_ERRORS.invalidParams, message: expect.stringMatching(/^fields\.0: /) },
    })
    await expect(client.call('idCard.erase')).resolves.toEqual({
      error: { code: RPC_ERRORS.methodNotFound, message: 'no method "idCard.erase"' },
    })
  })

  it('lists its devices, reads a placed card with only the asked fields, and fails a read the card leaves', async () => {
    await expect(client.call('devices.list')).resolves.toEqual({
      result: {
        idCardReader: { state: 'ready' },
        receiptPrinter: { state: 'ready' },
        qrReader: { state: 'ready' },
        socialCardReader: { state: 'ready' },
        bankCardReader: { state: 'ready' },
      },
    })
    await expect(client.call('idCard.read', { fields: ['name'] })).resolves.toMatchObject({
      error: { code: RPC_ERRORS.noCard },
    })
    await client.call('sim.placeCard', { card: 'demo' })
    await client.waitForEvent('idCard.placed')
    await expect(client.call('devices.list')).resolves.toMatchObject({
      result: { idCardReader: { state: 'cardPresent' } },
    })
    await expect(client.call('idCard.read', { fields: ['name', 'idNumber'] })).resolves.toEqual({
      result: { name: DEMO_CARD.name, idNumber: DEMO_CARD.idNumber },
    })
    await client.call('sim.loseCardOnNextRead')
    await expect(client.call('idCard.read', { fields: ['name'] })).resolves.toEqual({
      error: { code: RPC_ERRORS.cardReadFailed, message: 'reader did not answer readBase' },
    })
    await client.waitForEvent('idCard.removed')
    // The agent's log never carries what the card holds.
    expect(agent.output()).not.toContain(DEMO_CARD.idNumber)
    expect(agent.output()).not.toContain(DEMO_CARD.name)
  })

  it('reads a shown QR code and a 社保卡 behind its PIN, and logs neither the code, the PIN nor the holder', async () => {
    const token = 'eyJhbGciOiJFUzI1NiJ9.e-id-token-for-the-test.c2ln'
    const scan = client.call('qrReader.scan', { waitMs: 3000 })
    await client.call('sim.showQr', { text: token })
    await expect(scan).resolves.toEqual({ result: { text: token } })
    await expect(client.call('qrReader.scan', { waitMs: 5000 })).resolves.toMatchObject({
      error: { code: RPC_ERRORS.invalidParams, message: expect.stringMatching(/^waitMs: /) },
    })
    await expect(client.call('socialCard.read', { fields: ['cardNumber'] })).resolves.toMatchObject({
      error: { code: RPC_ERRORS.noCard },
    })
    await client.call('sim.insertSocialCard')
    await expect(client.call('socialCard.read', { fields: ['cardNumber', 'name'] })).resolves.toMatchObject({
      error: { code: RPC_ERRORS.pinRequired },
    })
    await expect(client.call('socialCard.read', { fields: ['name'], pin: '654321' })).resolves.toEqual({
      error: { code: RPC_ERRORS.pinWrong, message: 'wrong 社保卡 PIN: 2 tries left' },
    })
    await expect(client.call('socialCard.read', { fields: ['name'], pin: '12345' })).resolves.toMatchObject({
      error: { code: RPC_ERRORS.invalidParams, message: 'pin: a 社保卡 PIN is 6 digits' },
    })
    await expect(
      client.call('socialCard.read', { fields: ['cardNumber', 'idNumber'], pin: DEMO_SOCIAL_CARD.pin }),
    ).resolves.toEqual({
      result: { cardNumber: DEMO_SOCIAL_CARD.cardNumber, idNumber: DEMO_SOCIAL_CARD.idNumber },
    })
    await client.call('sim.removeSocialCard')
    for (const secret of [
      token,
      DEMO_SOCIAL_CARD.pin,
      '654321',
      DEMO_SOCIAL_CARD.cardNumber,
      DEMO_SOCIAL_CARD.idNumber,
    ])
      expect(agent.output()).not.toContain(secret)
  })

  it('prints a receipt on the simulated printer, and answers paperOut when the paper ends mid-receipt', async () => {
    const document = {
      title: '申办回执',
      lines: ['办件编号：GD-2026-000001', '事项：城乡居民养老保险'],
      qr: 'GD-2026-000001',
    }
    await expect(client.call('printer.print', { device: 'receiptPrinter', document })).resolves.toEqual({
      result: { printed: true },
    })
    await client.call('sim.setPaperLines', { lines: 1 })
    await expect(client.call('printer.print', { device: 'receiptPrinter', document })).resolves.toEqual({
      error: { code: RPC_ERRORS.paperOut, message: 'the receipt printer is out of paper' },
    })
    // The event goes out before the answer, on the same socket.
    expect(client.events).toContain('printer.paperOut')
    await expect(client.call('devices.list')).resolves.toMatchObject({
      result: { receiptPrinter: { state: 'paperOut' } },
    })
    await expect(client.call('sim.receipts')).resolves.toEqual({
      result: [
        { lines: ['申办回执', ...document.lines, ''], qr: document.qr, cut: true },
        { lines: ['申办回执'], qr: null, cut: false },
      ],
    })
    await expect(client.call('printer.print', { device: 'documentPrinter', document })).resolves.toEqual({
      error: { code: RPC_ERRORS.deviceUnavailable, message: 'no documentPrinter on this terminal' },
    })
  })

  it('keeps its pairing across a crash and restart; --pair replaces the secret', async () => {
    const port = agent.port
    await agent.kill()
    client.close()
    agent = await startAgentProcess({ args: ['--simulate'], stateDir, origins: [ORIGIN], port })
    client = await connectAgent(port, ORIGIN)
    await expect(client.call('agent.pair', { secret: 'not-the-secret' })).resolves.toMatchObject({
      error: { code: RPC_ERRORS.pairingRefused },
    })
    await expect(client.call('agent.pair', { secret: SECRET })).resolves.toEqual({ result: { paired: true } })
    await client.call('sim.placeCard', { card: 'rareName' })
    await client.waitForEvent('idCard.placed')
    await expect(client.call('idCard.read', { fields: ['name'] })).resolves.toEqual({
      result: { name: '刘䶮' },
    })

    await agent.stop()
    client.close()
    agent = await startAgentProcess({
      args: ['--simulate', '--pair', 'new-code-12345'],
      stateDir,
      origins: [ORIGIN],
      port,
    })
    client = await connectAgent(port, ORIGIN)
    await expect(client.call('agent.pair', { secret: SECRET })).resolves.toMatchObject({
      error: { code: RPC_ERRORS.pairingRefused },
    })
    await expect(client.call('agent.pair', { secret: 'new-code-12345' })).resolves.toEqual({
      result: { paired: true },
    })
  }, 30_000)
})
