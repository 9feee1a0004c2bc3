/**
 * Online backup of the kiosk database while the server keeps running:
 * `node --import tsx mock-backend/src/backup.ts DEST` (DEST = a file, or a directory for a dated file).
 * Uses SQLite's backup API through better-sqlite3, so the copy is consistent even mid-write.
 */
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { dataDirFromEnv } from './config'
import { databasePath, PRIVATE_FILE_MODE } from './db/open'

/** Where the copy goes: DEST itself, or `kiosk-YYYYMMDD-HHMMSS.sqlite` inside DEST when it is a directory. */
export function backupTarget(dest: string, now = new Date()): string {
  const full = resolve(dest)
  if (existsSync(full) && statSync(full).isDirectory()) {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
    return join(full, `kiosk-${stamp}.sqlite`)
  }
  return full
}

/** Copies DATA_DIR/kiosk.sqlite to `dest`; refuses to overwrite an existing file. Returns the path written. */
export async function backupDatabase(
  dataDir: string,
  dest: string,
): Promise<{ path: string; pages: number }> {
  const source = databasePath(resolve(dataDir))
  if (!existsSync(source)) throw new Error(`no database at ${source} (check DATA_DIR)`)
  const target = backupTarget(dest)
  if (existsSync(target)) throw new Error(`${target} already exists; choose another name`)
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 })
  // Created empty with mode 0600 first ('wx': never over another file), so the copy of resident data is never
  // readable by other users, whatever the umask; SQLite's backup then fills it.
  closeSync(openSync(target, 'wx', PRIVATE_FILE_MODE))
  const db = new Database(source, { fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  try {
    const { totalPages } = await db.backup(target)
    return { path: target, pages: totalPages }
  } catch (err) {
    // A half-written copy is no backup, and left there it would block the retry under the same name.
    rmSync(target, { force: true })
    throw err
  } finally {
    db.close()
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)
if (isMain) {
  const dest = process.argv[2]
  if (!dest) {
    process.stderr.write(
      '用法 usage: node --import tsx mock-backend/src/backup.ts DEST   (DATA_DIR defaults to ./data)\n',
    )
    process.exit(2)
  }
  backupDatabase(dataDirFromEnv(), dest).then(
    ({ path, pages }) => {
      process.stdout.write(`备份完成 backup written: ${path} (${pages} pages)\n`)
    },
    (err: unknown) => {
      process.stderr.write(`备份失败 backup failed: ${err instanceof Error ? err.message : String(err)}\n`)
      process.exit(1)
    },
  )
}
