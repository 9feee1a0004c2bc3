/**
 * SQLite's online backup API through better-sqlite3: a consistent copy of the database file even while the server
 * keeps writing (backup.ts is the command around it).
 */
import { closeSync, openSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { PRIVATE_FILE_MODE } from './open'

/** Copies the database file `source` to `target` (which must not exist); answers the pages copied. */
export async function backupSqliteFile(source: string, target: string): Promise<number> {
  // Created empty with mode 0600 first ('wx': never over another file), so the copy of resident data is never
  // readable by other users, whatever the umask; SQLite's backup then fills it.
  closeSync(openSync(target, 'wx', PRIVATE_FILE_MODE))
  const db = new Database(source, { fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  try {
    const { totalPages } = await db.backup(target)
    return totalPages
  } catch (err) {
    // A half-written copy is no backup, and left there it would block the retry under the same name.
    rmSync(target, { force: true })
    throw err
  } finally {
    db.close()
  }
}
