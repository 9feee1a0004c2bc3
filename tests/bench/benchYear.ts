/**
 * A year of terminal activity for 85 terminals × 240 items, written straight into a DATA_DIR with the
 * backend's own Store (the HTTP API would take minutes). Shared by the daily-counts and dashboard benches.
 */
import { randomUUID } from 'node:crypto'
import { hashSecret, newToken } from '../../mock-backend/src/auth/tokens'
import type { CounterValue, NewTransaction } from '../../mock-backend/src/db/rows'
import { openDatabase } from '../../mock-backend/src/db/sqlite/open'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import { storeRows } from '../fixtures/node/backend/storeRows'
import { loadDefaultCatalog, storedBenchRow } from './benchData'

/** Fleet size of the district in the service centre's report. */
export const YEAR_TERMINALS = 85
/** Items the district offers. */
export const YEAR_ITEMS = 240
/** Days written. */
export const YEAR_DAYS = 365
/**
 * Distinct items a terminal sees used on one day (it still touches all 240 over the year): a quiet
 * terminal, so a year fits in a few minutes of bench time.
 */
const ITEMS_PER_DAY = 3
/** Transactions one terminal stores on one day. */
const TRANSACTIONS_PER_DAY = 3

/** Small deterministic PRNG so the year looks the same in every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

/** What was written: row counts and transactions per day (for expected totals over a range). */
export interface WrittenYear {
  counters: number
  transactions: number
  transactionsByDay: Map<string, number>
}

/** Writes the year into DATA_DIR's SQLite file; terminal ids start with `prefix`. */
export async function writeYear(
  dataDir: string,
  days: string[],
  options: { seed: number; prefix: string },
): Promise<WrittenYear> {
  const items = loadDefaultCatalog()
    .items.filter((i) => i.status === '有效')
    .slice(0, YEAR_ITEMS)
  if (items.length < YEAR_ITEMS) throw new Error(`the default catalog has only ${items.length} active items`)
  const db = openDatabase(dataDir)
  const store = new SqliteStorage(db)
  const random = prng(options.seed)
  const now = new Date().toISOString()
  const resultJson = JSON.stringify({ reference: 'BENCH', kind: '查询' })
  const written: WrittenYear = { counters: 0, transactions: 0, transactionsByDay: new Map() }
  try {
    for (let t = 0; t < YEAR_TERMINALS; t++) {
      const terminalId = `${options.prefix}-${String(t + 1).padStart(3, '0')}`
      await store.insertTerminal({
        id: terminalId,
        name: `压测终端 ${t + 1}`,
        location: '镇街便民服务中心',
        groups: [],
        tokenHash: hashSecret(newToken()),
        codeHash: null,
        codeExpiresAt: null,
        now,
      })
      const counters: CounterValue[] = []
      const stored: NewTransaction[] = []
      for (const [d, day] of days.entries()) {
        counters.push({ day, itemCode: '', metric: 'sessions', value: 20 + Math.floor(random() * 30) })
        for (let k = 0; k < ITEMS_PER_DAY; k++) {
          const item = items[(t * 7 + d * 13 + k * 12) % YEAR_ITEMS]!
          const completions = 1 + Math.floor(random() * 4)
          const rating = random() < 0.9 ? 'rating5' : 'rating3'
          counters.push(
            { day, itemCode: item.code, metric: 'views', value: completions * 3 },
            { day, itemCode: item.code, metric: 'starts', value: completions + 1 },
            { day, itemCode: item.code, metric: 'completions', value: completions },
            { day, itemCode: item.code, metric: 'abandons', value: 1 },
            { day, itemCode: item.code, metric: rating, value: 1 },
          )
        }
        for (let n = 0; n < TRANSACTIONS_PER_DAY; n++) {
          const item = items[(t * 7 + d * 13 + (n % ITEMS_PER_DAY) * 12) % YEAR_ITEMS]!
          stored.push(
            storedBenchRow({
              key: randomUUID(),
              sessionId: randomUUID(),
              terminalId,
              item,
              day,
              resultJson,
              reference: `${options.prefix}${String(t).padStart(3, '0')}${String(stored.length).padStart(6, '0')}`,
            }),
          )
          written.transactionsByDay.set(day, (written.transactionsByDay.get(day) ?? 0) + 1)
        }
      }
      await storeRows(store, stored)
      written.transactions += stored.length
      written.counters += await store.mergeCounters(terminalId, counters)
    }
  } finally {
    db.close()
  }
  return written
}
