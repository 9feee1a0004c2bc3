/**
 * `backend.dailyCounts`: the fleet's year (yearSeed.ts: the district's 85 terminals, 113,212 transactions over the
 * 365 days ending yesterday), then `GET /api/ops/daily-counts` per day × key
 * over the whole year, timed over HTTP from this process (a separate client) until the body is fully read.
 *
 * Each timed request follows a counter write to the last day of the range (a terminal syncing today), so the
 * server must notice the change and recompute that day: the figure is the live dashboard's case, not a
 * repeat of an unchanged answer. The first request of a grouping (right after start, while server.ts still
 * pre-fills this year's per-day cache in the background) is
 * reported separately as `.cold`. The target figures use the compact `layout=columns` answer; the original
 * row-object layout is reported as `.rows` (no target), the dashboard's whole-year tables (span=range) as
 * `.range` (no target). After the server stops, the same file is read
 * in-process to split where the time goes and to take the uncached report as the baseline of a ratio.
 */

import { rmSync } from 'node:fs'
import { loadConfig } from '../../mock-backend/src/config'
import { METRICS } from '../../mock-backend/src/contract'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import type { GroupBy } from '../../mock-backend/src/db/reportRows'
import { openDatabase } from '../../mock-backend/src/db/sqlite/open'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import { type DailyCountsColumns, rowsFromColumns } from '../../mock-backend/src/reports/columns'
import { dailyCounts } from '../../mock-backend/src/reports/dailyCounts'
import { createAppDeps } from '../../mock-backend/src/server'
import { shanghaiDay } from '../../mock-backend/src/time'
import { backdateHistory, dbPathOf } from '../fixtures/node/backend/history'
import { makeDataDir, withBackend } from './backendProcess'
import { api, demoTerminal, staffToken } from './benchApi'
import { atMost, type Figure, median, round } from './figures'
import { terminalYearProfile, type WrittenYear, writeYear } from './yearSeed'

const SAMPLES = 5
const ROWS_SAMPLES = 3
/** Once this much time went into one grouping's samples, take no further ones (a slow report must not stall the run). */
const GROUPING_TIME_BOX_MS = 6_000
const GROUPINGS = ['item', 'department', 'terminal'] as const
/** Days of the seeded year, ending yesterday. */
const YEAR_DAYS = 365

/** The answer layouts of GET /api/ops/daily-counts. */
export type Layout = 'rows' | 'columns'

