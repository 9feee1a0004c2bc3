/**
 * Device agent figures (issue 19), through the real agent process (`--simulate`) and the kiosk's own device layer
 * (in Node, over the same WebSocket protocol the page uses):
 * - card placed on the paced serial simulator → identity delivered to the kiosk layer (onCardPlaced, then read):
 *   median of 20, against the wire time of the same frames at 115200 baud plus the find-card poll interval;
 * - print called → the last byte at the simulated ESC/POS printer (median of 20).
 * "On screen" adds the page's render after the identity arrives, which kiosk.tap measures for taps.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FIND_CARD_POLL_MS } from '../../kiosk/agent/idcard/samReader'
import { wireTimeMs } from '../../kiosk/agent/transport/byteLine'
import { createDeviceLayer, deviceOptionsFromSearch } from '../../kiosk/src/devices/index'
import type { IdCard } from '../../kiosk/src/devices/types'
import { connectAgent } from '../fixtures/node/agent/agentClient'
import { startAgentProcess } from '../fixtures/node/agent/agentProcess'
import { pageWebSocket } from '../fixtures/node/agent/pageWebSocket'
import { atMost, type Figure, median, round } from './figures'

const SAMPLES = 20
const WARM_UP = 2
const ORIGIN = 'http://127.0.0.1:8080'
const SECRET = 'bench-pairing-secret-0001'
/** Frames of one card read: find, select and read requests (10 bytes each) and their replies (15, 19, 1295). */
const READ_WIRE_BYTES = 3 * 10 + 15 + 19 + 1295
/** What the agent, the WebSocket and the kiosk layer may add on top of the line and the poll. */
const SOFTWARE_BUDGET_MS = 100
/** Tap on print → last byte: one ESC/POS receipt over loopback TCP with a status check per line. */
const PRINT_TARGET_MS = 500

/** The figures. */
export async function agentFigures(): Promise<Figure[]> {
  const stateDir = mkdtempSync(join(tmpdir(), 'agent-bench-'))
  const agent = await startAgentProcess({
    args: ['--simulate', '--pair', SECRET],
    stateDir,
    origins: [ORIGIN],
  })
  const operator = await connectAgent(agent.port, ORIGIN)
  try {
    await operator.call('agent.pair', { secret: SECRET })
    const layer = createDeviceLayer(
      deviceOptionsFromSearch(`?agentPort=${agent.port}`, () => {}),
      () => SECRET,
      pageWebSocket(ORIGIN),
    )
    layer.terminalKnown('T-BENCH-0001')
    const { devices } = layer
    const deadline = Date.now() + 5000
    while (devices.availability() !== 'ready') {
      if (Date.now() > deadline) throw new Error('the kiosk layer did not pair with the agent')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }

    const reads: number[] = []
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      const identity = new Promise<IdCard>((resolve, reject) => {
        const off = devices.onCardPlaced(() => {
          off()
          devices.idCardReader.read().then(resolve, reject)
        })
      })
      const placed = performance.now()
      await operator.call('sim.placeCard', { card: 'demo' })
      await identity
      if (i >= WARM_UP) reads.push(performance.now() - placed)
      await operator.call('sim.removeCard')
      await operator.waitForEvent('idCard.removed')
    }

    const prints: number[] = []
    const job = {
      kind: 'receipt' as const,
      title: '申办回执',
      lines: ['办件编号：GD-2026-000001', '事项：城乡居民养老保险参保登记', '请妥善保管'],
    }
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      const tapped = Date.now()
      await devices.printer.print(job)
      const { result } = (await operator.call('sim.printerLastByteAt')) as { result: { at: number } }
      if (i >= WARM_UP) prints.push(result.at - tapped)
    }

    const wire = wireTimeMs(READ_WIRE_BYTES)
    const floor = wire + FIND_CARD_POLL_MS
    return [
      atMost(
        'agent.card.placedToIdentity.median',
        round(median(reads)),
        'ms',
        round(floor + SOFTWARE_BUDGET_MS),
        `${SAMPLES} reads; wire ${round(wire)} ms at 115200 baud + poll ${FIND_CARD_POLL_MS} ms = ${round(floor)} ms; max ${round(Math.max(...reads))} ms`,
      ),
      atMost(
        'agent.print.tapToLastByte.median',
        round(median(prints)),
        'ms',
        PRINT_TARGET_MS,
        `${SAMPLES} receipts of ${job.lines.length + 1} lines to the simulated ESC/POS printer on loopback TCP`,
      ),
    ]
  } finally {
    operator.close()
    await agent.stop()
    rmSync(stateDir, { recursive: true, force: true })
  }
}
