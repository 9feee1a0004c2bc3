import { describe, expect, it } from 'vitest'
import { incrementCounter } from '../../kiosk/src/storage/counterStore'
import { getMeta } from '../../kiosk/src/storage/db'
import { maskedRecord } from '../../kiosk/src/storage/deadLetterMask'
import { resetInflight, takeBatch } from '../../kiosk/src/storage/outboxStore'
import { BackendError, createBackendClient } from '../../kiosk/src/sync/backendClient'
import { runSyncOnce } from '../../kiosk/src/sync/syncEngine'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { DEMO_IDENTITY } from '../fixtures/node/offline/fakeBackend'
import { queuedEntries, queuedEntry } from '../fixtures/node/offline/queuedEntries'
import { fill, NOW, syncHarness as setup } from '../fixtures/node/offline/syncHarness'

describe('outbox sync', () => {
  it('sends 450 records oldest first in batches of 200, 200 and 50 and empties the outbox', async () => {
    const { db, backend, deps, settled } = await setup()
    const records = await fill(db, 450)
    const report = await runSyncOnce(deps)
    // Two lanes drain at once: the batches in the order they were taken, not as their requests arrived.
    const batches = backend.takenBatches(records.map((r) => r.key))
    expect(batches.map((b) => b.keys.length)).toEqual([200, 200, 50])
    expect(report).toMatchObject({ batches: 3, delivered: 450, deadLettered: 0 })
    expect(batches.flatMap((b) => b.keys)).toEqual(records.map((r) => r.key))
    expect(await db.count('outbox')).toBe(0)
    expect(settled.get(records[0]!.key)).toMatchObject({
      state: 'done',
      result: { reference: expect.any(String) },
    })
    expect(await getMeta(db, 'lastSyncAt')).toBe(NOW.toISOString())
  })

  it('moves rejected and conflicting records to dead letters and never resends them', async () => {
    const { db, backend, deps, settled } = await setup()
    const [good, bad, clash] = await fill(db, 3)
    backend.state.outcomeFor = (r) => (r.key === bad!.key ? 'rejected' : 'ok')
    // The backend already holds `clash` with a different payload: same key, other content.
    backend.stored.set(clash!.key, { payload: 'something else', result: { reference: 'X', kind: '查询' } })
    await runSyncOnce(deps)
    expect(await db.count('outbox')).toBe(0)
    const dead = await db.getAll('deadLetters')
    expect(dead.map((d) => [d.key, d.reason, d.code]).sort()).toEqual(
      [
        [bad!.key, 'rejected', 400],
        [clash!.key, 'conflict', 422],
      ].sort(),
    )
    expect(dead.find((d) => d.key === bad!.key)?.record).toEqual(maskedRecord(bad!))
    expect(settled.get(bad!.key)).toMatchObject({ state: 'rejected', message: 'unknown item' })
    expect(settled.get(good!.key)?.state).toBe('done')
    await runSyncOnce(deps)
    expect(backend.batchSizes).toEqual([3])
  })

  it('keeps per-record retries with a bumped attempt count and a jittered next attempt', async () => {
    const { db, backend, deps, settled, advance } = await setup()
    const [slow] = await fill(db, 1)
    backend.state.outcomeFor = () => 'retry'
    await runSyncOnce(deps)
    const kept = await queuedEntry(db, slow!.key)
    // attempt 1 → window 2 s, random 0.5 → 1000 ms.
    expect(kept).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: NOW.getTime() + 1000 })
    expect(settled.has(slow!.key)).toBe(false)
    // Not due yet: the next run leaves it alone.
    await runSyncOnce(deps)
    expect(backend.batchSizes).toEqual([1])
    advance(1000)
    backend.state.outcomeFor = () => 'ok'
    await runSyncOnce(deps)
    expect(backend.batchSizes).toEqual([1, 1])
    expect(await db.count('outbox')).toBe(0)
  })

  it.each([
    ['HTTP 500', 500 as const],
    ['HTTP 429', 429 as const],
    ['a network error', 'network' as const],
    ['a timeout', 'timeout' as const],
  ])('keeps the whole batch pending after %s and throws a retryable error', async (_label, kind) => {
    const { db, backend, deps } = await setup()
    const records = await fill(db, 5)
    backend.fail(kind, 1, '/api/terminal/transactions')
    const error = await runSyncOnce(deps).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(BackendError)
    expect((error as BackendError).retryable).toBe(true)
    const left = await queuedEntries(db)
    expect(left).toHaveLength(5)
    expect(left.every((e) => e.state === 'pending' && e.attempts === 1)).toBe(true)
    expect(await db.count('deadLetters')).toBe(0)
    // Next run delivers all of them.
    await runSyncOnce(deps)
    expect(await db.count('outbox')).toBe(0)
    expect(backend.stored.size).toBe(records.length)
  })

  it('never drops records on a whole-request refusal either: split, both halves pass and are delivered', async () => {
    const { db, backend, deps } = await setup()
    const records = await fill(db, 2)
    backend.fail(400, 1, '/api/terminal/transactions')
    await expect(runSyncOnce(deps)).resolves.toMatchObject({ delivered: 2, deadLettered: 0 })
    expect(backend.batchSizes).toEqual([1, 1])
    expect(await db.count('outbox')).toBe(0)
    expect(await db.count('deadLetters')).toBe(0)
    expect(backend.stored.size).toBe(records.length)
  })

  it('resends records that were inflight when the page died, and the backend replays them', async () => {
    const { db, backend, deps } = await setup()
    const records = await fill(db, 3)
    // First page: marks a batch inflight, the request reaches the backend, then the page dies.
    const batch = await takeBatch(db, 200, NOW.getTime())
    await backend.fetch('/api/terminal/transactions', {
      method: 'POST',
      headers: { 'X-Api-Version': String(API_VERSION), Authorization: `Bearer ${DEMO_IDENTITY.token}` },
      body: JSON.stringify({ records: batch.map((e) => e.record) }),
    })
    expect((await queuedEntries(db)).map((e) => e.state)).toEqual(['inflight', 'inflight', 'inflight'])
    // Restart.
    await resetInflight(db)
    await runSyncOnce(deps)
    expect(await db.count('outbox')).toBe(0)
    expect(await db.count('deadLetters')).toBe(0)
    expect(backend.batchSizes).toEqual([3, 3])
    expect(backend.stored.size).toBe(records.length)
  })
})

