/**
 * Multi-row INSERT for the ingest path's grouped writes: the two transaction rollup upserts of a batch
 * (Store.insertTransactions) and the cases a batch opens with their status events (CaseStore.insertCases) become
 * a handful of statements instead of one per row. (The transactions themselves are single-row INSERTs, whose
 * `changes` tells which keys were new — measured faster than a multi-row INSERT … RETURNING.) Statements are
 * prepared once per power-of-two row count (200 = 128 + 64 + 8), so at most ~8 exist per shape however batch
 * sizes vary.
 */
import type Database from 'better-sqlite3'

/** SQLite's default limit of bound parameters per statement. */
const MAX_PARAMETERS = 32_766

/** One multi-row INSERT shape: `head` names the table and columns, `tail` adds ON CONFLICT / RETURNING. */
export class BulkInsert<Returned = unknown> {
  private readonly statements = new Map<number, Database.Statement>()
  private readonly maxRows: number

  constructor(
    private readonly db: Database.Database,
    private readonly head: string,
    private readonly columns: number,
    private readonly tail = '',
  ) {
    let rows = 1
    while (rows * 2 * columns <= MAX_PARAMETERS && rows < 256) rows *= 2
    this.maxRows = rows
  }

  private statement(rows: number): Database.Statement {
    let statement = this.statements.get(rows)
    if (!statement) {
      const tuple = `(${Array.from({ length: this.columns }, () => '?').join(', ')})`
      const values = Array.from({ length: rows }, () => tuple).join(', ')
      statement = this.db.prepare(`${this.head} VALUES ${values} ${this.tail}`)
      this.statements.set(rows, statement)
    }
    return statement
  }

  /** Inserts every row (each an array of `columns` values); answers the RETURNING rows, if the tail has any. */
  run(rows: readonly (readonly unknown[])[]): Returned[] {
    const returned: Returned[] = []
    let at = 0
    while (at < rows.length) {
      let size = this.maxRows
      while (size > rows.length - at) size /= 2
      const params: unknown[] = []
      for (let i = at; i < at + size; i++) {
        const row = rows[i]!
        if (row.length !== this.columns) {
          throw new Error(`bulk insert row ${i}: ${row.length} values for ${this.columns} columns`)
        }
        for (const value of row) params.push(value)
      }
      const statement = this.statement(size)
      if (statement.reader) for (const r of statement.all(...params)) returned.push(r as Returned)
      else statement.run(...params)
      at += size
    }
    return returned
  }
}
