/**
 * One bad record never blocks the queue: a batch refused whole with 400, 413 or 422 is bisected until the
 * refused records stand alone; those are dead-lettered (masked, with the refusal) and the rest delivered.
 */
import { describe, expect, it } from 'vitest'
import { maskedRecord } from '../../kiosk/src/storage/deadLetterMask'
import { deadLetterSummary } from '../../kiosk/src/storage/outboxStore'
import { createBackendClient } from '../../kiosk/src/sync/backendClient'
import { runSyncOnce } from '../../kiosk/src/sync/syncEngine'
import type { TransactionRecord } from '../../mock-backend/src/contract'
import { MAX_BODY_BYTES } from '../../mock-backend/src/contract/constants'
import { DEMO_IDENTITY } from '../fixtures/node/offline/fakeBackend'
import { queuedEntries } from '../fixtures/node/offline/queuedEntries'
import { makeRecords } from '../fixtures/node/offline/records'
import { fill, NOW, syncHarness } from '../fixtures/node/offline/syncHarness'

const TX_PATH = '/api/terminal/transactions'

/** Records where the indexes in `bad` carry an item code longer than the contract allows. */
function withMalformed(count: number, bad: number[]): TransactionRecord[] {
  return makeRecords(count).map((r, i) => (bad.includes(i) ? { ...r, itemCode: 'X'.repeat(41) } : r))
}

/** Sizes of every transactions request, refused ones included, in the order sent. */
const requestSizes = (backend: Awaited<ReturnType<typeof syncHarness>>['backend']) =>
  backend.requests
    .filter((r) => r.path === TX_PATH)
    .map((r) => (r.body as { records: unknown[] }).records.length)

describe('splitting a batch refused whole', () => {
  it('bisects a batch of 10 with one malformed record: 9 delivered, the bad one dead-lettered masked', async () => {
    const { db, backend, deps, settled } = await syncHarness()
    const records = await fill(db, 10, withMalformed(10, [6]))
    const report = await runSyncOnce(deps)
    expect(report).toMatchObject({ batches: 1, delivered: 9, deadLettered: 1, retried: 0 })
    // 10 refused → 0-4 ok, 5-9 refused → 5-7 refused → 5-6 refused → 5 ok, 6 refused; 7 ok; 8-9 ok.
    expect(requestSizes(backend)).toEqual([10, 5, 5, 3, 2, 1, 1, 1, 2])
    expect(backend.batchSizes).toEqual([5, 1, 1, 2])
    expect([...backend.stored.keys()].sort()).toEqual(records.filter((_, i) => i !== 6).map((r) => r.key))
    expect(await db.count('outbox')).toBe(0)
    const dead = await db.getAll('deadLetters')
    expect(dead).toEqual([
      {
        key: records[6]!.key,
        record: maskedRecord(records[6]!),
        reason: 'refused',
        code: 400,
        message: expect.stringMatching(/^invalid: .*itemCode/s),
        at: NOW.toISOString(),
      },
    ])
    expect(settled.get(records[6]!.key)).toMatchObject({ state: 'rejected', code: 400 })
    // What the heartbeat reports to ops: counts by reason, nothing of the record.
    expect(await deadLetterSummary(db)).toEqual({ count: 1, reasons: { 'refused 400': 1 } })
    expect([...settled.values()].filter((o) => o.state === 'done')).toHaveLength(9)
    // Nothing is sent again.
    await runSyncOnce(deps)
    expect(requestSizes(backend)).toHaveLength(9)
  })

  it('finds two malformed records among 8 and delivers the other 6 exactly once', async () => {
    const { db, backend, deps } = await syncHarness()
    const records = await fill(db, 8, withMalformed(8, [1, 6]))
    await expect(runSyncOnce(deps)).resolves.toMatchObject({ delivered: 6, deadLettered: 2 })
    expect((await db.getAllKeys('deadLetters')).sort()).toEqual([records[1]!.key, records[6]!.key].sort())
    expect(backend.batchSizes.reduce((a, b) => a + b, 0)).toBe(6)
    expect(backend.stored.size).toBe(6)
  })

  it('dead-letters a record that alone is over the body limit (413) and delivers the ones behind it', async () => {
    const { db, backend, deps } = await syncHarness()
    const [big, ...rest] = makeRecords(4)
    const huge = '办'.repeat(500)
    const fields = Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`f${i}`, huge]))
    await fill(db, 4, [{ ...big!, fields }, ...rest])
    await expect(runSyncOnce(deps)).resolves.toMatchObject({ delivered: 3, deadLettered: 1 })
    expect(backend.batchBytes[0]).toBeGreaterThan(MAX_BODY_BYTES)
    expect(requestSizes(backend)).toEqual([1, 3])
    expect(await db.get('deadLetters', big!.key)).toMatchObject({
      reason: 'refused',
      code: 413,
      message: `too_large: body is larger than ${MAX_BODY_BYTES / 1024} KB`,
    })
  })

  it.each([400, 413, 422])(
    'splits a batch refused whole with %i once, and delivers both halves',
    async (status) => {
      const { db, backend, deps } = await syncHarness()
      await fill(db, 4)
      backend.fail(status, 1, TX_PATH)
      await expect(runSyncOnce(deps)).resolves.toMatchObject({ delivered: 4, deadLettered: 0 })
      expect(requestSizes(backend)).toEqual([4, 2, 2])
      expect(await db.count('deadLetters')).toBe(0)
    },
  )

  it('settles what the split decided when the network fails midway, and keeps the rest pending', async () => {
    const { db, backend, deps } = await syncHarness()
    const records = await fill(db, 6, withMalformed(6, [5]))
    let sent = 0
    const client = createBackendClient({
      getToken: () => DEMO_IDENTITY.token,
      fetchImpl: async (input, init) => {
        // The 3rd request (the second half, 3-5) never reaches the backend.
        if (String(input).endsWith(TX_PATH) && ++sent === 3) throw new TypeError('Failed to fetch')
        return backend.fetch(input, init)
      },
    })
    await expect(runSyncOnce({ ...deps, client })).rejects.toMatchObject({ kind: 'network' })
    expect([...backend.stored.keys()]).toEqual(records.slice(0, 3).map((r) => r.key))
    const left = await queuedEntries(db)
    expect(left.map((e) => [e.key, e.state, e.attempts])).toEqual(
      records.slice(3).map((r) => [r.key, 'pending', 1]),
    )
    expect(await db.count('deadLetters')).toBe(0)
    await expect(runSyncOnce(deps)).resolves.toMatchObject({ delivered: 2, deadLettered: 1 })
    expect(await db.count('outbox')).toBe(0)
  })
})
