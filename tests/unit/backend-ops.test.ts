import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { call, demoToken, ROOT, record, spawnBackend } from '../fixtures/node/backend/server'

const run = promisify(execFile)

describe('operation', () => {
  // SQLite only: it backs up and opens kiosk.sqlite itself (PostgreSQL is backed up with pg_dump, and
  // `npm run backup` refusing there is mock-backend's own test).
  it('backs up the database online while the server is writing', async () => {
    const server = await spawnBackend()
    const out = mkdtempSync(join(tmpdir(), 'kiosk-backup-'))
    try {
      const token = await demoToken(server.url)
      let stop = false
      let acked = 0
      const writer = (async () => {
        while (!stop) {
          const res = await call(server.url, 'POST', '/api/terminal/transactions', {
            token,
            body: { records: Array.from({ length: 20 }, () => record()) },
          })
          if (res.status === 200) acked += 20
        }
      })()
      while (acked < 200) await new Promise((r) => setTimeout(r, 10))
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'mock-backend/src/backup.ts', out], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: server.dataDir },
      })
      stop = true
      await writer
      const path = /backup written: (\S+)/.exec(stdout)?.[1]
      expect(path && existsSync(path)).toBeTruthy()
      // Resident data: the live files of the real server and the copy are readable by their owner only.
      const mode = (file: string) => statSync(file).mode & 0o777
      expect(mode(path!)).toBe(0o600)
      for (const file of ['kiosk.sqlite', 'kiosk.sqlite-wal', 'kiosk.sqlite-shm'])
        expect([file, mode(join(server.dataDir, file))]).toEqual([file, 0o600])
      const copy = new Database(path!, { readonly: true })
      const n = (copy.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      copy.close()
      expect(n).toBeGreaterThanOrEqual(200)
      expect(n).toBeLessThanOrEqual(acked)
      await expect(
        run(process.execPath, ['--import', 'tsx', 'mock-backend/src/backup.ts', path!], {
          cwd: ROOT,
          env: { ...process.env, DATA_DIR: server.dataDir },
        }),
      ).rejects.toThrow(/already exists/)
    } finally {
      await server.stop()
      server.cleanup()
      rmSync(out, { recursive: true, force: true })
    }
  }, 60_000)
})

describe.each(STORES)('operation on %s', (store) => {
  it('finishes an in-flight batch on SIGTERM, then exits 0 with the record stored', async () => {
    const server = await spawnBackend({ store, env: { DEPT_LATENCY_MS: '1200' } })
    const token = await demoToken(server.url)
    const r = record()
    const pending = call(server.url, 'POST', '/api/terminal/transactions', { token, body: { records: [r] } })
    await new Promise((res) => setTimeout(res, 300))
    const exit = server.stop('SIGTERM')
    const answer = await pending
    expect(answer.status).toBe(200)
    expect(answer.body.outcomes[0]).toMatchObject({ status: 'ok', replayed: false })
    expect(await exit).toBe(0)
    const again = await spawnBackend({ store, dataDir: server.dataDir })
    try {
      const replay = await call(again.url, 'POST', '/api/terminal/transactions', {
        token,
        body: { records: [r] },
      })
      expect(replay.body.outcomes[0]).toMatchObject({ status: 'ok', replayed: true })
      expect(again.output()).not.toContain('generated passwords')
    } finally {
      await again.stop()
      await again.cleanup()
    }
  }, 60_000)
})

describe('startup banner', () => {
  const dataLine = (output: string) =>
    output
      .split('\n')
      .find((l) => l.includes('Data:'))
      ?.trim()

  it('names the PostgreSQL store by user, host and database, never its password', async () => {
    const server = await spawnBackend({ store: 'postgres' })
    try {
      await server.stop()
      const url = new URL(server.databaseUrl!)
      const expected = `数据 Data: PostgreSQL postgres@${url.host}${url.pathname}`
      expect(dataLine(server.output())).toBe(expected)
      // The same database reached with a password in the URL (the test cluster trusts loopback, so any works).
      url.password = 'banner-secret-pw'
      const again = await spawnBackend({
        store: 'postgres',
        dataDir: server.dataDir,
        env: { DATABASE_URL: url.toString() },
      })
      await again.stop()
      expect(dataLine(again.output())).toBe(expected)
      expect(again.output()).not.toContain('banner-secret-pw')
    } finally {
      await server.cleanup()
    }
  }, 60_000)
})
