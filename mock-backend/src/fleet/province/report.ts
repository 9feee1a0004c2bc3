/** The province run's summary: one block per phase, the database check, and whether the run is clean. */
import type { CpuShare } from '../cpu'
import type { FleetTally } from '../stats'
import { percentile } from '../stats'
import type { StoreCheck } from './check'
import type { PhaseReport } from './phases'
import type { ProvinceReport } from './run'

const perSecond = (n: number, ms: number) => (ms > 0 ? (n * 1000) / ms : 0)

function cpuLine(cpu: readonly CpuShare[]): string {
  return cpu.map((c) => `${c.name} ${c.share === null ? 'n/a' : c.share.toFixed(2)}`).join(', ')
}

/** One phase's figures: transactions per second, batch answers, heartbeat load, errors, time, CPU per process. */
export function phaseLines(phase: PhaseReport): string[] {
  const t = phase.tally
  const seconds = phase.wallMs / 1000
  const offered = [
    phase.offeredTxPerSecond === null ? null : `${phase.offeredTxPerSecond.toFixed(2)} tx/s`,
    phase.offeredHeartbeatsPerSecond === null
      ? null
      : `${phase.offeredHeartbeatsPerSecond.toFixed(1)} heartbeats/s`,
  ].filter((x) => x !== null)
  return [
    `${phase.name}: ${phase.name === 'reconnect storm' ? 'drained in' : 'wall'} ${seconds.toFixed(1)} s${offered.length > 0 ? `, offered ${offered.join(' and ')}` : ''}`,
    `  transactions ${t.sent} sent (${perSecond(t.sent, phase.wallMs).toFixed(1)} tx/s), ${t.stored} stored, ${t.replayed} replayed; batches ${t.batches}, answer p50 ${percentile(t.batchMs, 50).toFixed(1)} ms, p99 ${percentile(t.batchMs, 99).toFixed(1)} ms`,
    `  heartbeats ${t.heartbeats} (${perSecond(t.heartbeats, phase.wallMs).toFixed(1)}/s); errors ${t.errors}, retries ${t.retries}${phase.unsent > 0 ? `; stopped at its time limit with ${phase.unsent} ${phase.name === 'reconnect storm' ? 'terminals not reconnected' : 'terminal-days unsent'}` : ''}`,
    `  CPU share (cores): ${cpuLine(phase.cpu)}`,
  ]
}

/** The whole summary. */
export function provinceLines(report: ProvinceReport): string[] {
  const c = report.check
  return [
    ...report.phases.flatMap(phaseLines),
    `database check: ${c.checked} records sent, ${c.missing} missing, ${c.extraRows} rows beyond those answered stored, ${c.references} references, ${c.duplicateReferences} stored more than once`,
  ]
}

/** What `provinceProblems` reads: the run's report or its JSON summary. */
interface Outcome {
  phases: readonly { name: PhaseReport['name']; unsent: number; tally: { errors: number } }[]
  check: StoreCheck
}

/**
 * Errors of every phase, terminals the storm did not reconnect in its time, and every problem the database check
 * found: 0 for a clean run (a closed loop stopped by its time box is not a problem).
 */
export function provinceProblems(report: Outcome): number {
  const c = report.check
  const undrained = report.phases.find((p) => p.name === 'reconnect storm')?.unsent ?? 0
  return (
    report.phases.reduce((a, p) => a + p.tally.errors, 0) +
    undrained +
    c.missing +
    Math.abs(c.extraRows) +
    c.duplicateReferences
  )
}

/** The start of the line that carries the summary as JSON (the bench and the test read it). */
export const REPORT_PREFIX = 'report '

/** A phase as the summary line gives it: no per-record lists, the batch answer percentiles computed. */
export type PhaseSummary = Omit<PhaseReport, 'records' | 'tally'> & {
  tally: Omit<FleetTally, 'batchMs' | 'references'>
  p50: number
  p99: number
}

/** The run's figures as the summary line gives them. */
export type ProvinceSummary = Omit<ProvinceReport, 'phases'> & { phases: PhaseSummary[] }

/** The report without its per-record lists, for the one JSON line. */
export function summaryOf(report: ProvinceReport): ProvinceSummary {
  return {
    ...report,
    phases: report.phases.map(({ records: _records, tally, ...phase }) => {
      const { batchMs, references: _references, ...counts } = tally
      return { ...phase, tally: counts, p50: percentile(batchMs, 50), p99: percentile(batchMs, 99) }
    }),
  }
}
