/**
 * The fast ingest paths keep the old semantics: canonical JSON/hash byte-for-byte as before, multi-row inserts
 * with exact rollups (migration 5 moved the two transaction insert triggers into the SQLite store's ingest unit),
 * synchronous department answers equal to the awaited ones, one savepoint for a batch's cases, and WAL
 * checkpoints done by the background worker instead of by a terminal's commit.
 */

import { createHash, randomUUID } from 'node:crypto'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { canonicalJson, payloadHash } from '../../mock-backend/src/canonical'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { NewTransaction } from '../../mock-backend/src/db/rows'
import { BulkInsert } from '../../mock-backend/src/db/sqlite/bulkInsert'
import { MIGRATIONS, migrate } from '../../mock-backend/src/db/sqlite/migrations'
import { databasePath, openDatabase } from '../../mock-backend/src/db/sqlite/open'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import { DepartmentSimulator } from '../../mock-backend/src/departments/simulator'
import { ingestBatch } from '../../mock-backend/src/ingest'
import { Catalog } from '../../services-catalog/src/schema'
import fixture from '../fixtures/node/backend/catalog.json' with { type: 'json' }
import { removeDataDir } from '../fixtures/node/backend/dataDirs'
import { INGEST_NOW, ingestWorld } from '../fixtures/node/backend/ingestWorld'
import { storeRows } from '../fixtures/node/backend/storeRows'

const NOW = INGEST_NOW
const PHONE = { phone: '13800138000' }

/** The canonical JSON of the first server version, kept here as the reference the fast one must equal. */
function referenceCanonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(referenceCanonical).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonical(v)}`).join(',')}}`
}

describe('canonical JSON', () => {
  it('is byte-for-byte the first version, so hashes stored before still match replays', () => {
    const values: unknown[] = [
      null,
      undefined,
      0,
      -1.5,
      Number.NaN,
      true,
      '引号"与\\反斜杠\n',
      [],
      {},
      [1, undefined, { b: 2, a: [null, 'x'] }],
      { z: 1, a: undefined, é: '重音', Z: { y: [], x: {} }, '': 'empty key', '10': 'ten', '9': 'nine' },
      {
        key: randomUUID(),
        sessionId: randomUUID(),
        itemCode: 'POL-APPLY-0001',
        catalogVersion: 3,
        createdAt: NOW,
        subject: { idNumber: '44010619900101001X', name: '张三' },
        fields: { phone: '13800138000', 备注: '  两个空格  ', emoji: '😀' },
      },
    ]
    for (const value of values) {
      expect(canonicalJson(value)).toBe(referenceCanonical(value))
      expect(payloadHash(value)).toBe(createHash('sha256').update(referenceCanonical(value)).digest('hex'))
    }
    expect(payloadHash({ b: 1, a: 2 })).toBe(payloadHash({ a: 2, b: 1 }))
  })
})

describe('BulkInsert', () => {
  it('inserts any number of rows in power-of-two statements and answers RETURNING rows', () => {
    const db = new Database(':memory:')
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)')
    const insert = new BulkInsert<{ k: string }>(
      db,
      'INSERT INTO t (k, v)',
      2,
      'ON CONFLICT DO NOTHING RETURNING k',
    )
    for (const count of [0, 1, 3, 200, 257]) {
      const rows = Array.from({ length: count }, (_, i) => [`${count}-${i}`, i])
      const returned = insert.run(rows)
      expect(returned.map((r) => r.k).sort()).toEqual(rows.map((r) => r[0]).sort())
    }
    expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(461)
    // Conflicting rows are not returned.
    expect(
      insert
        .run([
          ['1-0', 9],
          ['new', 1],
        ])
        .map((r) => r.k),
    ).toEqual(['new'])
    expect(() => insert.run([['x', 1, 2]])).toThrow('bulk insert row 0: 3 values for 2 columns')
    db.close()
  })
})

function txRow(key: string, over: Partial<NewTransaction> = {}): NewTransaction {
  return {
    key,
    payloadHash: `h-${key}`,
    terminalId: 'T-1',
    districtCode: DEMO_DISTRICT_CODE,
    sessionId: 'S-1',
    itemCode: 'ITEM-1',
    department: 'hrss',
    catalogVersion: 1,
    createdAt: NOW,
    day: '2026-11-23',
    receivedAt: NOW,
    resultJson: '{}',
    reference: key,
    ...over,
  }
}

