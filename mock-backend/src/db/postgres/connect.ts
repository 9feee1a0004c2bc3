/**
 * Opens the pooled PostgreSQL connection the backend uses (the `postgres` driver: one `sql` instance, a pool of
 * connections behind it) and migrates the database.
 */
import postgres, { type Sql } from 'postgres'
import { migratePostgres } from './migrate'

/** Pool size when the caller names none: enough for concurrent batches on one node, small against max_connections. */
export const DEFAULT_POOL_SIZE = 10

/** PostgreSQL's type oid of int8 (bigint, count(), sum() of integers). */
const INT8_OID = 20

/**
 * A pooled connection to `url`, with int8 read as a JS number (every bigint here — counts, sums, epoch
 * milliseconds, identity ids — stays far below 2^53, and the shared code expects numbers, as SQLite gives),
 * and column names turned snake_case → camelCase both ways (rows arrive as the row types' fields; `sql(rows)`
 * inserts take them).
 */
export function connectPostgres(
  url: string,
  options: { max?: number; onQuery?: (text: string) => void } = {},
): Sql {
  const onQuery = options.onQuery
  return postgres(url, {
    max: options.max ?? DEFAULT_POOL_SIZE,
    // Tests only (backend-pg-district-predicates.test.ts): every query text the store sends.
    ...(onQuery ? { debug: (_connection: number, text: string) => onQuery(text) } : {}),
    onnotice: () => {},
    transform: postgres.camel,
    types: {
      int8: {
        to: INT8_OID,
        from: [INT8_OID],
        serialize: (n: number) => String(n),
        parse: (s: string) => Number(s),
      },
    },
  })
}

/** Connects and applies pending migrations (several nodes may do this at once: migratePostgres locks). */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Sql> {
  const sql = connectPostgres(url, options)
  try {
    await migratePostgres(sql)
  } catch (error) {
    await sql.end()
    throw error
  }
  return sql
}
