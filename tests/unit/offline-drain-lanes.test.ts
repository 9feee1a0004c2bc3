import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { type KioskDatabase, openKioskDb } from '../../kiosk/src/storage/db'
import { maskedRecord } from '../../kiosk/src/storage/deadLetterMask'
import { enqueueRecord, settleBatch, takeBatch } from '../../kiosk/src/storage/outboxStore'
import { createBackendClient } from '../../kiosk/src/sync/backendClient'
import { OUTBOX_PARALLEL_BATCHES, runSyncOnce } from '../../kiosk/src/sync/syncEngine'
import { createFakeBackend, DEMO_IDENTITY } from '../fixtures/node/offline/fakeBackend'
import { queuedEntries, queuedEntry } from '../fixtures/node/offline/queuedEntries'
import { makeRecords } from '../fixtures/node/offline/records'

const NOW = new Date('2026-11-27T03:00:00.000Z')
const TX_PATH = '/api/terminal/transactions'

/**
 * A fake backend that holds each transaction request until a second one is open (or `holdMs` passed),
 * recording how many were open at once: overlapping lanes release each other at once, a single lane waits.
 */
async function setup(count: number, holdMs = 1500) {
  const db = await openKioskDb(new IDBFactory())
  const records = makeRecords(count)
  for (const [i, r] of records.entries()) await enqueueRecord(db, r, NOW.getTime() - 100_000 + i)
  const backend = createFakeBackend()
  const wire = { open: 0, maxOpen: 0 }
  let waiting: Array<() => void> = []
  const fetchImpl: typeof fetch = async (input, init) => {
    if (!String(input).endsWith(TX_PATH)) return backend.fetch(input, init)
    wire.open += 1
    wire.maxOpen = Math.max(wire.maxOpen, wire.open)
    try {
      await new Promise<void>((resolve) => {
        waiting.push(resolve)
        if (waiting.length >= 2) {
          for (const release of waiting) release()
          waiting = []
        } else {
          setTimeout(() => {
            waiting = waiting.filter((w) => w !== resolve)
            resolve()
          }, holdMs)
        }
      })
      return await backend.fetch(input, init)
    } finally {
      wire.open -= 1
    }
  }
  const client = createBackendClient({ fetchImpl, getToken: () => DEMO_IDENTITY.token, timeoutMs: 10_000 })
  const deps = { db: async () => db, client, now: () => NOW, random: () => 0.5 }
  return { db, records, backend, wire, deps }
}

const sentKeys = (backend: ReturnType<typeof createFakeBackend>) =>
  backend.requests
    .filter((r) => r.path === TX_PATH)
    .flatMap((r) => (r.body as { records: Array<{ key: string }> }).records.map((x) => x.key))

async function states(db: KioskDatabase) {
  return (await queuedEntries(db)).map((e) => `${e.state}/${e.attempts}`)
}

