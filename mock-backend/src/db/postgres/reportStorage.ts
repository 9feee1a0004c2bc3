/**
 * The ops reports' queries on PostgreSQL, over the same rollups as SQLite's. The grouping SQL is SQLite's own
 * (../reportSql.ts countersSql/factsSql: one definition of which rollup answers which report), turned
 * into PostgreSQL's dialect by `dialect` below; only the change tracking differs (changeTracking.ts).
 */
import type { Sql } from 'postgres'
import type { CounterRow, CountsInputs, CountsQuery, FactGroup, TerminalName } from '../reportRows'
import { COUNTER_PRINT_SQL, countersSql, countsParams, departmentSessionsSql, factsSql } from '../reportSql'
import type { ReportStorage, TransactionMark } from '../storage'
import { type ChangeCursor, changeCursor, daysChangedSince } from './changeTracking'

/**
 * SQLite report SQL in PostgreSQL's dialect: `?` becomes `$n::text` (every report parameter is a day, a range
 * label or a department code), and camelCase aliases are quoted (PostgreSQL folds unquoted names to lower case).
 */
export function dialect(sqliteSql: string): string {
  let n = 0
  return sqliteSql.replace(/\?/g, () => `$${++n}::text`).replace(/ AS ([a-z]+[A-Z]\w*)/g, ' AS "$1"')
}

/** Marks `transactionMark` hands out that `transactionDaysAfter` can still resolve (the cache asks about its last). */
const MARKS_KEPT = 8

/** The report queries of one PostgreSQL database. */
export class PostgresReportStorage implements ReportStorage {
  /**
   * The cursor behind each mark handed out. The interface's mark is a number that grows, and a snapshot is not a
   * number, so each call takes a fresh snapshot and hands out the next number for it: marks never repeat, and
   * the changed days are found from the snapshot exactly (changeTracking.ts says why a sequence would not do).
   */
  private readonly marks = new Map<number, ChangeCursor>()
  private lastMark = 0

  constructor(private readonly sql: Sql) {}

  async countsInputs(q: CountsQuery): Promise<CountsInputs> {
    const counterRows = (await this.sql.unsafe(
      dialect(countersSql(q)),
      countsParams(q, 'counters'),
    )) as unknown as CounterRow[]
    const factGroups = (await this.sql.unsafe(
      dialect(factsSql(q)),
      countsParams(q, 'facts'),
    )) as unknown as FactGroup[]
    if (q.department === undefined) return { counterRows: [...counterRows], factGroups: [...factGroups] }
    const [distinct] = (await this.sql.unsafe(
      dialect(departmentSessionsSql(q)),
      countsParams(q, 'departmentSessions'),
    )) as unknown as { n: number }[]
    return { counterRows: [...counterRows], factGroups: [...factGroups], departmentSessions: distinct!.n }
  }

  async counterPrints(from: string, to: string): Promise<Map<string, string>> {
    const rows = await this.sql.unsafe(dialect(COUNTER_PRINT_SQL), [from, to]).values()
    return new Map(rows.map((row) => [String(row[0]), row.join(',')]))
  }

  async transactionMark(): Promise<TransactionMark> {
    const cursor = await changeCursor(this.sql)
    this.lastMark += 1
    this.marks.set(this.lastMark, cursor)
    for (const mark of this.marks.keys()) if (this.marks.size > MARKS_KEPT) this.marks.delete(mark)
    return this.lastMark as TransactionMark
  }

  /** The days stored after mark `seen`; null for a mark this store did not hand out or no longer keeps. */
  async transactionDaysAfter(seen: TransactionMark): Promise<string[] | null> {
    const cursor = this.marks.get(seen)
    return cursor === undefined ? null : daysChangedSince(this.sql, cursor)
  }

  async sessionsPerKey(
    by: 'item' | 'department',
    from: string,
    to: string,
  ): Promise<[string, string, string][]> {
    const key = by === 'item' ? this.sql`item_code` : this.sql`department`
    const rows = await this.sql`
      SELECT DISTINCT day, ${key}, session_id FROM transaction_daily_session WHERE day BETWEEN ${from} AND ${to}`.values()
    return rows as unknown as [string, string, string][]
  }

  async terminalNames(): Promise<TerminalName[]> {
    return [...(await this.sql<TerminalName[]>`SELECT id, name FROM terminals ORDER BY id`)]
  }
}
