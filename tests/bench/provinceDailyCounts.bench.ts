/**
 * `backend.pg.provinceDailyCounts`: the ops daily counts of a province's month on PostgreSQL. 20,000 terminals ×
 * 30 days at the district's rate (provinceMonth.ts, written in bulk through the Storage, so the rollups are
 * ingest's own), then `GET /api/ops/daily-counts?layout=columns` over the month from the real backend process,
 * one day changed before each request (a terminal syncing today), by department, by terminal and by district (the
 * terminals stand in the province's districts and counties as the fleet's province profile places them). The
 * baseline, in the same run on the same database: a plain `GROUP BY` over the same rollup rows the report reads,
 * through the primary keys that lead with the day. Target: report p95 ≤ 2× baseline p95.
 */
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import type { Sql } from 'postgres'
import { openPostgres } from '../../mock-backend/src/db/postgres/connect'
import { PostgresStorage } from '../../mock-backend/src/db/postgres/postgresStorage'
import { bindFingerprints } from '../../mock-backend/src/privacy/fingerprintKey'
import { FINGERPRINT_KEY_BYTES } from '../../mock-backend/src/privacy/fingerprints'
import { daysBetween, shanghaiDay } from '../../mock-backend/src/time'
import { buildSearchIndex } from '../../services-catalog/src/searchIndex'
import { withBackend } from './backendProcess'
import { staffToken } from './benchApi'
import { loadDefaultCatalog, submittableItems } from './benchData'
import type { BenchContext } from './benchPostgres'
import { withBenchDatabase } from './benchPostgres'
import { timeOnce, timeReport } from './dailyCounts.bench'
import { atMost, type Figure, percentile, round } from './figures'
import { benchProvinceTerminals, smallerLook } from './fleetProvinceTerminals'
import { type ProvinceMonth, writeProvinceMonth } from './provinceMonth'

/** Days of the month reported, ending yesterday. */
const MONTH_DAYS = 30
/** Items the province's terminals offer (as the district's). */
const OFFERED_ITEMS = 240
/** Timed samples per grouping, for the report and for the baseline. */
const SAMPLES = 20
/** A grouping's report samples stop after this long (a slow report must not stall the run). */
const REPORT_TIME_BOX_MS = 60_000
/** The target: report p95 at most this many times the plain GROUP BY's p95. */
const RATIO_TARGET = 2

/** The groupings measured, each with its baseline over the rollup the report reads (every parameter a day). */
const GROUPINGS = {
  department: {
    rollup: 'transaction_daily_session',
    sql: `SELECT day, department, sum(n) AS transactions, count(DISTINCT session_id) AS sessions
          FROM transaction_daily_session WHERE day BETWEEN $1 AND $2 GROUP BY day, department`,
  },
  terminal: {
    rollup: 'transaction_daily',
    sql: `SELECT day, terminal_id, sum(n) AS transactions
          FROM transaction_daily WHERE day BETWEEN $1 AND $2 GROUP BY day, terminal_id`,
  },
  district: {
    rollup: 'transaction_daily',
    sql: `SELECT day, district_code, sum(n) AS transactions
          FROM transaction_daily WHERE day BETWEEN $1 AND $2 GROUP BY day, district_code`,
  },
} as const

/** The month's days, ending yesterday (Shanghai). */
function monthDays(): string[] {
  const yesterday = new Date(Date.parse(`${shanghaiDay(Date.now())}T00:00:00Z`) - 86_400_000)
  const first = new Date(yesterday.getTime() - (MONTH_DAYS - 1) * 86_400_000)
  return daysBetween(first.toISOString().slice(0, 10), yesterday.toISOString().slice(0, 10))
}

/** Rows of each table the reports read, for the note. */
async function rowCounts(sql: Sql): Promise<string> {
  const tables = [
    'transactions',
    'counters',
    'transaction_daily',
    'transaction_daily_session',
    'counter_daily_terminal',
  ]
  const counts: string[] = []
  for (const table of tables) {
    const [row] = await sql.unsafe<{ n: number }[]>(`SELECT count(*) AS n FROM ${table}`)
    counts.push(`${table} ${row!.n}`)
  }
  return counts.join(', ')
}

