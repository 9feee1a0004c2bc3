/**
 * Reference numbers (办件编号) name one record each, however batches interleave: the node's claims keep its
 * batches in flight apart, and the store's unique index keeps nodes apart (departments/referenceClaims.ts).
 * Before the claims, 8 concurrent clients on PostgreSQL got a 500 on 80 of 200 batches, and SQLite could store a
 * reference twice.
 */

import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { loadConfig } from '../../mock-backend/src/config'
import type { RecordOutcome, TransactionRecord } from '../../mock-backend/src/contract'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { openPostgres } from '../../mock-backend/src/db/postgres/connect'
import { PostgresStorage } from '../../mock-backend/src/db/postgres/postgresStorage'
import type { Storage } from '../../mock-backend/src/db/storage'
import { seededRng } from '../../mock-backend/src/departments/prng'
import { NodeReferenceClaims } from '../../mock-backend/src/departments/referenceClaims'
import { DepartmentSimulator } from '../../mock-backend/src/departments/simulator'
import { ingestBatch } from '../../mock-backend/src/ingest'
import type { Logger } from '../../mock-backend/src/logger'
import { createAppDeps } from '../../mock-backend/src/server'
import { Catalog } from '../../services-catalog/src/schema'
import fixture from '../fixtures/node/backend/catalog.json' with { type: 'json' }
import { INGEST_NOW, seedIngestStore } from '../fixtures/node/backend/ingestWorld'
import { STORES, useStore } from '../fixtures/node/backend/postgresStores'
import { storeRows } from '../fixtures/node/backend/storeRows'

const DAY = '2026-11-23'
const SEED = 'seed'
const ITEM = 'POL-APPLY-0001'
const SHARED_KEY = randomBytes(32).toString('base64url')
const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as unknown as Logger

const ref = (serial: number) => `SB20261123${String(serial).padStart(5, '0')}`
const row = (key: string, reference: string) => ({
  key,
  payloadHash: `h-${key}`,
  terminalId: 'T-1',
  districtCode: DEMO_DISTRICT_CODE,
  sessionId: 'S-1',
  itemCode: ITEM,
  department: 'police',
  catalogVersion: 1,
  createdAt: INGEST_NOW,
  day: DAY,
  receivedAt: INGEST_NOW,
  resultJson: '{}',
  reference,
})

describe('a node’s reference claims', () => {
  /** A store that answers one day's stored references and counts its reads. */
  const storeWith = (references: string[]) => {
    const reads: string[] = []
    return {
      reads,
      store: {
        referencesOfDay: async (day: string) => {
          reads.push(day)
          return day === DAY ? references : []
        },
      },
    }
  }

  it('refuse what is stored, keep batches in flight apart, and release what a batch did not store', async () => {
    const { store, reads } = storeWith([ref(1)])
    const claims = new NodeReferenceClaims(store)
    const a = await claims.open([DAY, DAY])
    const b = await claims.open([DAY])
    expect(a.claim(ref(1), DAY)).toBe(false)
    expect(a.claim(ref(2), DAY)).toBe(true)
    expect(a.claim(ref(3), DAY)).toBe(true)
    expect(b.claim(ref(2), DAY)).toBe(false)
    a.close([{ reference: ref(2), day: DAY }])
    // ref 2 is stored now; ref 3 was drawn by a batch that did not keep it.
    expect(b.claim(ref(2), DAY)).toBe(false)
    expect(b.claim(ref(3), DAY)).toBe(true)
    b.takenElsewhere(ref(4), DAY)
    b.close([])
    const c = await claims.open([DAY])
    expect([1, 2, 3, 4].map((n) => c.claim(ref(n), DAY))).toEqual([false, false, true, false])
    expect(reads).toEqual([DAY])
  })

  it('read a day again after a failed read, instead of remembering the failure', async () => {
    let fail = true
    const claims = new NodeReferenceClaims({
      referencesOfDay: async () => {
        if (fail) throw new Error('connection reset')
        return [ref(1)]
      },
    })
    await expect(claims.open([DAY])).rejects.toThrow('connection reset')
    fail = false
    expect((await claims.open([DAY])).claim(ref(1), DAY)).toBe(false)
  })
})

/** A node over `store`: its own deps, claims and department simulator, as a separate process would have. */
async function node(store: Storage) {
  // Nodes of one database share its fingerprint key (FINGERPRINT_KEY); the data folder stays empty.
  const dataDir = mkdtempSync(join(tmpdir(), 'ref-claims-'))
  onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', FINGERPRINT_KEY: SHARED_KEY }
  return createAppDeps(loadConfig(env), store, {
    logger: quiet,
    // A latency makes each batch await its departments, so batches in flight interleave as on a busy server.
    departments: new DepartmentSimulator(SEED, { '*': { latencyMs: 5, failureRate: 0, outage: false } }, () =>
      Promise.resolve(),
    ),
    now: () => new Date(INGEST_NOW),
    appVersion: 'test',
  })
}

