/**
 * Every SQL query of the ops reports, behind named methods the store exposes as `store.reports` (ReportStorage), so a second
 * store (PostgreSQL) implements the same methods. They read the rollup tables of migration 4 (kept current by
 * triggers on the counter write path and by Store.insertTransactions), so a year-long report reads pre-grouped
 * rows in primary-key order instead of scanning and sorting every raw counter and transaction.
 * Statements are prepared on first use and kept per store (the generated SQL has a handful of shapes).
 */
import type Database from 'better-sqlite3'
import type { CounterRow, CountsInputs, CountsQuery, FactGroup, TerminalName } from '../reportRows'
import { COUNTER_PRINT_SQL, countersSql, countsParams, departmentSessionsSql, factsSql } from '../reportSql'
import type { ReportStorage, TransactionMark } from '../storage'

// The grouping SQL is shared with the PostgreSQL store (../reportSql.ts); re-exported for the rollup tests.
export { countersSql, factsSql }

const MAX_ROWID_SQL = 'SELECT coalesce(max(rowid), 0) AS n FROM transactions'
const CHANGED_DAYS_SQL = 'SELECT DISTINCT day FROM transactions WHERE rowid > ?'
// Distinct per day × key: an item's transactions may carry two departments (an older catalog).
const SESSIONS_SQL = {
  item: 'SELECT DISTINCT day, item_code, session_id FROM transaction_daily_session WHERE day BETWEEN ? AND ?',
  department:
    'SELECT DISTINCT day, department, session_id FROM transaction_daily_session WHERE day BETWEEN ? AND ?',
} as const
const TERMINAL_NAMES_SQL = 'SELECT id, name FROM terminals ORDER BY id'

/** The report queries of one database. */
export class ReportQueries implements ReportStorage {
  private readonly statements = new Map<string, Database.Statement>()

  constructor(private readonly db: Database.Database) {}

  /** The statement of `sql`, prepared on first use (raw: rows as arrays; pluck: the first column only). */
  private prepared(sql: string, mode: 'objects' | 'raw' | 'pluck' = 'objects'): Database.Statement {
    const key = `${mode}\u0000${sql}`
    let statement = this.statements.get(key)
    if (!statement) {
      statement = this.db.prepare(sql)
      if (mode === 'raw') statement.raw(true)
      if (mode === 'pluck') statement.pluck(true)
      this.statements.set(key, statement)
    }
    return statement
  }

  /**
   * Grouped counters and transactions for [from, to]. Columns a report does not split by are folded in SQL
   * (item codes are kept when the report is per item or department, or narrowed to one department).
   */
  async countsInputs(q: CountsQuery): Promise<CountsInputs> {
    const counterRows = this.prepared(countersSql(q)).all(...countsParams(q, 'counters')) as CounterRow[]
    const factGroups = this.prepared(factsSql(q)).all(...countsParams(q, 'facts')) as FactGroup[]
    if (q.department === undefined) return { counterRows, factGroups }
    const distinct = this.prepared(departmentSessionsSql(q)).get(
      ...countsParams(q, 'departmentSessions'),
    ) as {
      n: number
    }
    return { counterRows, factGroups, departmentSessions: distinct.n }
  }

  /**
   * Per day of [from, to] with counters, a fingerprint of them: the day's `counter_daily` row (its row count and
   * metric sums). Counters are only ever max-merged, so every counter write changes its day's fingerprint.
   */
  async counterPrints(from: string, to: string): Promise<Map<string, string>> {
    const prints = new Map<string, string>()
    for (const row of this.prepared(COUNTER_PRINT_SQL, 'raw').all(from, to) as unknown[][])
      prints.set(String(row[0]), row.join(','))
    return prints
  }

  /** The highest transaction rowid (0 when none): transactions are insert-only, so it marks what was seen. */
  async transactionMark(): Promise<TransactionMark> {
    return this.maxRowid() as TransactionMark
  }

  /** The days of the transactions stored after rowid `seen`; null when rows above it are gone. */
  async transactionDaysAfter(seen: TransactionMark): Promise<string[] | null> {
    if (this.maxRowid() < seen) return null
    return this.prepared(CHANGED_DAYS_SQL, 'pluck').all(seen) as string[]
  }

  private maxRowid(): number {
    return (this.prepared(MAX_ROWID_SQL).get() as { n: number }).n
  }

  /** `[day, key, sessionId]` for each distinct session per day × item (or department) over [from, to]. */
  async sessionsPerKey(
    by: 'item' | 'department',
    from: string,
    to: string,
  ): Promise<[string, string, string][]> {
    return this.prepared(SESSIONS_SQL[by], 'raw').all(from, to) as [string, string, string][]
  }

  /** Every terminal's id and name, by id. */
  async terminalNames(): Promise<TerminalName[]> {
    return this.prepared(TERMINAL_NAMES_SQL).all() as TerminalName[]
  }
}
