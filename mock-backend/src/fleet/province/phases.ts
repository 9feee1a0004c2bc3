/**
 * The province profile's three phases, each bounded in count and wall time:
 * - the morning peak, in real time: the peak hour's first seconds of records, each sent by its terminal at its
 *   own instant (offset from the window's start), while every terminal heartbeats at the kiosk's interval;
 * - the reconnect storm: every terminal comes back at once after a 2-hour outage, heartbeats and sends the
 *   records it queued meanwhile; the drain time is the wall time until the last answer;
 * - the closed-loop maximum: terminals send their queued days as fast as answers allow (one request in flight
 *   per connection), heartbeats going on at their rate, to find the ceiling.
 * Terminals speak through terminalCalls.ts (the kiosk's batching, backoff and split rules).
 */
import { HEARTBEAT_INTERVAL_MS } from '../../../../kiosk/src/machines/syncMachine'
import type { TransactionRecord } from '../../contract'
import { type CpuShare, cpuMeter, type MeasuredProcess } from '../cpu'
import { type FleetTally, newTally } from '../stats'
import { sendHeartbeat, sendRecords, type TerminalLink } from '../terminalCalls'

/** A terminal's queued records. */
export interface TerminalRecords {
  terminal: number
  records: TransactionRecord[]
}

/** What a phase needs from the run: each terminal's link for a tally, and the processes to measure. */
export interface PhaseContext {
  terminals: number
  /** Terminal `i`'s link, counting into `tally`. */
  link(terminal: number, tally: FleetTally): TerminalLink
  /** Requests in flight at most (the fleet's sockets): workers of the storm and the closed loop. */
  parallel: number
  processes: readonly MeasuredProcess[]
  ticksPerSecond: number
  catalogVersion: number
}

/** One phase's figures. */
export interface PhaseReport {
  name: 'morning peak' | 'reconnect storm' | 'closed-loop maximum'
  wallMs: number
  tally: FleetTally
  /** Offered load, for the phases that offer one (the peak's records and every timed heartbeat). */
  offeredTxPerSecond: number | null
  offeredHeartbeatsPerSecond: number | null
  cpu: CpuShare[]
  /** Work left when the phase reached its time limit: terminals not reconnected (storm), terminal-days (closed loop). */
  unsent: number
  /** The records the phase sent (for the database check). */
  records: TransactionRecord[]
}

const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms))
/** How often the heartbeat pacer looks at the time. */
const PACER_TICK_MS = 10

/**
 * Heartbeats at `perSecond` over the terminals in turn, at most `parallel` in flight (past that they fall
 * behind, and the achieved rate says so); `stop` waits for those in flight.
 */
function heartbeatPacer(context: PhaseContext, tally: FleetTally, perSecond: number) {
  const started = performance.now()
  let sent = 0
  let inFlight = 0
  const pending = new Set<Promise<void>>()
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond)
    while (sent < due && inFlight < context.parallel) {
      const terminal = sent % context.terminals
      sent += 1
      inFlight += 1
      const beat = sendHeartbeat(context.link(terminal, tally), null, context.catalogVersion)
        .catch(() => {
          tally.errors += 1
        })
        .finally(() => {
          inFlight -= 1
          pending.delete(beat)
        })
      pending.add(beat)
    }
  }, PACER_TICK_MS)
  return {
    stop: async () => {
      clearInterval(timer)
      await Promise.all(pending)
    },
  }
}

/** Every terminal's heartbeat rate together: one per HEARTBEAT_INTERVAL_MS each. */
export function heartbeatsPerSecond(terminals: number): number {
  return terminals / (HEARTBEAT_INTERVAL_MS / 1000)
}

/** A phase's start with the heartbeats going on: its tally, CPU meter, heartbeat rate and pacer, start time. */
function timedPhase(context: PhaseContext) {
  const tally = newTally()
  const cpu = cpuMeter(context.processes, context.ticksPerSecond)
  const beats = heartbeatsPerSecond(context.terminals)
  return { tally, cpu, beats, pacer: heartbeatPacer(context, tally, beats), started: performance.now() }
}

/** Sends `records` (sorted by createdAt) each at its offset from `windowStartMs`, in real time, heartbeats going on. */
export async function morningPeak(
  context: PhaseContext,
  records: readonly { terminal: number; record: TransactionRecord }[],
  windowStartMs: number,
  windowMs: number,
): Promise<PhaseReport> {
  const { tally, cpu, beats, pacer, started } = timedPhase(context)
  const sends: Promise<void>[] = []
  for (const { terminal, record } of records) {
    const ahead = started + (Date.parse(record.createdAt) - windowStartMs) - performance.now()
    if (ahead > 0) await wait(ahead)
    sends.push(
      sendRecords(context.link(terminal, tally), [record]).catch(() => {
        tally.errors += 1
      }),
    )
  }
  const left = started + windowMs - performance.now()
  if (left > 0) await wait(left)
  await pacer.stop()
  await Promise.all(sends)
  return {
    name: 'morning peak',
    wallMs: performance.now() - started,
    tally,
    offeredTxPerSecond: records.length / (windowMs / 1000),
    offeredHeartbeatsPerSecond: beats,
    cpu: cpu(),
    unsent: 0,
    records: records.map((r) => r.record),
  }
}

/**
 * Every terminal reconnects at once: a heartbeat, then its backlog; done when the last answer is in. No terminal
 * starts past `limitMs` (those left are the report's `unsent`: the storm did not drain).
 */
export async function reconnectStorm(
  context: PhaseContext,
  backlog: ReadonlyMap<number, TransactionRecord[]>,
  limitMs: number,
): Promise<PhaseReport> {
  const tally = newTally()
  const cpu = cpuMeter(context.processes, context.ticksPerSecond)
  const started = performance.now()
  let next = 0
  const sent: TransactionRecord[] = []
  const worker = async () => {
    while (performance.now() - started < limitMs && next < context.terminals) {
      const terminal = next++
      const link = context.link(terminal, tally)
      sent.push(...(backlog.get(terminal) ?? []))
      try {
        await sendHeartbeat(link, null, context.catalogVersion)
        await sendRecords(link, backlog.get(terminal) ?? [])
      } catch {
        tally.errors += 1
      }
    }
  }
  await Promise.all(Array.from({ length: context.parallel }, worker))
  return {
    name: 'reconnect storm',
    wallMs: performance.now() - started,
    tally,
    offeredTxPerSecond: null,
    offeredHeartbeatsPerSecond: null,
    cpu: cpu(),
    unsent: context.terminals - next,
    records: sent,
  }
}

/** Sends `queue` (terminal-days) as fast as answers allow, `parallel` at once, until done or `limitMs` passed. */
export async function closedLoop(
  context: PhaseContext,
  queue: readonly TerminalRecords[],
  limitMs: number,
): Promise<PhaseReport> {
  const { tally, cpu, beats, pacer, started } = timedPhase(context)
  const sent: TransactionRecord[] = []
  let next = 0
  let taken = 0
  const worker = async () => {
    while (performance.now() - started < limitMs && next < queue.length) {
      const { terminal, records } = queue[next++]!
      taken += 1
      sent.push(...records)
      await sendRecords(context.link(terminal, tally), records).catch(() => {
        tally.errors += 1
      })
    }
  }
  await Promise.all(Array.from({ length: context.parallel }, worker))
  const wallMs = performance.now() - started
  await pacer.stop()
  return {
    name: 'closed-loop maximum',
    wallMs,
    tally,
    offeredTxPerSecond: null,
    offeredHeartbeatsPerSecond: beats,
    cpu: cpu(),
    unsent: queue.length - taken,
    records: sent,
  }
}