describe('outbox drain lanes', () => {
  it('sends one batch alone, then keeps two on the wire at once, every record exactly once', async () => {
    const { db, records, backend, wire, deps } = await setup(600)
    const report = await runSyncOnce(deps)
    expect(OUTBOX_PARALLEL_BATCHES).toBe(2)
    expect(wire.maxOpen).toBe(2)
    expect(report).toMatchObject({ batches: 3, delivered: 600, deadLettered: 0 })
    const keys = sentKeys(backend)
    expect(keys).toHaveLength(600)
    expect(new Set(keys).size).toBe(600)
    expect(new Set(keys)).toEqual(new Set(records.map((r) => r.key)))
    // Each batch is a run of consecutive records (lanes take disjoint oldest-first slices).
    expect(backend.batchSizes).toEqual([200, 200, 200])
    expect(keys.slice(0, 200)).toEqual(records.slice(0, 200).map((r) => r.key))
    expect(await db.count('outbox')).toBe(0)
  }, 30_000)

  it('after one lane fails, the other settles its batch, no new batch starts and nothing stays inflight', async () => {
    const { db, records, backend, deps } = await setup(500)
    // After the first batch (sent alone), the two lanes send 200–399 and 400–499: the second fails at the
    // network, the first is answered only after that.
    const heldKey = records[200]!.key
    const failingKey = records[400]!.key
    let secondSeen: () => void = () => undefined
    const second = new Promise<void>((resolve) => {
      secondSeen = resolve
    })
    const failing = createBackendClient({
      getToken: () => DEMO_IDENTITY.token,
      timeoutMs: 5000,
      fetchImpl: async (input, init) => {
        if (String(input).endsWith(TX_PATH)) {
          const body = JSON.parse(String(init?.body)) as { records: Array<{ key: string }> }
          if (body.records[0]?.key === failingKey) {
            secondSeen()
            throw new TypeError('Failed to fetch')
          }
          if (body.records[0]?.key === heldKey) {
            // Answered only after the other lane's request failed (and had time to settle its batch).
            await second
            await new Promise((r) => setTimeout(r, 200))
          }
        }
        return backend.fetch(input, init)
      },
    })
    await expect(runSyncOnce({ ...deps, client: failing })).rejects.toMatchObject({ kind: 'network' })
    // Two batches delivered, the failed one back to pending with one attempt, nothing left inflight.
    expect(backend.batchSizes).toEqual([200, 200])
    const left = await states(db)
    expect(left).toEqual(Array.from({ length: 100 }, () => 'pending/1'))
    expect(left.some((s) => s.startsWith('inflight'))).toBe(false)
    // The next run delivers the rest.
    await runSyncOnce(deps)
    expect(await db.count('outbox')).toBe(0)
    expect(backend.stored.size).toBe(500)
  }, 30_000)

  it('takeBatch finds due records behind a head of records waiting for a later retry', async () => {
    const { db, records } = await setup(5)
    // The three oldest wait for a retry later than NOW; only the two newest are due.
    await settleBatch(
      db,
      records.slice(0, 3).map((r) => ({ key: r.key, kind: 'retry', nextAttemptAt: NOW.getTime() + 60_000 })),
    )
    const batch = await takeBatch(db, 2, NOW.getTime())
    expect(batch.map((e) => e.key)).toEqual(records.slice(3).map((r) => r.key))
    expect(batch.every((e) => e.state === 'inflight')).toBe(true)
    expect(await takeBatch(db, 2, NOW.getTime())).toEqual([])
  })

  it('settles a mixed batch in one transaction: delivered, dead-lettered, retried and unsent', async () => {
    const { db, records } = await setup(4)
    const taken = await takeBatch(db, 4, NOW.getTime())
    expect(taken).toHaveLength(4)
    const [a, b, c, d] = records
    await settleBatch(db, [
      { key: a!.key, kind: 'delivered' },
      { key: b!.key, kind: 'dead', reason: 'rejected', code: 400, message: 'bad', at: NOW.toISOString() },
      { key: c!.key, kind: 'retry', nextAttemptAt: 42 },
      { key: d!.key, kind: 'unsent' },
    ])
    expect(await db.get('outbox', a!.key)).toBeUndefined()
    expect(await db.get('outbox', b!.key)).toBeUndefined()
    expect(await db.get('deadLetters', b!.key)).toMatchObject({
      record: maskedRecord(b!),
      reason: 'rejected',
      code: 400,
    })
    expect(await queuedEntry(db, c!.key)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: 42 })
    expect(await queuedEntry(db, d!.key)).toMatchObject({ state: 'pending', attempts: 1 })
  })

  it('deletes only the delivered records when other records sit between their keys', async () => {
    const { db, records } = await setup(5)
    await takeBatch(db, 5, NOW.getTime())
    const delivered = [records[0]!, records[2]!, records[4]!]
    await settleBatch(db, [
      ...delivered.map((r) => ({ key: r.key, kind: 'delivered' as const })),
      { key: records[1]!.key, kind: 'unsent' },
      { key: records[3]!.key, kind: 'retry', nextAttemptAt: 7 },
    ])
    expect((await db.getAllKeys('outbox')).sort()).toEqual([records[1]!.key, records[3]!.key].sort())
  })

  it('takes a batch in index order when its keys are not contiguous in the store', async () => {
    const db = await openKioskDb(new IDBFactory())
    const records = makeRecords(5)
    // Enqueue times put keys 0, 2, 4 first, then 1, 3.
    const order = [0, 2, 4, 1, 3]
    for (const [slot, i] of order.entries()) await enqueueRecord(db, records[i]!, 1000 + slot)
    const batch = await takeBatch(db, 3, 2000)
    expect(batch.map((e) => e.key)).toEqual([records[0]!.key, records[2]!.key, records[4]!.key])
    expect(batch.map((e) => e.record)).toEqual([records[0], records[2], records[4]])
    const rest = await takeBatch(db, 3, 2000)
    expect(rest.map((e) => e.key)).toEqual([records[1]!.key, records[3]!.key])
  })

  it("a second lane takes the next oldest records behind the first lane's inflight batch", async () => {
    const { db, records } = await setup(10)
    const first = await takeBatch(db, 3, NOW.getTime())
    const second = await takeBatch(db, 3, NOW.getTime())
    const third = await takeBatch(db, 5, NOW.getTime())
    expect(first.map((e) => e.key)).toEqual(records.slice(0, 3).map((r) => r.key))
    expect(second.map((e) => e.key)).toEqual(records.slice(3, 6).map((r) => r.key))
    expect(third.map((e) => e.key)).toEqual(records.slice(6).map((r) => r.key))
    expect(await takeBatch(db, 3, NOW.getTime())).toEqual([])
  })
})
