/**
 * What the terminal deletes of its residents' data by age (the backend's RETENTION_DAYS, received with the
 * terminal's settings; the contract's default until then): the outbox records, call-backs and dead letters that
 * never left, which a revoked terminal would otherwise keep for ever. Runs at every heartbeat (an admin's wipe
 * order: terminalWipe.ts).
 */
import { DEFAULT_RETENTION_DAYS } from '../../../mock-backend/src/contract/constants'
import type { KioskDatabase } from '../storage/db'

/** Age after which an undelivered record or a dead letter is deleted on the terminal, for `days` of retention. */
export const retentionMs = (days: number = DEFAULT_RETENTION_DAYS): number => days * 24 * 3600 * 1000

/**
 * Deletes outbox records and call-backs enqueued, and dead letters written, more than `retentionDays` before
 * `nowMs`. Their generation keys go at the next settle or start (the key sweep).
 */
export async function purgeExpiredResidentData(
  db: KioskDatabase,
  nowMs: number,
  retentionDays: number = DEFAULT_RETENTION_DAYS,
): Promise<number> {
  const cutoff = nowMs - retentionMs(retentionDays)
  const tx = db.transaction(['outbox', 'deadLetters', 'callbacks'], 'readwrite')
  let deleted = 0
  for (const queue of ['outbox', 'callbacks'] as const)
    for await (const cursor of tx
      .objectStore(queue)
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
