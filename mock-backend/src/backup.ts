/**
 * Online backup of the kiosk database while the server keeps running:
 * `node --import tsx mock-backend/src/backup.ts DEST` (DEST = a file, or a directory for a dated file).
 * Uses SQLite's backup API (db/sqlite/backup.ts), so the copy is consistent even mid-write. PostgreSQL is backed
 * up with `pg_dump` instead.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { databaseUrlFromEnv, dataDirFromEnv } from './config'
import { backupSqliteFile } from './db/sqlite/backup'
import { databasePath } from './db/sqlite/open'

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
  return { path: target, pages: await backupSqliteFile(source, target) }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)
if (isMain) {
  const dest = process.argv[2]
  if (databaseUrlFromEnv()) {
    process.stderr.write(
      'DATABASE_URL is set: back up PostgreSQL with `pg_dump -Fc` (mock-backend/README.md, Backup and restore)\n',
    )
    process.exit(2)
  }
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