describe('counter sync', () => {
  it('sends absolute values, marks them acked and resends only what changed', async () => {
    const { db, backend, deps } = await setup()
    await incrementCounter(db, '2026-11-26', 'SB-0001', 'views')
    await incrementCounter(db, '2026-11-26', 'SB-0001', 'views')
    await incrementCounter(db, '2026-11-27', '', 'sessions')
    await runSyncOnce(deps)
    expect(backend.counters.get('2026-11-26|SB-0001|views')).toBe(2)
    expect(backend.counters.get('2026-11-27||sessions')).toBe(1)
    expect(await db.get('counters', ['2026-11-26', 'SB-0001', 'views'])).toMatchObject({ value: 2, acked: 2 })

    await incrementCounter(db, '2026-11-26', 'SB-0001', 'views')
    await runSyncOnce(deps)
    const last = backend.requests.filter((r) => r.path === '/api/terminal/counters').at(-1)
    expect(last?.body).toEqual({
      counters: [{ day: '2026-11-26', itemCode: 'SB-0001', metric: 'views', value: 3 }],
    })
    expect(backend.counters.get('2026-11-26|SB-0001|views')).toBe(3)

    const before = backend.requests.length
    await runSyncOnce(deps)
    expect(backend.requests.slice(before).some((r) => r.path === '/api/terminal/counters')).toBe(false)
  })

  it('is never blocked by one counter the backend refuses: the others are stored, nothing is resent', async () => {
    const { db, backend, deps } = await setup()
    await db.put('counters', {
      day: '2026-11-26',
      itemCode: 'SB-0001',
      metric: 'views',
      value: 60_000,
      acked: 0,
    })
    await incrementCounter(db, '2026-11-26', '', 'sessions')
    await expect(runSyncOnce(deps)).resolves.toMatchObject({ countersSent: 2 })
    expect(backend.counters.get('2026-11-26||sessions')).toBe(1)
    expect(backend.counters.has('2026-11-26|SB-0001|views')).toBe(false)
    const before = backend.requests.length
    await runSyncOnce(deps)
    expect(backend.requests.slice(before).some((r) => r.path === '/api/terminal/counters')).toBe(false)
  })

  it('keeps a day dirty until the backend acknowledges it', async () => {
    const { db, backend, deps } = await setup()
    await incrementCounter(db, '2026-11-20', 'SB-0001', 'completions')
    backend.fail(503, 1, '/api/terminal/counters')
    await expect(runSyncOnce(deps)).rejects.toMatchObject({ status: 503 })
    expect(await db.get('counters', ['2026-11-20', 'SB-0001', 'completions'])).toMatchObject({
      value: 1,
      acked: 0,
    })
    await runSyncOnce(deps)
    expect(await db.get('counters', ['2026-11-20', 'SB-0001', 'completions'])).toMatchObject({
      value: 1,
      acked: 1,
    })
    expect(backend.counters.get('2026-11-20|SB-0001|completions')).toBe(1)
  })

  it('keeps a counter dirty when it was bumped while its value was on the wire', async () => {
    const { db, backend, deps } = await setup()
    await incrementCounter(db, '2026-11-27', 'SB-0001', 'starts')
    const client = createBackendClient({
      getToken: () => DEMO_IDENTITY.token,
      fetchImpl: async (input, init) => {
        // A resident starts the item again while the request is in flight.
        if (String(input).endsWith('/counters')) await incrementCounter(db, '2026-11-27', 'SB-0001', 'starts')
        return backend.fetch(input, init)
      },
    })
    await runSyncOnce({ ...deps, client })
    expect(await db.get('counters', ['2026-11-27', 'SB-0001', 'starts'])).toMatchObject({
      value: 2,
      acked: 1,
    })
    await runSyncOnce(deps)
    expect(backend.counters.get('2026-11-27|SB-0001|starts')).toBe(2)
    expect(await db.get('counters', ['2026-11-27', 'SB-0001', 'starts'])).toMatchObject({
      value: 2,
      acked: 2,
    })
  })
})
