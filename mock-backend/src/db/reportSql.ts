/**
 * The grouping SQL of the ops reports, shared by both stores: which rollup (or raw table) answers which report,
 * defined once. Written with `?` placeholders and camelCase aliases as SQLite takes them; the PostgreSQL store
 * turns it into its dialect (postgres/reportStorage.ts `dialect`).
 */
import { districtPredicate } from './districtScope'
import { type CountsQuery, rangeDay } from './reportRows'
import { ROLLUP_METRICS } from './rollups'

const sums = ROLLUP_METRICS.map((m) => `sum(${m}) AS ${m}`).join(', ')

/** SQL of the counters query: which rollup (or the raw table) and which columns it keeps, one column per metric. */
export function countersSql(q: CountsQuery): string {
  const range = q.span === 'range' && q.by !== 'day'
  const where = `WHERE day BETWEEN ? AND ?${districtsSql(q)}`
  if (q.by === 'terminal' && q.department !== undefined) {
    // Narrowed by the catalog's department of each item: needs terminal × item, which only the raw table has.
    const pivot = ROLLUP_METRICS.map((m) => `sum(CASE metric WHEN '${m}' THEN value ELSE 0 END) AS ${m}`)
    return (
      `SELECT ${range ? '? AS day' : 'day'}, terminal_id AS terminalId, item_code AS itemCode, ` +
      `'' AS districtCode, ${pivot.join(', ')} FROM counters ${where} ` +
      `GROUP BY ${range ? '' : 'day, '}terminal_id, item_code`
    )
  }
  const terminal = q.by === 'terminal' ? 'terminal_id' : "''"
  const item = q.by === 'item' || q.by === 'department' || q.department !== undefined ? 'item_code' : "''"
  const district = q.by === 'district' ? 'district_code' : "''"
  const table =
    terminal !== "''" ? 'counter_daily_terminal' : item !== "''" ? 'counter_daily_item' : 'counter_daily'
  const keys = `${terminal} AS terminalId, ${item} AS itemCode, ${district} AS districtCode`
  // Each rollup has a row per district × day × key: summed over the districts the report does not split by.
  const split = [terminal, item, district].filter((column) => column !== "''")
  if (!range)
    return `SELECT day, ${keys}, ${sums} FROM ${table} ${where} GROUP BY ${['day', ...split].join(', ')}`
  return `SELECT ? AS day, ${keys}, ${sums} FROM ${table} ${where} GROUP BY ${split.join(', ')}`
}

/**
 * The per-day cache's fingerprint of each day's counters: the day's row count and metric sums over every
 * district. Counters are only ever max-merged, so every counter write changes its day's fingerprint.
 */
export const COUNTER_PRINT_SQL = `SELECT day, sum(rows) AS rows, ${sums} FROM counter_daily WHERE day BETWEEN ? AND ? GROUP BY day ORDER BY day`

/**
 * SQL of the transactions query. Counts come from `transaction_daily` (district × day × terminal × item ×
 * department); per-item and per-department distinct sessions from `transaction_daily_session` (district × day ×
 * session × item × department), which keeps the residents-served figure exact over a range (a session is counted
 * once per key).
 */
export function factsSql(q: CountsQuery): string {
  const range = q.span === 'range' && q.by !== 'day'
  const day = range ? '? AS day' : 'day'
  const only = q.department === undefined ? '' : ' AND department = ?'
  const where = `WHERE day BETWEEN ? AND ?${districtsSql(q)}${only}`
  if (q.by === 'day') {
    return (
      "SELECT day, '' AS terminalId, '' AS districtCode, '' AS itemCode, '' AS department, sum(n) AS transactions, " +
      `0 AS sessions FROM transaction_daily ${where} GROUP BY day`
    )
  }
  if (q.by === 'terminal' || q.by === 'district') {
    // Residents served of these rows come from the terminals' sessions counters, as for the day's totals.
    const [terminal, district] = q.by === 'terminal' ? ['terminal_id', "''"] : ["''", 'district_code']
    const key = q.by === 'terminal' ? terminal : district
    return (
      `SELECT ${day}, ${terminal} AS terminalId, ${district} AS districtCode, '' AS itemCode, '' AS department, ` +
      `sum(n) AS transactions, 0 AS sessions FROM transaction_daily ${where} ` +
      `GROUP BY ${range ? key : `day, ${key}`}`
    )
  }
  const item = q.by === 'item' ? 'item_code' : "''"
  const department = q.by === 'department' ? 'department' : "''"
  const key = q.by === 'item' ? 'item_code' : 'department'
  return (
    `SELECT ${day}, '' AS terminalId, '' AS districtCode, ${item} AS itemCode, ${department} AS department, ` +
    'sum(n) AS transactions, count(DISTINCT session_id) AS sessions ' +
    `FROM transaction_daily_session ${where} GROUP BY ${range ? key : `day, ${key}`}`
  )
}

/** SQL of the distinct sessions among one department's transactions over the range. */
export const departmentSessionsSql = (q: CountsQuery): string =>
  'SELECT count(DISTINCT session_id) AS n FROM transaction_daily_session ' +
  `WHERE day BETWEEN ? AND ?${districtsSql(q)} AND department = ?`

/** The district predicate of an account below the province (the rollups lead their keys with the district). */
const districtsSql = (q: CountsQuery): string => districtPredicate(q.districts).sql

/**
 * The values of a report query's placeholders, in their order: the range label of a span=range report (not for
 * the department's sessions), the days, the districts, then the department (not for counters, which are
 * narrowed to a department in dailyCounts by their items).
 */
export function countsParams(q: CountsQuery, query: 'counters' | 'facts' | 'departmentSessions'): string[] {
  const range = query !== 'departmentSessions' && q.span === 'range' && q.by !== 'day'
  return [
    ...(range ? [rangeDay(q.from, q.to)] : []),
    q.from,
    q.to,
    ...districtPredicate(q.districts).params,
    ...(query === 'counters' || q.department === undefined ? [] : [q.department]),
  ]
}