const record = (key: string = randomUUID()): TransactionRecord => ({
  key,
  sessionId: randomUUID(),
  itemCode: ITEM,
  catalogVersion: 1,
  createdAt: INGEST_NOW,
  fields: { phone: '13800138000' },
})
const referenceOf = (o: RecordOutcome | undefined) => (o?.status === 'ok' ? o.result.reference : o?.status)

describe.each(STORES)('reference numbers on %s', (kind) => {
  const under = useStore(kind)

  it('are never given twice when 8 clients send 200-record batches at once', async () => {
    const { store } = under
    const terminal = await seedIngestStore(store)
    const deps = await node(store)
    // 1,600 draws from 99,999 serials: about 13 pairs would share a reference without the claims.
    const batches = Array.from({ length: 8 }, () => Array.from({ length: 200 }, () => record()))
    const answers = await Promise.all(batches.map((batch) => ingestBatch(deps, terminal, batch)))
    const references = answers.flat().map(referenceOf)
    expect(references.filter((r) => !r?.startsWith('SB'))).toEqual([])
    expect(new Set(references).size).toBe(1600)
    expect(await store.countTransactions()).toBe(1600)
    expect(new Set(await store.referencesOfDay(DAY)).size).toBe(1600)
  })

  it('send a record back to be retried when its reference is refused in every round, and release its claims', async () => {
    const { store } = under
    const terminal = await seedIngestStore(store)
    const deps = await node(store)
    const refuseAll = vi
      .spyOn(store, 'ingest')
      .mockResolvedValue({ raced: [null], referenceTaken: [0], casesOpened: 0 })
    const [answer] = await ingestBatch(deps, terminal, [record()])
    expect(refuseAll).toHaveBeenCalledTimes(3)
    const drawn = refuseAll.mock.calls.map(([unit]) => unit.rows[0]!.reference)
    expect(new Set(drawn).size).toBe(3)
    expect(answer).toMatchObject({ status: 'retry', code: 503 })
    refuseAll.mockRestore()
    expect(await store.countTransactions()).toBe(0)
  })
})

/** Two keys whose first draw under SEED is the same serial: their departments would pick the same reference. */
function collidingKeys(): [string, string] {
  const bySerial = new Map<number, string>()
  for (let i = 0; ; i++) {
    const key = `0193a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`
    const serial = seededRng(SEED, key).int(1, 99_999)
    const other = bySerial.get(serial)
    if (other) return [other, key]
    bySerial.set(serial, key)
  }
}

describe('reference numbers on two nodes sharing PostgreSQL', () => {
  const under = useStore('postgres')

  it('are refused by the store when the other node stored the same one first, and drawn again', async () => {
    const terminal = await seedIngestStore(under.store)
    const second = await openPostgres(under.url!, { max: 2 })
    try {
      const [nodeA, nodeB] = [await node(under.store), await node(new PostgresStorage(second))]
      const [first, clashing] = collidingKeys()
      // Node B reads the day's references now, before node A stores its record.
      await storeRows(under.store, [row('K-FILLER', ref(99_999))])
      expect(referenceOf((await ingestBatch(nodeB, terminal, [record()]))[0])).toMatch(/^SB/)
      const [a] = await ingestBatch(nodeA, terminal, [record(first)])
      const [b] = await ingestBatch(nodeB, terminal, [record(clashing)])
      expect(a?.status).toBe('ok')
      expect(b?.status).toBe('ok')
      expect(referenceOf(b)).not.toBe(referenceOf(a))
      expect((await under.store.transactionsByReference(referenceOf(a)!)).map((t) => t.key)).toEqual([first])
      expect((await under.store.transactionsByReference(referenceOf(b)!)).map((t) => t.key)).toEqual([
        clashing,
      ])
      // Alone, node B's department draws node A's reference first for this key: the refusal made the difference.
      const alone = new DepartmentSimulator(SEED)
      const item = Catalog.parse(fixture).items.find((i) => i.code === ITEM)!
      const firstDraw = alone.submitNow({
        item,
        record: record(clashing),
        departmentName: '公安局',
        day: DAY,
      })
      expect(firstDraw?.ok && firstDraw.result.reference).toBe(referenceOf(a))
    } finally {
      await second.end()
    }
  })
})
