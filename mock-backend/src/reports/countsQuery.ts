/**
 * Reads what a daily-counts report needs with SQL that already groups by the report's day × key, so a
 * year-long report moves a few thousand grouped rows into JavaScript instead of every counter and transaction.
 */
import type Database from 'better-sqlite3'
import type { CounterAggregate } from '../db/store'
import type { FactGroup, GroupBy } from './dailyCounts'

/** `day`: one row per day × key; `range`: one row per key for the whole range (day = `from/to`). */
export type Span = 'day' | 'range'

/** The grouped inputs of `dailyCounts` for one query. */
export interface CountsInputs {
  counters: CounterAggregate[]
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

/**
 * Grouped counters and transactions for [from, to]. Columns a report does not split by are folded in SQL
 * (item codes are kept when the report is per item or department, or narrowed to one department).
 */
export function countsInputs(
  db: Database.Database,
  q: { from: string; to: string; by: GroupBy; span: Span; department?: string },
): CountsInputs {
  const range = q.span === 'range' && q.by !== 'day'
  const day = range ? '? AS day' : 'day'
  const dayParams = range ? [rangeDay(q.from, q.to)] : []
  const keepItem = q.by === 'item' || q.by === 'department' || q.department !== undefined
  const terminal = q.by === 'terminal' ? 'terminal_id' : "''"
  const counters = prepared(
    db,
    `SELECT ${day}, ${terminal} AS terminalId, ${keepItem ? 'item_code' : "''"} AS itemCode, metric, ` +
      'sum(value) AS value FROM counters WHERE day BETWEEN ? AND ? GROUP BY 1, 2, 3, 4',
  ).all(...dayParams, q.from, q.to) as CounterAggregate[]

  const item = q.by === 'item' ? 'item_code' : "''"
  const department = q.by === 'department' ? 'department' : "''"
  const onlyDepartment = q.department === undefined ? '' : ' AND department = ?'
  const departmentParams = q.department === undefined ? [] : [q.department]
  const factGroups = prepared(
    db,
    `SELECT ${day}, ${terminal} AS terminalId, ${item} AS itemCode, ${department} AS department, ` +
      'count(*) AS transactions, count(DISTINCT session_id) AS sessions FROM transactions ' +
      `WHERE day BETWEEN ? AND ?${onlyDepartment} GROUP BY 1, 2, 3, 4`,
  ).all(...dayParams, q.from, q.to, ...departmentParams) as FactGroup[]

  if (q.department === undefined) return { counters, factGroups }
  const distinct = prepared(
    db,
    'SELECT count(DISTINCT session_id) AS n FROM transactions WHERE day BETWEEN ? AND ? AND department = ?',
  ).get(q.from, q.to, q.department) as { n: number }
  return { counters, factGroups, departmentSessions: distinct.n }
}