/** transaction_daily and transaction_daily_session as GROUP BY over the raw transactions. */
function rollupsMatchRaw(db: Database.Database): void {
  const daily = db
    .prepare('SELECT day, terminal_id, item_code, department, n FROM transaction_daily ORDER BY 1, 2, 3, 4')
    .all()
  const rawDaily = db
    .prepare(
      'SELECT day, terminal_id, item_code, department, count(*) AS n FROM transactions GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4',
    )
    .all()
  expect(daily).toEqual(rawDaily)
  const sessions = db
    .prepare(
      'SELECT day, item_code, department, session_id, n FROM transaction_daily_session ORDER BY 1, 2, 3, 4',
    )
    .all()
  const rawSessions = db
    .prepare(
      'SELECT day, item_code, department, session_id, count(*) AS n FROM transactions GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4',
    )
    .all()
  expect(sessions).toEqual(rawSessions)
}

describe('the ingest unit of work after migration 5', () => {
  it('drops only the two transaction insert triggers', () => {
    const db = new Database(':memory:')
    migrate(db)
    const triggers = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string }[]
    ).map((r) => r.name)
    expect(triggers).not.toContain('transaction_daily_insert')
    expect(triggers).not.toContain('transaction_daily_session_insert')
    expect(triggers).toContain('transaction_daily_move')
    expect(triggers).toContain('transaction_daily_session_delete')
    expect(triggers).toContain('counter_daily_insert')
    db.close()
  })

  it('keeps rollups exact with repeated keys, stored keys and shared sessions, and answers stored rows', async () => {
    const db = new Database(':memory:')
    migrate(db)
    const store = new SqliteStorage(db)
    const first = await storeRows(store, [
      txRow('K-1'),
      txRow('K-2', { itemCode: 'ITEM-2', sessionId: 'S-2' }),
      txRow('K-3', { terminalId: 'T-2' }),
    ])
    expect(first).toEqual([null, null, null])
    const second = await storeRows(store, [
      txRow('K-4', { day: '2026-11-24' }),
      txRow('K-1', { payloadHash: 'other' }),
      txRow('K-4', { payloadHash: 'again' }),
      txRow('K-5', { sessionId: 'S-2', itemCode: 'ITEM-2' }),
    ])
    expect(second[0]).toBeNull()
    expect(second[1]).toEqual({ key: 'K-1', payloadHash: 'h-K-1', resultJson: '{}' })
    expect(second[2]).toEqual({ key: 'K-4', payloadHash: 'h-K-4', resultJson: '{}' })
    expect(second[3]).toBeNull()
    expect(await store.countTransactions()).toBe(5)
    rollupsMatchRaw(db)
    const session = db
      .prepare("SELECT n FROM transaction_daily_session WHERE session_id = 'S-2' AND item_code = 'ITEM-2'")
      .get() as { n: number }
    expect(session.n).toBe(2)
    // The remaining triggers still follow deletes and moves.
    db.prepare("DELETE FROM transactions WHERE key = 'K-2'").run()
    db.prepare("UPDATE transactions SET terminal_id = 'T-9' WHERE key = 'K-3'").run()
    rollupsMatchRaw(db)
    db.close()
  })

  it('counts rows an older release wrote (before the rollups, or by migration 4 triggers) exactly once', async () => {
    for (const version of [3, 4]) {
      const db = new Database(':memory:')
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= version),
      )
      // Written as that release wrote them: plain inserts (at migration 4 its insert triggers fill the rollups).
      const insert = db.prepare(
        'INSERT INTO transactions (key, payload_hash, terminal_id, session_id, item_code, department, ' +
          'catalog_version, created_at, day, received_at, result_json, reference) VALUES (@key, @payloadHash, ' +
          '@terminalId, @sessionId, @itemCode, @department, @catalogVersion, @createdAt, @day, @receivedAt, ' +
          '@resultJson, @reference)',
      )
      for (const row of [txRow('A'), txRow('B', { sessionId: 'S-2' })]) insert.run(row)
      migrate(db)
      const store = new SqliteStorage(db)
      await storeRows(store, [txRow('C'), txRow('A')])
      rollupsMatchRaw(db)
      expect(await store.countTransactions()).toBe(3)
      db.close()
    }
  })
})

