/**
 * `backend.pg.fleet`: the fleet's province profile (mock-backend/src/fleet/province/) on PostgreSQL, once with 1
 * node and once with 2 (each run the fleet's own backend processes on a fresh database of the bench server): the
 * closed-loop maximum of each and their ratio, with every process's CPU share, and the reconnect storm of every
 * terminal after a 2-hour outage (drained with 0 errors and 0 duplicates, checked in the database; time reported).
 * BENCH_PROVINCE_TERMINALS=N for a smaller look.
 */
import { rmSync } from 'node:fs'
import {
  type PhaseSummary,
  type ProvinceSummary,
  provinceProblems,
} from '../../mock-backend/src/fleet/province/report'
import { runProvinceFleet } from '../fixtures/node/backend/fleetProcess'
import { makeDataDir } from './backendProcess'
import type { BenchContext } from './benchPostgres'
import { withBenchDatabase } from './benchPostgres'
import { type Figure, round } from './figures'
import { benchProvinceTerminals, smallerLook } from './fleetProvinceTerminals'

/**
 * The bench's phases: a 30 s real-time morning peak, and a closed loop over the first day's rest and one more
 * day, time-boxed at 60 s (its rate is what is compared, so the box only bounds the bench's length).
 */
const FLAGS = ['--peak-seconds', '30', '--closed-days', '1', '--closed-seconds', '60']
/** The fleet's staff passwords on the bench's throw-away databases. */
const STAFF = { ADMIN_PASSWORD: 'bench-admin-password', OPS_PASSWORD: 'bench-ops-password' }

const phase = (report: ProvinceSummary, name: PhaseSummary['name']) =>
  report.phases.find((p) => p.name === name)!
const cpuNote = (p: PhaseSummary) =>
  p.cpu.map((c) => `${c.name} ${c.share === null ? 'n/a' : c.share.toFixed(2)}`).join(', ')
const rate = (p: PhaseSummary) => (p.tally.sent * 1000) / p.wallMs

/** One province run with `nodes` nodes on a fresh database: the fleet's summary (it must exit 0). */
async function provinceRun(server: string, terminals: number, nodes: number): Promise<ProvinceSummary> {
  return withBenchDatabase(server, `bench_pg_fleet_${nodes}`, async (url) => {
    const dataDir = makeDataDir('kiosk-bench-fleet-')
    try {
      const run = await runProvinceFleet(
        ['--terminals', String(terminals), '--nodes', String(nodes), ...FLAGS],
        { DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'warn', ...STAFF },
      )
      console.error(run.output.replace(/^report .*$/m, '').trim())
      return run.report
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
}

export async function fleetProvinceFigures({ postgres }: BenchContext): Promise<Figure[]> {
  const server = await postgres.serverUrl()
  const terminals = benchProvinceTerminals()
  const size = `${terminals} terminals${smallerLook(terminals)}`
  const runs = [await provinceRun(server, terminals, 1), await provinceRun(server, terminals, 2)]
  const figures: Figure[] = []
  for (const [i, report] of runs.entries()) {
    const nodes = `${i + 1}node${i === 0 ? '' : 's'}`
    const closed = phase(report, 'closed-loop maximum')
    figures.push({
      name: `backend.pg.fleet.closedLoop.tps.${nodes}`,
      value: round(rate(closed)),
      unit: 'tx/s',
      note: `${size}; ${closed.tally.sent} sent in ${(closed.wallMs / 1000).toFixed(0)} s, batch answer p50 ${round(closed.p50)} ms p99 ${round(closed.p99)} ms, ${closed.tally.heartbeats} heartbeats, ${closed.tally.errors} errors; CPU (cores): ${cpuNote(closed)}`,
    })
    const storm = phase(report, 'reconnect storm')
    const c = report.check
    figures.push({
      name: `backend.pg.fleet.storm.drain.${nodes}`,
      value: round(storm.wallMs / 1000),
      unit: 's',
      target: '0 errors, 0 duplicates',
      ok: provinceProblems(report) === 0,
      note: `${size} back after a 2-hour outage: ${storm.tally.sent} records and ${storm.tally.heartbeats} heartbeats, p50 ${round(storm.p50)} ms p99 ${round(storm.p99)} ms, ${storm.tally.errors} errors; database: ${c.missing} missing, ${c.extraRows} extra rows, ${c.duplicateReferences} duplicate references of the run's ${c.references}; CPU (cores): ${cpuNote(storm)}`,
    })
    const peak = phase(report, 'morning peak')
    figures.push({
      name: `backend.pg.fleet.peak.p99.${nodes}`,
      value: round(peak.p99),
      unit: 'ms',
      note: `offered ${peak.offeredTxPerSecond?.toFixed(2)} tx/s and ${peak.offeredHeartbeatsPerSecond?.toFixed(1)} heartbeats/s (achieved ${round((peak.tally.heartbeats * 1000) / peak.wallMs)}/s), ${peak.tally.errors} errors; CPU (cores): ${cpuNote(peak)}`,
    })
  }
  const [one, two] = runs.map((r) => rate(phase(r, 'closed-loop maximum'))) as [number, number]
  figures.push({
    name: 'backend.pg.fleet.closedLoop.2nodesOf1',
    value: round(two / one, 2),
    unit: '×',
    note: `closed-loop maximum with 2 nodes ÷ with 1, same supply, same fleet connections (${size}); the CPU shares are in the tps rows`,
  })
  return figures
}
