/**
 * Opens the SQLite file with the settings the server relies on (WAL, foreign keys, busy timeout).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from './migrations'

/** The database file inside DATA_DIR. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'kiosk.sqlite')
}

/** Opens (creating the directory and file if needed) and migrates the kiosk database. */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(databasePath(dataDir))
  db.pragma('journal_mode = WAL')
  // FULL: every acknowledged batch is fsynced before the answer, so not even a power cut loses it. A batch is
  // one transaction (up to 200 records), so the fsync is paid once per batch, not per record.
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}
