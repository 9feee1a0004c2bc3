/** Delivery of ratings kept offline (一事一评): after their transaction, once, dropped on a final answer. */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import { openKioskDb, type PendingRating } from '../../kiosk/src/storage/db'
import { enqueueRecord } from '../../kiosk/src/storage/outboxStore'
import { pendingRatings, queueRating } from '../../kiosk/src/storage/pendingRatingStore'
import { BackendError } from '../../kiosk/src/sync/backendClient'
import { sendPendingRatings } from '../../kiosk/src/sync/ratingSync'
import { makeRecords } from '../fixtures/node/offline/records'

const rating = (n: number, transactionKey: string, level: PendingRating['level'] = 2): PendingRating => ({
  key: `0190a1b2-c3d4-7e5f-8a9b-${String(n).padStart(12, '0')}`,
  transactionKey,
  level,
  createdAt: n,
})

async function setup() {
  const db = await openKioskDb(new IDBFactory())
  const [queued, delivered, dead] = makeRecords(3)
  await enqueueRecord(db, queued!, 1)
  await db.put('deadLetters', {
    key: dead!.key,
    record: dead!,
    reason: 'rejected',
    code: 400,
    message: 'unknown item',
    at: '2026-11-27T01:00:00.000Z',
  })
  return { db, queued: queued!.key, delivered: delivered!.key, dead: dead!.key }
}

const client = (answer: (body: unknown) => Promise<unknown>) => ({
  postRating: vi.fn(
    async (body: unknown) => (await answer(body)) as { caseNumber: string; replayed: boolean },
  ),
})

describe('sendPendingRatings', () => {
  it('waits while the transaction is queued, drops dead-lettered ones, sends the rest with their own key', async () => {
    const { db, queued, delivered, dead } = await setup()
    await queueRating(db, rating(1, queued))
    await queueRating(db, rating(2, delivered, 1))
    await queueRating(db, rating(3, dead))
    const c = client(async () => ({ caseNumber: 'SB1', replayed: false }))
    const rated: string[] = []
    const report = await sendPendingRatings(
      async () => db,
      c,
      (k) => rated.push(k),
    )
    expect(report).toEqual({ sent: 1, dropped: 1, expired: 0, waiting: 1 })
    expect(c.postRating).toHaveBeenCalledTimes(1)
    expect(c.postRating).toHaveBeenCalledWith({
      transactionKey: delivered,
      level: 1,
      key: rating(2, delivered).key,
    })
    expect(rated).toEqual([delivered])
    expect((await pendingRatings(db)).map((r) => r.transactionKey)).toEqual([queued])
    db.close()
  })

  it('a final refusal (404 not ratable, 403 grant expired, 400) drops the rating, counting expired grants apart', async () => {
    const { db, delivered } = await setup()
    const refusals = [
      [404, 'case_not_ratable'],
      [403, 'grant_expired'],
      [400, 'validation'],
    ] as const
    for (const [i] of refusals.entries())
      await queueRating(db, { ...rating(10 + i, delivered), grant: `grant-${i}` })
    let call = 0
    const c = client(async () => {
      const [status, code] = refusals[call++]!
      throw new BackendError('http', `HTTP ${status}`, status, code)
    })
    const rated: string[] = []
    expect(
      await sendPendingRatings(
        async () => db,
        c,
        (k) => rated.push(k),
      ),
    ).toEqual({
      sent: 0,
      dropped: 2,
      expired: 1,
      waiting: 0,
    })
    // The grant went with each rating; none of them counts as rated.
    expect(c.postRating.mock.calls.map(([body]) => (body as { grant?: string }).grant)).toEqual([
      'grant-0',
      'grant-1',
      'grant-2',
    ])
    expect(rated).toEqual([])
    expect(await pendingRatings(db)).toEqual([])
    db.close()
  })

  it.each([
    ['network', new BackendError('network', 'Failed to fetch')],
    ['HTTP 429', new BackendError('http', 'HTTP 429', 429, 'rate_limited')],
    ['HTTP 503', new BackendError('http', 'HTTP 503', 503, 'x')],
  ])('%s keeps the rating and rethrows so the sync run backs off', async (_label, error) => {
    const { db, delivered } = await setup()
    await queueRating(db, rating(20, delivered))
    const c = client(async () => {
      throw error
    })
    await expect(sendPendingRatings(async () => db, c)).rejects.toBe(error)
    expect(await pendingRatings(db)).toHaveLength(1)
    db.close()
  })
})
