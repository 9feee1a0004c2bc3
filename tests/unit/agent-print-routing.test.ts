/**
 * Where the kiosk's prints go on a real terminal: through the device agent (`--simulate`, with a CUPS queue of the
 * test's own cupsd as its A4 printer), a 打印 item's document prints on the A4 printer and is read back from the
 * PDF, while a receipt prints on the ESC/POS receipt printer; an agent without an A4 printer prints documents on
 * the receipt printer, and one with only an A4 printer prints receipts there.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeviceLayer, deviceOptionsFromSearch } from '../../kiosk/src/devices/index'
import { connectAgent } from '../fixtures/node/agent/agentClient'
import { type AgentProcess, startAgentProcess } from '../fixtures/node/agent/agentProcess'
import { type CupsServer, cupsRigProblem, startCupsServer } from '../fixtures/node/agent/cupsServer'
import { pageWebSocket } from '../fixtures/node/agent/pageWebSocket'

const ORIGIN = 'http://127.0.0.1:4282'
const SECRET = 'terminal-pairing-secret-0077'
const problem = cupsRigProblem()

const DOCUMENT = {
  kind: 'document' as const,
  title: '社会保险参保缴费证明',
  lines: ['姓名：李*', '参保险种：城乡居民基本养老保险', '缴费年度：2026'],
}
const RECEIPT = { kind: 'receipt' as const, title: '申办回执', lines: ['办件编号：SB2026120500001'] }

describe('print routing through the agent', () => {
  let cups: CupsServer
  const agents: AgentProcess[] = []
  const dirs: string[] = []
  beforeAll(async () => {
    if (problem) throw new Error(problem)
    cups = await startCupsServer()
  }, 30_000)
  afterAll(async () => {
    for (const agent of agents) await agent.stop()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    await cups?.close()
  })

  const start = async (env: Record<string, string>, args = ['--simulate']) => {
    const stateDir = mkdtempSync(join(tmpdir(), 'agent-routing-'))
    dirs.push(stateDir)
    const agent = await startAgentProcess({
      args: [...args, '--pair', SECRET],
      stateDir,
      origins: [ORIGIN],
      env,
    })
    agents.push(agent)
    const reported: unknown[] = []
    const layer = createDeviceLayer(
      {
        ...deviceOptionsFromSearch(`?agentPort=${agent.port}`, () => {}),
        reportDevices: (states) => reported.push(states),
      },
      () => SECRET,
      pageWebSocket(ORIGIN),
    )
    layer.terminalKnown('T-REAL-ROUTING')
    await expect.poll(() => layer.devices.availability(), { timeout: 5000 }).toBe('ready')
    // The layer learns the agent's printers from the devices.list it reports to the heartbeat.
    await expect.poll(() => reported.length, { timeout: 5000 }).toBeGreaterThan(0)
    const operator = await connectAgent(agent.port, ORIGIN)
    await operator.call('agent.pair', { secret: SECRET })
    const receipts = async () =>
      ((await operator.call('sim.receipts')) as { result: { lines: string[] }[] }).result.map(
        (r) => r.lines[0],
      )
    return { devices: layer.devices, receipts, close: () => operator.close() }
  }

  it('sends documents to the A4 printer and receipts to the receipt printer', async () => {
    const rig = await start({ AGENT_CUPS_QUEUE: cups.queue, AGENT_CUPS_SERVER: cups.server })
    await rig.devices.printer.print(DOCUMENT)
    expect(await cups.nextPdfLines()).toEqual([DOCUMENT.title, ...DOCUMENT.lines])
    await rig.devices.printer.print(RECEIPT)
    expect(await rig.receipts()).toEqual([RECEIPT.title])
    rig.close()
  }, 40_000)

  it('prints a receipt on the A4 printer when the terminal has no receipt printer', async () => {
    // No --simulate: the agent runs only the CUPS queue it is given.
    const rig = await start({ AGENT_CUPS_QUEUE: cups.queue, AGENT_CUPS_SERVER: cups.server }, [])
    await rig.devices.printer.print(RECEIPT)
    expect(await cups.nextPdfLines()).toEqual([RECEIPT.title, ...RECEIPT.lines])
    rig.close()
  }, 40_000)

  it('prints a document on the receipt printer when the terminal has no A4 printer', async () => {
    const rig = await start({})
    await rig.devices.printer.print(DOCUMENT)
    expect(await rig.receipts()).toEqual([DOCUMENT.title])
    rig.close()
  }, 20_000)
})