describe('migration 6 (session rollup keyed day, session, item, department)', () => {
  it('keeps every session row written before it, and its move/delete triggers still follow the raw rows', async () => {
    const db = new Database(':memory:')
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 5),
    )
    // Written as that release wrote them: the rows, then its grouped rollup upserts (today's store needs today's schema).
    const written = [
      txRow('A'),
      txRow('B', { sessionId: 'S-2' }),
      txRow('C', { sessionId: 'S-2', itemCode: 'ITEM-2' }),
      txRow('D', { day: '2026-11-24' }),
    ]
    const insert = db.prepare(
      'INSERT INTO transactions (key, payload_hash, terminal_id, session_id, item_code, department, catalog_version, ' +
        'created_at, day, received_at, result_json, reference) VALUES (@key, @payloadHash, @terminalId, @sessionId, ' +
        '@itemCode, @department, @catalogVersion, @createdAt, @day, @receivedAt, @resultJson, @reference)',
    )
    for (const { districtCode: _, ...row } of written) insert.run(row)
    db.exec(
      'INSERT INTO transaction_daily (day, terminal_id, item_code, department, n) ' +
        'SELECT day, terminal_id, item_code, department, count(*) FROM transactions GROUP BY 1, 2, 3, 4; ' +
        'INSERT INTO transaction_daily_session (day, item_code, department, session_id, n) ' +
        'SELECT day, item_code, department, session_id, count(*) FROM transactions GROUP BY 1, 2, 3, 4',
    )
    const before = db.prepare('SELECT * FROM transaction_daily_session ORDER BY 1, 2, 3, 4').all()
    // Up to migration 6 only: later migrations are not this test's subject.
    expect(
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 6),
      ),
    ).toBe(6)
    expect(db.prepare('SELECT * FROM transaction_daily_session ORDER BY 1, 2, 3, 4').all()).toEqual(before)
    const pk = db.prepare(
      "SELECT name FROM pragma_index_info('sqlite_autoindex_transaction_daily_session_1')",
    )
    expect((pk.all() as { name: string }[]).map((r) => r.name)).toEqual([
      'day',
      'session_id',
      'item_code',
      'department',
    ])
    // Then on today's schema (migration 15 rebuilds the rollups with the district), the store writes on.
    migrate(db)
    const store = new SqliteStorage(db)
    await storeRows(store, [txRow('E', { sessionId: 'S-3' }), txRow('A')])
    db.prepare("DELETE FROM transactions WHERE key = 'B'").run()
    db.prepare("UPDATE transactions SET item_code = 'ITEM-9' WHERE key = 'C'").run()
    rollupsMatchRaw(db)
    db.close()
  })
})

const setup = () => ingestWorld()

describe('department answers', () => {
  it('answers at once without latency, waits with it, and both give the same result for a record', async () => {
    const sim = new DepartmentSimulator('seed', {}, async () => {})
    const item = Catalog.parse(fixture).items.find((i) => i.code === 'HRSS-Q-0001')!
    const request = {
      item,
      record: {
        key: randomUUID(),
        sessionId: randomUUID(),
        itemCode: item.code,
        catalogVersion: 1,
        createdAt: NOW,
        fields: {},
      },
      departmentName: '人社局',
      day: '2026-11-23',
    }
    const now = sim.submitNow(request)
    expect(now?.ok).toBe(true)
    sim.setFaults({ [item.department]: { latencyMs: 20, failureRate: 0, outage: false } })
    expect(sim.submitNow(request)).toBeNull()
    expect(await sim.submit(request)).toEqual(now)
  })

  it('awaits only the slow department in a mixed batch and keeps the order of outcomes', async () => {
    const { deps, terminal, record, waits } = await setup()
    deps.departments.setFaults({ tax: { latencyMs: 30, failureRate: 0, outage: false } })
    const batch = [
      record('HRSS-Q-0001'),
      record('TAX-Q-0001'),
      record('POL-APPLY-0001', PHONE),
      record('TAX-Q-0001'),
    ]
    const out = await ingestBatch(deps, terminal, batch)
    expect(out.map((o) => [o.key, o.status])).toEqual(batch.map((r) => [r.key, 'ok']))
    expect(waits).toEqual([30, 30])
  })
})

