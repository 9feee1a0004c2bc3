/**
 * What the terminal deletes of its residents' data at an admin's wipe order (by age: retentionPurge.ts). Loaded
 * on the first order, so the attract screen's entry does not carry it.
 *
 * Order of a wipe: a terminal that may still send delivers its outbox first (those residents were told "queued";
 * dropping their applications would lose them) and wipes only once it is empty, at a later heartbeat if delivery
 * fails now; a revoked terminal cannot deliver and wipes at once, queue included.
 * Either way it reports the wipe done afterwards, so the backend never records a wipe that did not happen.
 */
import type { KioskDatabase } from '../storage/db'

/**
 * The stores holding resident data, with the outbox's generation keys and inflight marks (a key outliving
 * its records would keep their leftover ciphertext readable) and the call-backs sealed under those keys;
 * catalog, counters and identity are not personal and stay.
 */
const RESIDENT_STORES = [
  'outbox',
  'outboxKeys',
  'outboxInflight',
  'deadLetters',
  'knownCases',
  'pendingRatings',
  'callbacks',
] as const

/**
 * Deletes every resident record on the terminal in one transaction. With `onlyIfDelivered`, it deletes nothing and
 * answers false while the outbox still holds a record or a call-back waits, checked in the same transaction, so
 * neither queued a moment before is wiped undelivered.
 */
export async function wipeResidentData(
  db: KioskDatabase,
  { onlyIfDelivered = false }: { onlyIfDelivered?: boolean } = {},
): Promise<boolean> {
  const tx = db.transaction([...RESIDENT_STORES], 'readwrite', { durability: 'strict' })
  const waiting = async () =>
    (await tx.objectStore('outbox').count()) + (await tx.objectStore('callbacks').count())
  if (onlyIfDelivered && (await waiting()) > 0) {
    await tx.done
    return false
  }
  await Promise.all([...RESIDENT_STORES.map((name) => tx.objectStore(name).clear()), tx.done])
  return true
}
