/**
 * The database holds resident data: its files, the data folder and backups are private to the server's user
 * whatever the umask, and an older install's world-readable files are narrowed when the server opens them.
 */
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupDatabase } from '../../mock-backend/src/backup'
import { databasePath, openDatabase } from '../../mock-backend/src/db/sqlite/open'
import { removeDataDir } from '../fixtures/node/backend/dataDirs'

const mode = (file: string) => statSync(file).mode & 0o777
const made: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-modes-'))
  made.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of made.splice(0)) removeDataDir(dir)
})

describe('file modes of resident data', () => {
  it('creates the data folder 0700 and the database, WAL and shared-memory files 0600 under umask 022', () => {
    const previous = process.umask(0o022)
    try {
      const dataDir = join(tempDir(), 'data')
      const db = openDatabase(dataDir)
      db.exec('CREATE TABLE probe (x INTEGER)')
      db.prepare('INSERT INTO probe VALUES (1)').run()
      const path = databasePath(dataDir)
      expect(mode(dataDir)).toBe(0o700)
      for (const file of [path, `${path}-wal`, `${path}-shm`])
        expect([file, mode(file)]).toEqual([file, 0o600])
      db.close()
    } finally {
      process.umask(previous)
    }
  })

  it("narrows an older install's world-readable database to 0600 when it opens it", () => {
    const dataDir = tempDir()
    const path = databasePath(dataDir)
    openDatabase(dataDir).close()
    chmodSync(path, 0o644)
    writeFileSync(`${path}-journal`, '')
    chmodSync(`${path}-journal`, 0o644)
    const db = openDatabase(dataDir)
    expect(mode(path)).toBe(0o600)
    expect(mode(`${path}-journal`)).toBe(0o600)
    db.close()
  })

  it('writes a backup 0600 and refuses to overwrite one', async () => {
    const previous = process.umask(0o022)
    try {
      const dataDir = tempDir()
      openDatabase(dataDir).close()
      const target = join(tempDir(), 'copy.sqlite')
      const { path } = await backupDatabase(dataDir, target)
      expect(path).toBe(target)
      expect(mode(target)).toBe(0o600)
      await expect(backupDatabase(dataDir, target)).rejects.toThrow(/already exists/)
      expect(mode(target)).toBe(0o600)
    } finally {
      process.umask(previous)
    }
  })
})
