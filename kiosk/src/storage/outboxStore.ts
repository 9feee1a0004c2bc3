/**
 * The outbox: finished transactions stored with strict durability before the resident is told
 * anything, then delivered exactly once by key. Only IndexedDB work is awaited inside a transaction.
 */
import type { TransactionRecord } from '../../../mock-backend/src/contract'
import type { DeadLetter, KioskDatabase, OutboxEntry } from './db'
import { rethrowStorageError } from './storageErrors'

/**
 * Stores a record and resolves only after the transaction committed with strict durability
 * (flushed to disk). A full disk rejects with StorageFullError.
 */
export async function enqueueRecord(
  db: KioskDatabase,
  record: TransactionRecord,
  now: number,
): Promise<OutboxEntry> {
  const entry: OutboxEntry = {
    key: record.key,
    record,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    enqueuedAt: now,
  }
  const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' })
  try {
    await Promise.all([tx.store.add(entry), tx.done])
  } catch (error) {
    try {
      tx.abort()
    } catch {
      // already finished or aborted
    }
    // Make sure the transaction's own rejection is observed too.
    await tx.done.catch(() => undefined)
    rethrowStorageError(error)
  }
  return entry
}

/** After a restart nothing is in flight: records a dead page left 'inflight' become pending again. */
export async function resetInflight(db: KioskDatabase): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite')
  let reset = 0
  for await (const cursor of tx.store) {
    if (cursor.value.state === 'inflight') {
      await cursor.update({ ...cursor.value, state: 'pending' })
      reset += 1
    }
  }
  await tx.done
  return reset
}

/** Picks up to `limit` due pending records, oldest first, and marks them inflight in the same transaction. */
export async function takeBatch(db: KioskDatabase, limit: number, now: number): Promise<OutboxEntry[]> {
  const tx = db.transaction('outbox', 'readwrite')
  const batch: OutboxEntry[] = []
  // Index order is enqueuedAt, then primary key (UUIDv7, time-ordered) for ties.
  for await (const cursor of tx.store.index('byEnqueuedAt')) {
    if (batch.length >= limit) break
    const entry = cursor.value
    if (entry.state !== 'pending' || entry.nextAttemptAt > now) continue
    const inflight: OutboxEntry = { ...entry, state: 'inflight' }
    await cursor.update(inflight)
    batch.push(inflight)
  }
  await tx.done
  return batch
}

/** Outcome of one record as the sync engine applies it. */
export type RecordDisposition =
  | { key: string; kind: 'delivered' }
  | { key: string; kind: 'dead'; reason: DeadLetter['reason']; code: number; message: string; at: string }
  | { key: string; kind: 'retry'; nextAttemptAt: number }
  | { key: string; kind: 'unsent' }

/** Applies a batch's outcomes in one transaction: delete, dead-letter, or back to pending. */
export async function settleBatch(db: KioskDatabase, dispositions: RecordDisposition[]): Promise<void> {
  const tx = db.transaction(['outbox', 'deadLetters'], 'readwrite', { durability: 'strict' })
  const outbox = tx.objectStore('outbox')
  const dead = tx.objectStore('deadLetters')
  for (const d of dispositions) {
    const entry = await outbox.get(d.key)
    if (!entry) continue
    if (d.kind === 'delivered') {
      await outbox.delete(d.key)
    } else if (d.kind === 'dead') {
      await dead.put({
        key: d.key,
        record: entry.record,
        reason: d.reason,
        code: d.code,
        message: d.message,
        at: d.at,
      })
      await outbox.delete(d.key)
    } else if (d.kind === 'retry') {
      await outbox.put({
        ...entry,
        state: 'pending',
        attempts: entry.attempts + 1,
        nextAttemptAt: d.nextAttemptAt,
      })
    } else {
      await outbox.put({ ...entry, state: 'pending', attempts: entry.attempts + 1 })
    }
  }
  await tx.done
}

/** Queue figures for the status screen and the heartbeat. */
export async function outboxStats(
  db: KioskDatabase,
): Promise<{ queueLength: number; oldestUnsentAt: string | null; deadLetters: number }> {
  const tx = db.transaction(['outbox', 'deadLetters'], 'readonly')
  const [queueLength, oldest, deadLetters] = await Promise.all([
    tx.objectStore('outbox').count(),
    tx.objectStore('outbox').index('byEnqueuedAt').openCursor(),
    tx.objectStore('deadLetters').count(),
  ])
  await tx.done
  return { queueLength, oldestUnsentAt: oldest ? oldest.value.record.createdAt : null, deadLetters }
}
