/**
 * The PostgreSQL schema steps: frozen `.sql` files in `migrations/`, applied in order and recorded in
 * `schema_migrations`. Append a new file; never edit one that has shipped (tests/unit/backend-pg-migrations-frozen
 * .test.ts pins a SHA-256 of each, and the runner refuses a database whose applied step no longer matches).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Sql } from 'postgres'

/** One schema step. */
export interface PgMigration {
  version: number
  file: string
  sql: string
}

/** The steps' files, in order; the version is the file's number. */
const FILES = [
  '0001-schema.sql',
  '0002-case-channel.sql',
  '0003-nodes.sql',
  '0004-districts.sql',
  '0006-district-rollups.sql',
  '0007-help-desk.sql',
  '0008-help-nodes.sql',
  '0009-district-cases.sql',
  '0010-helper-presence.sql',
  '0011-catalog-overlays.sql',
  '0012-district-keys.sql',
  '0013-payment-orders.sql',
  '0014-materials.sql',
  '0015-eid-codes.sql',
  '0016-served-for.sql',
  '0017-phone-uploads.sql',
  '0018-material-licences.sql',
  '0019-case-agent.sql',
] as const

/** The ordered list of schema steps, read from `migrations/`. */
export const PG_MIGRATIONS: readonly PgMigration[] = FILES.map((file) => ({
  version: Number(file.slice(0, 4)),
  file,
  sql: readFileSync(join(import.meta.dirname, 'migrations', file), 'utf8'),
}))

/**
 * The advisory lock every node takes before migrating: several nodes start at once against one database, and
 * only the first to hold the lock migrates; the others wait, then find nothing left to do.
 * (The number is arbitrary but fixed: the first 8 hex digits of sha256('kiosk-schema-migrations').)
 */
export const MIGRATION_LOCK = 0x2f4a61c3

/** SHA-256 of a step's SQL, hex. */
export const migrationHash = (sql: string): string => createHash('sha256').update(sql).digest('hex')

/**
 * Applies every step not yet recorded, in ONE transaction under `pg_advisory_xact_lock(MIGRATION_LOCK)`:
 * PostgreSQL's DDL is transactional, so a failed step leaves the database as it was. Throws when an applied
 * step's recorded hash differs from its file (the file was edited after it shipped). Returns the version reached.
 */
export async function migratePostgres(
  sql: Sql,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`
    await tx.unsafe(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, file text NOT NULL, ' +
        'sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const applied = new Map<number, string>()
    for (const row of await tx<
      { version: number; sha256: string }[]
    >`SELECT version, sha256 FROM schema_migrations`)
      applied.set(row.version, row.sha256)
    let current = Math.max(0, ...applied.keys())
    for (const m of migrations) {
      const recorded = applied.get(m.version)
      if (recorded !== undefined) {
        if (recorded !== migrationHash(m.sql))
          throw new Error(`PostgreSQL migration ${m.file} differs from the one this database applied`)
        continue
      }
      await tx.unsafe(m.sql)
      await tx`INSERT INTO schema_migrations (version, file, sha256) VALUES (${m.version}, ${m.file}, ${migrationHash(m.sql)})`
      current = Math.max(current, m.version)
    }
    return current
  })
}
