/**
 * PostgreSQL's equivalent of SQLite's rowid change tracking for the report caches (reports/dailyCountsCache.ts):
 * a cursor marks what a reader has seen, and the changed days are those of transactions stored since.
 * The cursor is the reader's snapshot (pg_current_snapshot() as text), not a number: a row is "since" exactly
 * when its writer's xid is not visible in that snapshot, so a transaction that was running when the cursor was
 * taken and commits later is still found (a sequence's max would miss it; see migrations/0001-schema.sql).
 */
import type { Sql } from 'postgres'

/** What a reader has seen: take it BEFORE reading the data it covers (a row committed in between is reported again, never lost). */
export type ChangeCursor = string

/** The cursor of everything committed now. */
export async function changeCursor(sql: Sql): Promise<ChangeCursor> {
  const [row] = await sql<{ cursor: string }[]>`SELECT pg_current_snapshot()::text AS cursor`
  return row!.cursor
}

/** The days of the transactions stored after `cursor` was taken, sorted. */
export async function daysChangedSince(sql: Sql, cursor: ChangeCursor): Promise<string[]> {
  const rows = await sql<{ day: string }[]>`
    SELECT DISTINCT day FROM transactions
    WHERE written_by >= pg_snapshot_xmin(${cursor}::pg_snapshot)
      AND NOT pg_visible_in_snapshot(written_by, ${cursor}::pg_snapshot)
    ORDER BY day`
  return rows.map((r) => r.day)
}
