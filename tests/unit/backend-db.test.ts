import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../../mock-backend/src/auth/passwords'
import { RateLimiter } from '../../mock-backend/src/auth/rateLimit'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { MIGRATIONS, migrate } from '../../mock-backend/src/db/sqlite/migrations'
import { openDatabase } from '../../mock-backend/src/db/sqlite/open'
import { STORES, useStore } from '../fixtures/node/backend/postgresStores'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kiosk-db-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('database', () => {
  it('migrates an old database step by step and is idempotent', () => {
    const dir = tempDir()
    const old = new Database(join(dir, 'kiosk.sqlite'))
    expect(migrate(old, MIGRATIONS.slice(0, 1))).toBe(1)
    old.close()
    const db = openDatabase(dir)
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version)
    db.close()
  })
})

// The same tests on every store (SQLite in memory, PostgreSQL in a database of this file's own).
describe.each(STORES)('%s store', (kind) => {
  const under = useStore(kind)

  it('max-merges counters and numbers catalog versions', async () => {
    const { store } = under
    // Counters belong to a terminal the store knows: its district is written with them.
    for (const id of ['T-1', 'T-2'])
      await store.insertTerminal({
        id,
        name: id,
        location: '',
        groups: [],
        districtCode: DEMO_DISTRICT_CODE,
        tokenHash: null,
        codeHash: null,
        codeExpiresAt: null,
        now: 'x',
      })
    await store.mergeCounters('T-1', [{ day: '2026-01-01', itemCode: '', metric: 'sessions', value: 5 }])
    await store.mergeCounters('T-1', [{ day: '2026-01-01', itemCode: '', metric: 'sessions', value: 2 }])
    await store.mergeCounters('T-2', [{ day: '2026-01-01', itemCode: '', metric: 'sessions', value: 4 }])
    const { counterRows } = await store.reports.countsInputs({
      from: '2026-01-01',
      to: '2026-01-01',
      by: 'terminal',
      span: 'day',
    })
    expect(counterRows.map((c) => [c.terminalId, c.sessions]).sort()).toEqual([
      ['T-1', 5],
      ['T-2', 4],
    ])
    const catalog = { schemaVersion: 1 as const, departments: [], items: [] }
    expect(await store.publishCatalog(catalog, [], 'a', '', 'now')).toBe(1)
    expect(await store.publishCatalog(catalog, [], 'a', '', 'now')).toBe(2)
  })

  it('consumes an enrol code once and refuses it after 24 h', async () => {
    const { store } = under
    const now = Date.parse('2026-11-27T00:00:00Z')
    for (const [id, code] of [
      ['T-A', 'hash-a'],
      ['T-B', 'hash-b'],
    ]) {
      await store.insertTerminal({
        id: id!,
        name: id!,
        location: '',
        groups: [],
        districtCode: DEMO_DISTRICT_CODE,
        tokenHash: null,
        codeHash: code!,
        codeExpiresAt: now + 24 * 3600 * 1000,
        now: 'x',
      })
    }
    expect(await store.enrolWithCode('hash-a', 'tok-a', now + 1000)).toEqual({ id: 'T-A', name: 'T-A' })
    expect(await store.enrolWithCode('hash-a', 'tok-a2', now + 2000)).toBeUndefined()
    expect((await store.terminalByTokenHash('tok-a'))?.enrolled).toBe(true)
    expect(await store.enrolWithCode('hash-b', 'tok-b', now + 24 * 3600 * 1000 + 1)).toBeUndefined()
  })
})

describe('auth helpers', () => {
  it('hashes passwords with scrypt and verifies them', async () => {
    const hash = await hashPassword('正确的密码 correct')
    expect(hash).toMatch(/^scrypt\$/)
    expect(await verifyPassword('正确的密码 correct', hash)).toBe(true)
    expect(await verifyPassword('wrong', hash)).toBe(false)
    expect(await verifyPassword('x', 'garbage')).toBe(false)
    // Three hashes at today's scrypt cost (about half a second each, more on a busy machine).
  }, 60_000)

  it('limits per key within a sliding window', () => {
    let t = 0
    const limiter = new RateLimiter(5, 60_000, () => t)
    for (let i = 0; i < 5; i++) limiter.hit('1.2.3.4')
    expect(limiter.retryAfter('1.2.3.4')).toBe(60)
    expect(limiter.retryAfter('5.6.7.8')).toBe(0)
    t = 60_001
    expect(limiter.retryAfter('1.2.3.4')).toBe(0)
  })
})
