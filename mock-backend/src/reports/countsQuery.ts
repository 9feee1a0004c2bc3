/**
 * Reads what a daily-counts report needs from the rollup tables of migration 4 (kept current by triggers on
 * the counter and transaction write paths), so a year-long report reads pre-grouped rows in primary-key
 * order instead of scanning and sorting every raw counter and transaction.
 */
import type Database from 'better-sqlite3'
import { ROLLUP_METRICS } from '../db/rollups'
import type { CounterRow, FactGroup, GroupBy } from './dailyCounts'

/** `day`: one row per day × key; `range`: one row per key for the whole range (day = `from/to`). */
export type Span = 'day' | 'range'

/** The grouped inputs of `dailyCounts` for one query. */
export interface CountsInputs {
  counterRows: CounterRow[]
  factGroups: FactGroup[]
  departmentSessions?: number
}

/** The `day` a range-wide row carries: the ISO 8601 interval `from/to`. */
export const rangeDay = (from: string, to: string): string => `${from}/${to}`

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()

function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db)
  if (!cache) {
    cache = new Map()
    statements.set(db, cache)
  }
  let statement = cache.get(sql)
  if (!statement) {
    statement = db.prepare(sql)
    cache.set(sql, statement)
  }
  return statement
}

/** The report's query as countsInputs takes it. */
export interface CountsQuery {
  from: string
  to: string
  by: GroupBy
  span: Span
  department?: string
}

const sums = ROLLUP_METRICS.map((m) => `sum(${m}) AS ${m}`).join(', ')
const columns = ROLLUP_METRICS.join(', ')

/** SQL of the counters query: which rollup (or the raw table) and which columns it keeps, one column per metric. */
export function countersSql(q: CountsQuery): string {
  const range = q.span === 'range' && q.by !== 'day'
  const where = 'WHERE day BETWEEN ? AND ?'
  if (q.by === 'terminal' && q.department !== undefined) {
    // Narrowed by the catalog's department of each item: needs terminal × item, which only the raw table has.
    const pivot = ROLLUP_METRICS.map((m) => `sum(CASE metric WHEN '${m}' THEN value ELSE 0 END) AS ${m}`)
    return (
      `SELECT ${range ? '? AS day' : 'day'}, terminal_id AS terminalId, item_code AS itemCode, ${pivot.join(', ')} ` +
      `FROM counters ${where} GROUP BY ${range ? '' : 'day, '}terminal_id, item_code`
    )
  }
  const [table, terminal, item] =
    q.by === 'terminal'
      ? ['counter_daily_terminal', 'terminal_id', "''"]
      : q.by === 'item' || q.by === 'department' || q.department !== undefined
        ? ['counter_daily_item', "''", 'item_code']
        : ['counter_daily', "''", "''"]
  const keys = `${terminal} AS terminalId, ${item} AS itemCode`
  if (!range) return `SELECT day, ${keys}, ${columns} FROM ${table} ${where}`
  return `SELECT ? AS day, ${keys}, ${sums} FROM ${table} ${where} GROUP BY ${terminal === "''" ? item : terminal}`
}

/**
 * SQL of the transactions query. Counts come from `transaction_daily` (day × terminal × item × department);
 * per-item and per-department distinct sessions from `transaction_daily_session` (day × item × department ×
 * session), which keeps the residents-served figure exact over a range (a session is counted once per key).
 */
export function factsSql(q: CountsQuery): string {
  const range = q.span === 'range' && q.by !== 'day'
  const day = range ? '? AS day' : 'day'
  const only = q.department === undefined ? '' : ' AND department = ?'
  const where = `WHERE day BETWEEN ? AND ?${only}`
  if (q.by === 'day') {
    return (
      "SELECT day, '' AS terminalId, '' AS itemCode, '' AS department, sum(n) AS transactions, 0 AS sessions " +
      `FROM transaction_daily ${where} GROUP BY day`
    )
  }
  if (q.by === 'terminal') {
    return (
      `SELECT ${day}, terminal_id AS terminalId, '' AS itemCode, '' AS department, sum(n) AS transactions, ` +
      `0 AS sessions FROM transaction_daily ${where} GROUP BY ${range ? 'terminal_id' : 'day, terminal_id'}`
    )
  }
  const item = q.by === 'item' ? 'item_code' : "''"
  const department = q.by === 'department' ? 'department' : "''"
  const key = q.by === 'item' ? 'item_code' : 'department'
  return (
    `SELECT ${day}, '' AS terminalId, ${item} AS itemCode, ${department} AS department, ` +
    'sum(n) AS transactions, count(DISTINCT session_id) AS sessions ' +
    `FROM transaction_daily_session ${where} GROUP BY ${range ? key : `day, ${key}`}`
  )
}

/** SQL of the distinct sessions among one department's transactions over the range. */
export const DEPARTMENT_SESSIONS_SQL =
  'SELECT count(DISTINCT session_id) AS n FROM transaction_daily_session ' +
  'WHERE day BETWEEN ? AND ? AND department = ?'

/**
 * Grouped counters and transactions for [from, to]. Columns a report does not split by are folded in SQL
 * (item codes are kept when the report is per item or department, or narrowed to one department).
 */
export function countsInputs(db: Database.Database, q: CountsQuery): CountsInputs {
  const range = q.span === 'range' && q.by !== 'day'
  const dayParams = range ? [rangeDay(q.from, q.to)] : []
  const counterRows = prepared(db, countersSql(q)).all(...dayParams, q.from, q.to) as CounterRow[]
  const departmentParams = q.department === undefined ? [] : [q.department]
  const factGroups = prepared(db, factsSql(q)).all(
    ...dayParams,
    q.from,
    q.to,
    ...departmentParams,
  ) as FactGroup[]
  if (q.department === undefined) return { counterRows, factGroups }
  const distinct = prepared(db, DEPARTMENT_SESSIONS_SQL).get(q.from, q.to, q.department) as { n: number }
  return { counterRows, factGroups, departmentSessions: distinct.n }
}
