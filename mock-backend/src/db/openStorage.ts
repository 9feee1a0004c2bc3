/**
 * Opens the configured store: today SQLite in DATA_DIR (db/sqlite/). The PostgreSQL store (db/postgres/) is chosen
 * here too once it exists, so nothing else in the backend knows which database it runs on.
 */
import { openDatabase } from './sqlite/open'
import { SqliteStorage } from './sqlite/store'
import type { Storage } from './storage'

/** Where and how to open the store. */
export interface StorageOptions {
  /** SQLite: the directory of `kiosk.sqlite`. */
  dataDir: string
  /** SQLite: the operator's cap on the file (DB_MAX_MB). */
  maxMegabytes?: number
}

/** Opens (creating and migrating as needed) the configured store. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const db = openDatabase(options.dataDir, { maxMegabytes: options.maxMegabytes })
  return new SqliteStorage(db)
}
