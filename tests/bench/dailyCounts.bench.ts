/**
 * Ops report figure: GET /api/ops/daily-counts over a whole year for 85 terminals × 240 items, timed
 * against the real server process. The year is written beforehand with the backend's own store module
 * (through the HTTP API the ~0.6 M transactions alone would take minutes at the measured ingest rate).
 */
import { createHash, randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { hashSecret, newToken } from '../../mock-backend/src/auth/tokens'
import { METRICS } from '../../mock-backend/src/contract'
import { openDatabase } from '../../mock-backend/src/db/open'
import { type CounterValue, type NewTransaction, Store } from '../../mock-backend/src/db/store'
import { dailyCounts, type GroupBy } from '../../mock-backend/src/reports/dailyCounts'
import { daysBetween, shanghaiDay } from '../../mock-backend/src/time'
import { makeDataDir, withBackend } from './backendProcess'
import { api, staffToken } from './benchApi'
import { loadDefaultCatalog } from './benchData'
import { atMost, type Figure, median, round } from './figures'

const TERMINALS = 85
const ITEMS = 240
const DAYS = 365
/**
 * Distinct items a terminal sees used on one day (it still touches all 240 over the year). A quiet
 * terminal: the current report scans raw rows, so a busy year (20 items, 20 transactions a day:
 * 2.5 M counter rows) took ~45 s per query and cannot fit in a 5-minute bench run.
 */
const ITEMS_PER_DAY = 3
/** Transactions one terminal stores on one day. */
const TRANSACTIONS_PER_DAY = 3
const SAMPLES = 5
/** Once this much time went into one grouping, take no further samples (a slow report must not stall the run). */
const GROUPING_TIME_BOX_MS = 6_000

/** Small deterministic PRNG so the year looks the same in every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

/** The year of data: terminals, counters and transactions, written straight into DATA_DIR's SQLite file. */
function writeYear(dataDir: string, days: string[]): { counters: number; transactions: number } {
  const catalog = loadDefaultCatalog()
  const items = catalog.items.filter((i) => i.status === '有效').slice(0, ITEMS)
  if (items.length < ITEMS) throw new Error(`the default catalog has only ${items.length} active items`)
  const db = openDatabase(dataDir)
  const store = new Store(db)
  const random = prng(20_240_101)
  const now = new Date().toISOString()
  const resultJson = JSON.stringify({ reference: 'BENCH', kind: '查询' })
  let counters = 0
  let transactions = 0
  try {
    for (let t = 0; t < TERMINALS; t++) {
      const terminalId = `T-BENCH-${String(t + 1).padStart(3, '0')}`
      store.insertTerminal({
        id: terminalId,
        name: `压测终端 ${t + 1}`,
        location: '镇街便民服务中心',
        groups: [],
        tokenHash: hashSecret(newToken()),
        codeHash: null,
        codeExpiresAt: null,
        now,
      })
      const rows: CounterValue[] = []
      const stored: NewTransaction[] = []
      for (const [d, day] of days.entries()) {
        rows.push({ day, itemCode: '', metric: 'sessions', value: 30 + Math.floor(random() * 30) })
        for (let k = 0; k < ITEMS_PER_DAY; k++) {
          const item = items[(t * 7 + d * 13 + k * 12) % ITEMS]!
          const completions = 1 + Math.floor(random() * 4)
          rows.push({ day, itemCode: item.code, metric: 'views', value: completions * 3 })
          rows.push({ day, itemCode: item.code, metric: 'starts', value: completions + 1 })
          rows.push({ day, itemCode: item.code, metric: 'completions', value: completions })
          rows.push({ day, itemCode: item.code, metric: random() < 0.9 ? 'rating5' : 'rating3', value: 1 })
        }
        for (let n = 0; n < TRANSACTIONS_PER_DAY; n++) {
          const item = items[(t * 7 + d * 13 + (n % ITEMS_PER_DAY) * 12) % ITEMS]!
          const key = randomUUID()
          stored.push({
            key,
            payloadHash: createHash('sha256').update(key).digest('hex'),
            terminalId,
            sessionId: randomUUID(),
            itemCode: item.code,
            department: item.department,
            catalogVersion: 1,
            createdAt: `${day}T10:00:00+08:00`,
            day,
            receivedAt: `${day}T10:00:05+08:00`,
            resultJson,
            reference: `BENCH${String(transactions + stored.length).padStart(8, '0')}`,
          })
        }
      }
      store.insertTransactions(stored)
      transactions += stored.length
      counters += store.mergeCounters(terminalId, rows)
    }
  } finally {
    db.close()
  }
  return { counters, transactions }
}

/** Times the year-long report by item, department and terminal (median of up to 5 each). */
export async function dailyCountsFigures(): Promise<Figure[]> {
  const today = shanghaiDay(Date.now())
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
  const first = new Date(Date.parse(`${yesterday}T00:00:00Z`) - (DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const days = daysBetween(first, yesterday)
  const dataDir = makeDataDir()
  const generating = performance.now()
  let written: { counters: number; transactions: number }
  try {
    written = writeYear(dataDir, days)
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
    figures[0]!.note += `; ${TERMINALS} terminals × ${ITEMS} items × ${DAYS} days = ${written.counters} counter rows + ${written.transactions} transactions; in-process split: counters SQL ${split.countersMs} ms, facts SQL ${split.factsMs} ms, aggregation ${split.aggregateMs} ms`
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
