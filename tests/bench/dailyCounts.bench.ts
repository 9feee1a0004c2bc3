import { rmSync } from 'node:fs'
import { METRICS } from '../../mock-backend/src/contract'
import { openDatabase } from '../../mock-backend/src/db/open'
import { Store } from '../../mock-backend/src/db/store'
import { dailyCounts, type GroupBy } from '../../mock-backend/src/reports/dailyCounts'
import { daysBetween, shanghaiDay } from '../../mock-backend/src/time'
import { makeDataDir, withBackend } from './backendProcess'
import { api, staffToken } from './benchApi'
import { loadDefaultCatalog } from './benchData'
import { writeYear, YEAR_DAYS, YEAR_ITEMS, YEAR_TERMINALS } from './benchYear'
import { atMost, type Figure, median, round } from './figures'

const SAMPLES = 5
/** Once this much time went into one grouping, take no further samples (a slow report must not stall the run). */
const GROUPING_TIME_BOX_MS = 6_000

export async function dailyCountsFigures(): Promise<Figure[]> {
  const today = shanghaiDay(Date.now())
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
  const first = new Date(Date.parse(`${yesterday}T00:00:00Z`) - (YEAR_DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const days = daysBetween(first, yesterday)
  const dataDir = makeDataDir()
  const generating = performance.now()
  let written: { counters: number; transactions: number }
  try {
    written = writeYear(dataDir, days, { seed: 20_240_101, prefix: 'T-BENCH' })
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
        const out: Figure[] = []
        for (const by of ['item', 'department', 'terminal'] as const) {
          const { samples, rows } = await timeReport(
            url,
            ops,
            { from: first, to: yesterday, by },
            written.transactions,
          )
          console.error(`  daily-counts by=${by}: ${samples.map((s) => s.toFixed(0)).join(', ')} ms`)
          const name =
            by === 'item'
              ? 'backend.dailyCounts.year'
              : `backend.dailyCounts.year.by${by[0]!.toUpperCase()}${by.slice(1)}`
          const sampled =
            samples.length === SAMPLES ? `median of ${SAMPLES}` : `median of ${samples.length} (time box)`
          out.push(
            atMost(name, round(median(samples), 0), 'ms', 100, `by=${by}, ${sampled}; ${rows} rows out`),
          )
        }
        return out
      },
      { dataDir },
    )
    const split = serverSideSplit(dataDir, first, yesterday)
    figures[0]!.note += `; ${YEAR_TERMINALS} terminals × ${YEAR_ITEMS} items × ${YEAR_DAYS} days = ${written.counters} counter rows + ${written.transactions} transactions; in-process split: counters SQL ${split.countersMs} ms, facts SQL ${split.factsMs} ms, aggregation ${split.aggregateMs} ms`
    return figures
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Times one report over HTTP (up to 5 samples, time-boxed) and checks it counted every transaction. */
async function timeReport(
  url: string,
  token: string,
  q: { from: string; to: string; by: GroupBy },
  expectedTransactions: number,
): Promise<{ samples: number[]; rows: number }> {
  const path = `/api/ops/daily-counts?from=${q.from}&to=${q.to}&by=${q.by}`
  const samples: number[] = []
  let rows = 0
  const started = performance.now()
  while (samples.length < SAMPLES) {
    const sent = performance.now()
    const report = await api<{ rows: unknown[]; totals: { transactions: number } }>(url, path, {
      method: 'GET',
      token,
    })
    samples.push(performance.now() - sent)
    rows = report.rows.length
    if (report.totals.transactions !== expectedTransactions) {
      throw new Error(
        `daily-counts by=${q.by} counted ${report.totals.transactions} of ${expectedTransactions} transactions`,
      )
    }
    if (performance.now() - started > GROUPING_TIME_BOX_MS) break
  }
  return { samples, rows }
}

/** Where the by=item report's time goes, measured in-process on the same file after the server stopped. */
function serverSideSplit(dataDir: string, from: string, to: string) {
  const db = openDatabase(dataDir)
  try {
    const store = new Store(db)
    let t = performance.now()
    const counters = store.counterAggregates(from, to)
    const countersMs = Math.round(performance.now() - t)
    t = performance.now()
    const facts = store.transactionFacts(from, to)
    const factsMs = Math.round(performance.now() - t)
    const items = new Map(
      loadDefaultCatalog().items.map((i) => [i.code, { name: i.name.zh, department: i.department }]),
    )
    t = performance.now()
    dailyCounts({
      from,
      to,
      by: 'item',
      counters,
      facts,
      labels: { items, departments: new Map(), terminals: new Map() },
    })
    const aggregateMs = Math.round(performance.now() - t)
    return { countersMs, factsMs, aggregateMs }
  } finally {
    db.close()
  }
}
