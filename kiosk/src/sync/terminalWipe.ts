/**
 * What the terminal deletes of its residents' data: everything at an admin's wipe order, and by age (the
 * backend's RETENTION_DAYS, received with the terminal's settings; the contract's default until then) the outbox records and dead letters that never left, which a revoked terminal
 * would otherwise keep for ever.
 *
 * Order of a wipe: a terminal that may still send delivers its outbox first (those residents were told "queued";
 * dropping their applications would lose them) and wipes only once it is empty, at a later heartbeat if delivery
 * fails now; a revoked terminal cannot deliver and wipes at once, queue included.
 * Either way it reports the wipe done afterwards, so the backend never records a wipe that did not happen.
 */
import { DEFAULT_RETENTION_DAYS } from '../../../mock-backend/src/contract/constants'
import type { KioskDatabase } from '../storage/db'

/** Age after which an undelivered record or a dead letter is deleted on the terminal, for `days` of retention. */
export const retentionMs = (days: number = DEFAULT_RETENTION_DAYS): number => days * 24 * 3600 * 1000

/**
 * The stores holding resident data, with the outbox's generation keys and inflight marks (a key outliving
 * its records would keep their leftover ciphertext readable); catalog, counters and identity are not personal and stay.
 */
const RESIDENT_STORES = [
  'outbox',
  'outboxKeys',
  'outboxInflight',
  'deadLetters',
  'knownCases',
  'pendingRatings',
] as const

/**
 * Deletes every resident record on the terminal in one transaction. With `onlyIfDelivered`, it deletes nothing and
 * answers false while the outbox still holds a record, checked in the same transaction, so a record queued a moment
 * before is never wiped undelivered.
 */
export async function wipeResidentData(
  db: KioskDatabase,
  { onlyIfDelivered = false }: { onlyIfDelivered?: boolean } = {},
): Promise<boolean> {
  const tx = db.transaction([...RESIDENT_STORES], 'readwrite', { durability: 'strict' })
  if (onlyIfDelivered && (await tx.objectStore('outbox').count()) > 0) {
    await tx.done
    return false
  }
  await Promise.all([...RESIDENT_STORES.map((name) => tx.objectStore(name).clear()), tx.done])
  return true
}

/** Deletes outbox records enqueued, and dead letters written, more than `retentionDays` before `nowMs`. */
export async function purgeExpiredResidentData(
  db: KioskDatabase,
  nowMs: number,
  retentionDays: number = DEFAULT_RETENTION_DAYS,
): Promise<number> {
  const cutoff = nowMs - retentionMs(retentionDays)
  const tx = db.transaction(['outbox', 'deadLetters'], 'readwrite')
  let deleted = 0
  for await (const cursor of tx
    .objectStore('outbox')
    .index('byEnqueuedAt')
    .iterate(IDBKeyRange.upperBound(cutoff, true))) {
    await cursor.delete()
    deleted += 1
  }
  for await (const cursor of tx.objectStore('deadLetters')) {
    if (Date.parse(cursor.value.at) < cutoff) {
      await cursor.delete()
      deleted += 1
    }
  }
  await tx.done
  return deleted
}