/** The figures (see the file comment); the database is dropped afterwards. */
export async function provinceDailyCountsFigures({ postgres }: BenchContext): Promise<Figure[]> {
  const server = await postgres.serverUrl()
  return withBenchDatabase(server, 'bench_pg_province', async (url) => {
    const days = monthDays()
    const [first, last] = [days[0]!, days.at(-1)!]
    const catalog = loadDefaultCatalog()
    const items = submittableItems(catalog, []).slice(0, OFFERED_ITEMS)
    const sql = await openPostgres(url)
    try {
      const store = new PostgresStorage(sql)
      await store.publishCatalog(
        catalog,
        buildSearchIndex(catalog.items),
        'bench',
        '',
        new Date().toISOString(),
      )
      // Bound to a fingerprint key before the rows are written, as a running backend's database is: otherwise the
      // backend's first start takes the month for a database from before the key and rewrites every row's
      // fingerprints (minutes for 2.2 M rows, past the bench's start-up wait).
      const key = randomBytes(FINGERPRINT_KEY_BYTES)
      await bindFingerprints(store, tmpdir(), key)
      const seeding = performance.now()
      const month = await writeProvinceMonth(store, days, items, benchProvinceTerminals())
      // What autovacuum does on a live server after a bulk load: the planner's statistics of the new rows.
      await sql`ANALYZE`
      const seedS = (performance.now() - seeding) / 1000
      const rows = await rowCounts(sql)
      console.error(`  province month: ${rows}; seeded in ${seedS.toFixed(0)} s`)
      const figures = await withBackend(
        async (backend) => {
          const ops = await staffToken(backend.url, 'ops')
          const out: Figure[] = []
          for (const by of Object.keys(GROUPINGS) as (keyof typeof GROUPINGS)[])
            out.push(...(await grouping(sql, store, backend.url, ops, month, { by, first, last })))
          return out
        },
        { env: { DATABASE_URL: url, FINGERPRINT_KEY: key.toString('base64url') } },
      )
      figures[0]!.note += `; ${month.terminals} terminals${smallerLook(month.terminals)} × ${MONTH_DAYS} days, seeded through the Storage in ${seedS.toFixed(0)} s: ${rows}`
      return figures
    } finally {
      await sql.end()
    }
  })
}

/** The report and its baseline for one grouping: p95s, their ratio against the target, and the cold request. */
async function grouping(
  sql: Sql,
  store: PostgresStorage,
  url: string,
  ops: string,
  month: ProvinceMonth,
  q: { by: keyof typeof GROUPINGS; first: string; last: string },
): Promise<Figure[]> {
  const query = { from: q.first, to: q.last, by: q.by }
  const expected = { transactions: month.transactions }
  const cold = await timeOnce(url, ops, query, 'columns', expected)
  let bump = 1_000
  // A terminal syncing the last day: its sessions count grows, so that day's figures change before each request.
  const touchLastDay = () =>
    store.mergeCounters(month.terminalIds[0]!, [
      { day: q.last, itemCode: '', metric: 'sessions', value: ++bump },
    ])
  const report = await timeReport(
    url,
    ops,
    query,
    'columns',
    expected,
    SAMPLES,
    touchLastDay,
    REPORT_TIME_BOX_MS,
  )
  const baseline: number[] = []
  let baselineRows = 0
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now()
    baselineRows = (await sql.unsafe(GROUPINGS[q.by].sql, [q.first, q.last])).length
    baseline.push(performance.now() - started)
  }
  const reportP95 = percentile(report.samples, 95)
  const baselineP95 = percentile(baseline, 95)
  const name = `backend.pg.provinceDailyCounts.by${q.by[0]!.toUpperCase()}${q.by.slice(1)}`
  console.error(
    `  province by=${q.by}: cold ${cold.ms.toFixed(0)} ms; report ${report.samples.map((s) => s.toFixed(0)).join(', ')} ms; baseline p95 ${baselineP95.toFixed(0)} ms`,
  )
  return [
    atMost(
      `${name}.ofBaseline`,
      round(reportP95 / baselineP95, 2),
      '×',
      RATIO_TARGET,
      `report p95 ${round(reportP95, 0)} ms (by=${q.by}&layout=columns over HTTP, one day changed before each, ${report.samples.length} samples, ${report.rows} rows, ${Math.round(report.bytes / 1024)} kB) / plain GROUP BY p95 ${round(baselineP95, 0)} ms (${GROUPINGS[q.by].rollup} by day, ${baselineRows} rows, ${SAMPLES} samples, same connection driver, same run)`,
    ),
    {
      name: `${name}.p95`,
      value: round(reportP95, 0),
      unit: 'ms',
      note: `the report's p95 alone (see .ofBaseline)`,
    },
    {
      name: `${name}.cold`,
      value: round(cold.ms, 0),
      unit: 'ms',
      note: `first request after start (every day computed, nothing cached yet): ${round(cold.ms / baselineP95, 1)}× the baseline p95`,
    },
  ]
}
