/**
 * A full disk, through the real server process and a real SQLite file: DB_MAX_MB caps the database, so SQLite
 * refuses writes with SQLITE_FULL exactly as on a full disk.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../mock-backend/src/config'
import { call, demoToken, record, type SpawnedBackend, spawnBackend } from '../fixtures/node/backend/server'

const started: SpawnedBackend[] = []

afterAll(async () => {
  for (const backend of started) await backend.stop()
  started[0]?.cleanup()
})

/** 100 records, a third of them 申办 items that also open a case. */
const batchOf100 = () =>
  Array.from({ length: 100 }, (_, i) =>
    i % 3 === 0
      ? record({ itemCode: 'POL-APPLY-0001', fields: { phone: '13800138000' } })
      : record({ itemCode: 'TAX-Q-0001' }),
  )

describe('a full disk', () => {
  it('caps the database with DB_MAX_MB, and names a bad value', () => {
    expect(loadConfig({}).dbMaxMegabytes).toBeUndefined()
    expect(loadConfig({ DB_MAX_MB: '2.5' }).dbMaxMegabytes).toBe(2.5)
    for (const bad of ['lots', '0', '-1'])
      expect(() => loadConfig({ DB_MAX_MB: bad })).toThrow(/^DB_MAX_MB: /)
  })

  it('refuses a batch whole with 503 storage_full, keeps answering, and loses nothing once there is room', async () => {
    const full = await spawnBackend({ env: { DB_MAX_MB: '1' } })
    started.push(full)
    const token = await demoToken(full.url)
    const stored: Record<string, unknown>[][] = []
    let refused: {
      status: number
      body: { error: string; message: string }
      retryAfter: string | null
    } | null = null
    let refusedRecords: Record<string, unknown>[] = []
    for (let i = 0; i < 100 && !refused; i++) {
      const records = batchOf100()
      const res = await call(full.url, 'POST', '/api/terminal/transactions', { token, body: { records } })
      if (res.status === 200) stored.push(records)
      else {
        refused = { status: res.status, body: res.body, retryAfter: res.headers.get('retry-after') }
        refusedRecords = records
      }
    }
    expect(stored.length).toBeGreaterThan(0)
    expect(refused?.status).toBe(503)
    expect(refused?.body.error).toBe('storage_full')
    expect(refused?.body.message).toMatch(/disk full.*nothing of this request was stored/)
    expect(refused?.retryAfter).toBe('300')

    // Still up: health answers, and a stored batch sent again is answered from the database.
    expect((await call(full.url, 'GET', '/api/health')).status).toBe(200)
    const replay = await call(full.url, 'POST', '/api/terminal/transactions', {
      token,
      body: { records: stored[0] },
    })
    expect(replay.status).toBe(200)
    expect(replay.body.outcomes.every((o: { replayed: boolean }) => o.replayed)).toBe(true)
    expect(full.output()).toContain('storage full')
    expect(full.output()).not.toContain('44160019900101123X')
    await full.stop()

    // With room again (a bigger cap on the same file), the refused batch goes in as new: nothing of it was
    // stored before; everything acknowledged before is still there exactly once.
    const roomy = await spawnBackend({ dataDir: full.dataDir, env: { DB_MAX_MB: '64' } })
    started.push(roomy)
    const retried = await call(roomy.url, 'POST', '/api/terminal/transactions', {
      token,
      body: { records: refusedRecords },
    })
    expect(retried.status).toBe(200)
    expect(
      retried.body.outcomes.map((o: { status: string; replayed: boolean }) => [o.status, o.replayed]),
    ).toEqual(refusedRecords.map(() => ['ok', false]))
    for (const records of stored) {
      const again = await call(roomy.url, 'POST', '/api/terminal/transactions', { token, body: { records } })
      expect(again.body.outcomes.every((o: { replayed: boolean }) => o.replayed)).toBe(true)
    }
  }, 120_000)
})
