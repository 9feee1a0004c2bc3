/**
 * Opens the configured store: PostgreSQL (db/postgres/) when DATABASE_URL names one, else SQLite in DATA_DIR
 * (db/sqlite/), so nothing else in the backend knows which database it runs on.
 */
import { openPostgres } from './postgres/connect'
import { PostgresStorage } from './postgres/postgresStorage'
import { openDatabase } from './sqlite/open'
import { SqliteStorage } from './sqlite/store'
import type { Storage } from './storage'

/** Where and how to open the store. */
export interface StorageOptions {
  /** PostgreSQL: DATABASE_URL; when set, `dataDir` and `maxMegabytes` do not apply. */
  databaseUrl?: string
  /** SQLite: the directory of `kiosk.sqlite`. */
  dataDir: string
  /** SQLite: the operator's cap on the file (DB_MAX_MB). */
  maxMegabytes?: number
}

/** Opens (creating and migrating as needed) the configured store. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl) return new PostgresStorage(await openPostgres(options.databaseUrl))
  const db = openDatabase(options.dataDir, { maxMegabytes: options.maxMegabytes })
  return new SqliteStorage(db)
}
