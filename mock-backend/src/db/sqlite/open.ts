/**
 * Opens the SQLite file with the settings the server relies on (WAL, foreign keys, busy timeout).
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { startCheckpointer } from './checkpointer'
import { migrate } from './migrations'

/** The database file inside DATA_DIR. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'kiosk.sqlite')
}

/** Owner read/write only: the database holds resident data, so no other user of the machine may read it. */
export const PRIVATE_FILE_MODE = 0o600

/**
 * Makes the database file exist with mode 0600 before SQLite opens it, and narrows an older install's files.
 * SQLite gives its -wal, -shm and -journal files the main file's permissions, so they follow.
 */
function privateDatabaseFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE))
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`])
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE)
}

/** Opens (creating the directory and file if needed) and migrates the kiosk database. */
export function openDatabase(dataDir: string, options: { maxMegabytes?: number } = {}): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  privateDatabaseFile(databasePath(dataDir))
  const db = new Database(databasePath(dataDir))
  db.pragma('journal_mode = WAL')
  // FULL: every acknowledged batch is fsynced before the answer, so not even a power cut loses it. A batch is
  // one transaction (up to 200 records), so the fsync is paid once per batch, not per record.
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  // Deleted and overwritten resident data is zeroed in the file, not left in free pages (retention purge).
  db.pragma('secure_delete = ON')
  db.pragma('busy_timeout = 5000')
  // 64 MB of page cache (default 2 MB): the random-key indexes of a growing `transactions` table otherwise
  // re-read evicted pages on every batch.
  db.pragma('cache_size = -65536')
  // Statement journals of the batch's savepoints stay in memory instead of spilling to a temp file past 64 kB.
  db.pragma('temp_store = MEMORY')
  migrate(db)
  // An operator's cap on the file (DB_MAX_MB): past it SQLite refuses the write with SQLITE_FULL, exactly as on
  // a full disk, and the request answers 503 storage_full (http/storageFull.ts) with nothing stored.
  if (options.maxMegabytes !== undefined) {
    const pageSize = db.pragma('page_size', { simple: true }) as number
    db.pragma(`max_page_count = ${Math.max(1, Math.floor((options.maxMegabytes * 1024 * 1024) / pageSize))}`)
  }
  // Checkpoints run in a worker thread (checkpointer.ts), not inside a terminal's commit. SQLite's own
  // automatic checkpoint stays on as a backstop with a larger threshold (~32 MB of WAL) in case the worker dies.
  db.pragma('wal_autocheckpoint = 8000')
  const checkpointer = startCheckpointer(databasePath(dataDir))
  const close = db.close.bind(db)
  db.close = () => {
    checkpointer.stop()
    return close()
  }
  return db
}