describe('reference numbers (办件编号)', () => {
  const sameRequest = (claimReference?: (reference: string) => boolean) => {
    const item = Catalog.parse(fixture).items.find((i) => i.code === 'POL-APPLY-0001')!
    const record = {
      key: '0193a1b2-0000-7000-8000-000000000001',
      sessionId: '0193a1b2-0000-7000-8000-000000000002',
      itemCode: item.code,
      catalogVersion: 1,
      createdAt: NOW,
      fields: PHONE,
    }
    return { item, record, departmentName: '公安局', day: '2026-11-23', claimReference }
  }
  const referenceOf = (answer: ReturnType<DepartmentSimulator['submitNow']>) =>
    answer?.ok ? answer.result.reference : `not ok: ${JSON.stringify(answer)}`

  it('are drawn again while taken, the same way for the same seed and record', () => {
    const free = referenceOf(new DepartmentSimulator('seed').submitNow(sameRequest()))
    const refused: string[] = []
    const claim = (reference: string) => {
      if (refused.length < 2) {
        refused.push(reference)
        return false
      }
      return true
    }
    const drawn = referenceOf(new DepartmentSimulator('seed').submitNow(sameRequest(claim)))
    expect(refused[0]).toBe(free)
    expect(drawn).not.toBe(free)
    expect(drawn).not.toBe(refused[1])
    expect(drawn).toMatch(/^[A-Z]{2}20261123\d{5}$/)
    refused.length = 0
    expect(referenceOf(new DepartmentSimulator('seed').submitNow(sameRequest(claim)))).toBe(drawn)
  })

  it('are never given to a second stored record, so a case lookup by number finds one case', async () => {
    const { deps, terminal, store } = await setup()
    const request = sameRequest()
    const taken = referenceOf(new DepartmentSimulator('seed').submitNow(request))
    await storeRows(store, [
      {
        key: 'K-EARLIER',
        payloadHash: 'h',
        terminalId: 'T-1',
        districtCode: DEMO_DISTRICT_CODE,
        sessionId: 'S-1',
        itemCode: 'POL-APPLY-0001',
        department: 'police',
        catalogVersion: 1,
        createdAt: NOW,
        day: '2026-11-23',
        receivedAt: NOW,
        resultJson: '{}',
        reference: taken,
      },
    ])
    const [outcome] = await ingestBatch(deps, terminal, [request.record])
    expect(outcome?.status).toBe('ok')
    const reference = outcome?.status === 'ok' ? outcome.result.reference : ''
    expect(reference).not.toBe(taken)
    expect((await store.transactionsByReference(taken)).map((t) => t.key)).toEqual(['K-EARLIER'])
    expect((await store.transactionsByReference(reference)).map((t) => t.key)).toEqual([request.record.key])
  })
})

describe('cases of a batch', () => {
  it('are opened in one savepoint: a failure rolls back every case of the batch but keeps the records', async () => {
    const { store, deps, terminal, record, errors, count } = await setup()
    // The SQLite case store's in-transaction insert, which the batch's unit of work runs in its savepoint.
    const caseStore = store.cases
    const original = caseStore.insertCasesNow.bind(caseStore)
    const spy = vi.spyOn(caseStore, 'insertCasesNow').mockImplementationOnce((cases) => {
      original(cases)
      throw new Error('disk full (test)')
    })
    const batch = [record('POL-APPLY-0001', PHONE), record('POL-APPLY-0001', PHONE), record('HRSS-Q-0001')]
    const out = await ingestBatch(deps, terminal, batch)
    expect(out.map((o) => o.status)).toEqual(['ok', 'ok', 'ok'])
    expect(spy).toHaveBeenCalledTimes(1)
    expect(count('transactions')).toBe(3)
    expect(count('cases')).toBe(0)
    expect(count('case_events')).toBe(0)
    expect(errors).toEqual(['case open failed: disk full (test)'])
    // The next batch opens its cases normally, each with its first event.
    await ingestBatch(deps, terminal, [record('POL-APPLY-0001', PHONE), record('POL-APPLY-0001', PHONE)])
    expect(count('cases')).toBe(2)
    expect(count('case_events')).toBe(2)
  })
})

describe('background WAL checkpoints', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) removeDataDir(dir)
  })

  it('move committed pages into the database file without the writer checkpointing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'h1-ckpt-'))
    dirs.push(dir)
    const db = openDatabase(dir)
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(8000)
      const before = statSync(databasePath(dir)).size
      db.exec('CREATE TABLE filler (x TEXT)')
      const insert = db.prepare('INSERT INTO filler (x) VALUES (?)')
      db.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run('x'.repeat(1000))
      })()
      // 500 KB sit in the WAL, far below the 8000-page backstop: only the worker can copy them over.
      const deadline = Date.now() + 5000
      while (statSync(databasePath(dir)).size <= before + 400_000 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(statSync(databasePath(dir)).size).toBeGreaterThan(before + 400_000)
    } finally {
      db.close()
    }
  })
})