/** The daily-counts figures (see the file comment); the data directory is removed afterwards. */
export async function dailyCountsFigures(): Promise<Figure[]> {
  const today = shanghaiDay(Date.now())
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
  const first = new Date(Date.parse(`${yesterday}T00:00:00Z`) - (YEAR_DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const dataDir = makeDataDir()
  const generating = performance.now()
  let written: WrittenYear
  try {
    written = await writeYearInto(dataDir, first, yesterday)
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  const generateS = (performance.now() - generating) / 1000
  console.error(
    `  daily-counts: wrote ${written.counters} counters and ${written.transactions} transactions in ${generateS.toFixed(1)} s`,
  )
  if (!METRICS.includes('rating5')) throw new Error('contract METRICS changed: update the bench')
  try {
    const figures = await withBackend(
      async ({ url }) => {
        const ops = await staffToken(url, 'ops')
        const terminal = (await demoTerminal(url)).token
        // The demo terminal counts only from its enrolment day on: it has served since the year began.
        backdateHistory(dbPathOf(dataDir), `${first}T09:00:00+08:00`)
        let bump = 0
        // A terminal syncing the last day of the range: a new sessions count, so that day's figures change.
        const touchLastDay = async () => {
          const answer = await api<{ accepted: number }>(url, '/api/terminal/counters', {
            token: terminal,
            body: { counters: [{ day: yesterday, itemCode: '', metric: 'sessions', value: ++bump }] },
          })
          if (answer.accepted !== 1) throw new Error('the last day was not touched: counter refused')
        }
        const expected = { transactions: written.transactions }
        const out: Figure[] = []
        for (const by of GROUPINGS) {
          const q = { from: first, to: yesterday, by }
          const cold = await timeOnce(url, ops, q, 'columns', expected)
          const warm = await timeReport(url, ops, q, 'columns', expected, SAMPLES, touchLastDay)
          const rows = await timeReport(url, ops, q, 'rows', expected, ROWS_SAMPLES, touchLastDay)
          console.error(
            `  daily-counts by=${by}: cold ${cold.ms.toFixed(0)} ms; columns ${warm.samples.map((s) => s.toFixed(0)).join(', ')} ms; rows ${rows.samples.map((s) => s.toFixed(0)).join(', ')} ms`,
          )
          const name =
            by === 'item'
              ? 'backend.dailyCounts.year'
              : `backend.dailyCounts.year.by${by[0]!.toUpperCase()}${by.slice(1)}`
          out.push(
            atMost(
              name,
              round(median(warm.samples), 0),
              'ms',
              100,
              `by=${by}&layout=columns, one day changed before each, ${sampled(warm.samples, SAMPLES)}; ${warm.rows} rows, ${kB(warm.bytes)} (timed to the last body byte; JSON.parse + decode after, untimed: ${warm.parseMs.toFixed(0)} ms)`,
            ),
            {
              name: `${name}.rows`,
              value: round(median(rows.samples), 0),
              unit: 'ms',
              note: `by=${by}, default row-object layout, one day changed before each, ${sampled(rows.samples, ROWS_SAMPLES)}; ${kB(rows.bytes)}`,
            },
            {
              name: `${name}.cold`,
              value: round(cold.ms, 0),
              unit: 'ms',
              note: `by=${by}&layout=columns, first request right after start, while the startup pre-fill of this year (server.ts) is still running`,
            },
          )
        }
        // The dashboard's whole-range tables (span=range), summed from the days the requests above cached.
        const range = await timeReport(
          url,
          ops,
          { from: first, to: yesterday, by: 'item', span: 'range' },
          'rows',
          expected,
          ROWS_SAMPLES,
          touchLastDay,
        )
        console.error(
          `  daily-counts by=item&span=range: ${range.samples.map((s) => s.toFixed(0)).join(', ')} ms`,
        )
        out.push({
          name: 'backend.dailyCounts.year.range',
          value: round(median(range.samples), 0),
          unit: 'ms',
          note: `by=item&span=range (the ops tables), days cached by the requests above, one day changed before each, ${sampled(range.samples, ROWS_SAMPLES)}; ${range.rows} rows`,
        })
        return out
      },
      { dataDir },
    )
    const split = await inProcessSplit(dataDir, first, yesterday)
    figures[0]!.note += `; the fleet's year (${written.terminalIds.length} terminals, ${written.items} items, ${written.days} days) = ${written.counters} counter rows + ${written.transactions} transactions; in-process by=item: ${split}`
    return figures
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The fleet's year of terminals over [from, to] written into DATA_DIR's SQLite file (terminal ids T-BENCH-…). */
async function writeYearInto(dataDir: string, from: string, to: string): Promise<WrittenYear> {
  const db = openDatabase(dataDir)
  try {
    return await writeYear(new SqliteStorage(db), terminalYearProfile(from, to), { prefix: 'T-BENCH' })
  } finally {
    db.close()
  }
}

const kB = (bytes: number) => `${Math.round(bytes / 1024)} kB`
const sampled = (samples: number[], wanted: number) =>
  samples.length === wanted ? `median of ${wanted}` : `median of ${samples.length} (time box)`

/** One timed report request: ms to the last body byte, body size, rows, and the untimed parse. */
export interface Timed {
  ms: number
  bytes: number
  rows: number
  parseMs: number
}

/** One request timed until its body is fully read; then parsed (untimed) and checked against the data. */
export async function timeOnce(
  url: string,
  token: string,
  q: { from: string; to: string; by: GroupBy; span?: 'range' },
  layout: Layout,
  expected: { transactions: number },
): Promise<Timed> {
  const span = q.span ? `&span=${q.span}` : ''
  const path = `/api/ops/daily-counts?from=${q.from}&to=${q.to}&by=${q.by}${span}${layout === 'columns' ? '&layout=columns' : ''}`
  const sent = performance.now()
  const answer = await fetch(`${url}${path}`, {
    headers: { authorization: `Bearer ${token}`, 'x-api-version': String(API_VERSION) },
  })
  const body = await answer.arrayBuffer()
  const ms = performance.now() - sent
  if (!answer.ok)
    throw new Error(`GET ${path} → ${answer.status}: ${Buffer.from(body).toString().slice(0, 300)}`)
  const parsing = performance.now()
  const parsed = JSON.parse(Buffer.from(body).toString('utf8'))
  const report = layout === 'columns' ? rowsFromColumns(parsed as DailyCountsColumns) : parsed
  const parseMs = performance.now() - parsing
  const counted = report.rows.reduce((n: number, r: { transactions: number }) => n + r.transactions, 0)
  if (report.totals.transactions !== expected.transactions || counted !== expected.transactions) {
    throw new Error(
      `daily-counts by=${q.by} (${layout}) counted ${report.totals.transactions} (rows: ${counted}) of ${expected.transactions} transactions`,
    )
  }
  return { ms, bytes: body.byteLength, rows: report.rows.length, parseMs }
}

/** Up to `count` samples (time-boxed, GROUPING_TIME_BOX_MS unless `boxMs`), each after `beforeEach` (untimed). */
export async function timeReport(
  url: string,
  token: string,
  q: { from: string; to: string; by: GroupBy; span?: 'range' },
  layout: Layout,
  expected: { transactions: number },
  count: number,
  beforeEach: () => Promise<unknown>,
  boxMs = GROUPING_TIME_BOX_MS,
): Promise<{ samples: number[]; rows: number; bytes: number; parseMs: number }> {
  const samples: number[] = []
  let last: Timed | undefined
  const started = performance.now()
  while (samples.length < count) {
    await beforeEach()
    last = await timeOnce(url, token, q, layout, expected)
    samples.push(last.ms)
    if (performance.now() - started > boxMs) break
  }
  return { samples, rows: last?.rows ?? 0, bytes: last?.bytes ?? 0, parseMs: last?.parseMs ?? 0 }
}

/**
 * The by=item report in-process on the same file after the server stopped: the uncached report (rollup SQL,
 * aggregation, JSON.stringify) as the baseline, the cache filled once, then a warm answer with one day changed.
 */
async function inProcessSplit(dataDir: string, from: string, to: string): Promise<string> {
  const db = openDatabase(dataDir)
  try {
    const store = new SqliteStorage(db)
    const deps = await createAppDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }), store)
    const { labels } = await deps.reportLabels.current()
    let t = performance.now()
    const inputs = await store.reports.countsInputs({ from, to, by: 'item', span: 'day' })
    const sqlMs = performance.now() - t
    t = performance.now()
    const report = dailyCounts({ from, to, by: 'item', ...inputs, labels })
    const aggregateMs = performance.now() - t
    t = performance.now()
    JSON.stringify(report)
    const stringifyMs = performance.now() - t
    const uncachedMs = sqlMs + aggregateMs + stringifyMs
    t = performance.now()
    await deps.dailyCounts.json(from, to, 'item', 'columns')
    const fillMs = performance.now() - t
    await store.mergeCounters('T-BENCH-001', [
      { day: to, itemCode: '', metric: 'sessions', value: 1_000_000 },
    ])
    t = performance.now()
    Buffer.concat(await deps.dailyCounts.json(from, to, 'item', 'columns'))
    const warmMs = performance.now() - t
    return (
      `uncached ${uncachedMs.toFixed(0)} ms (rollup SQL ${sqlMs.toFixed(0)}, aggregation ${aggregateMs.toFixed(0)}, JSON.stringify ${stringifyMs.toFixed(0)}); ` +
      `cache fill ${fillMs.toFixed(0)} ms; warm with one day changed ${warmMs.toFixed(1)} ms = ${round(uncachedMs / warmMs, 0)}× faster than uncached`
    )
  } finally {
    db.close()
  }
}
