/**
 * The outbox: finished transactions stored with strict durability before the resident is told
 * anything, then delivered exactly once by key. Only IndexedDB work is awaited inside a transaction:
 * the resident's part of a record is sealed under its generation's key (outboxSealing.ts, outboxKeys.ts),
 * sealed before and opened (outboxPersonal.ts) after the transaction that stores or takes it.
 */

import type { IDBPObjectStore } from 'idb'
import type { DeadLetter, KioskDatabase, KioskDB, OutboxEntry, StoredOutboxEntry } from './db'
import { dropUnusedKeys, keyUsers, openGenerationKeys, SETTLE_STORES } from './outboxKeys'
import { fromStoredEntry } from './outboxPersonal'
import type { StoredTransactionRecord } from './storedTypes'

/**
 * The sealing code (outboxSealing.ts), not carried by the attract screen's entry: the bridge loads it at a resident's
 * first tap, so a record stored offline later does not depend on fetching it then.
 */
export const loadSealing = () => import('./outboxSealing')

/**
 * Stores a record and resolves only after the transaction committed with strict durability
 * (flushed to disk). A full disk rejects with StorageFullError. The record is sealed under the current
 * generation first; should that generation's key leave meanwhile (its last record was delivered), it is
 * sealed again under a new one, whose key row is written with it: no record is stored without its key.
 */
export async function enqueueRecord(
  db: KioskDatabase,
  record: StoredTransactionRecord,
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
  const { storeUnderGeneration, toStoredEntry } = await loadSealing()
  await storeUnderGeneration(db, 'outbox', (sealing) => toStoredEntry(entry, sealing), now)
  return entry
}

/**
 * After a restart nothing is in flight: records a dead page left 'inflight' become pending again. The same
 * transaction drops generation keys no record uses (a wipe or the age purge removed their records).
 */
export async function resetInflight(db: KioskDatabase): Promise<number> {
  const tx = db.transaction(['outbox', 'outboxInflight', 'outboxKeys', 'callbacks'], 'readwrite')
  const marks = tx.objectStore('outboxInflight')
  const [reset] = await Promise.all([marks.count(), marks.clear()])
  await dropUnusedKeys(tx.objectStore('outboxKeys'), keyUsers(tx))
  await tx.done
  return reset
}

type OutboxStore = IDBPObjectStore<KioskDB, TakeStores, 'outbox', 'readwrite'>
type TakeStores = ['outbox', 'outboxInflight', 'outboxKeys']
/** What a range-or-keys delete needs of a store keyed by record key (`outbox`, `outboxInflight`). */
interface KeyedStore {
  getAllKeys(range: IDBKeyRange, count: number): Promise<string[]>
  delete(key: string | IDBKeyRange): Promise<void>
}

/** A byte budget for a batch: `weigh` gives one stored entry's bytes; the first is taken even when over it. */
export interface ByteBudget {
  bytes: number
  weigh: (entry: StoredOutboxEntry) => number
}

/**
 * Picks up to `limit` due pending records, oldest first, within `budget` bytes when given (a record alone
 * over the budget is still taken, alone, so the answer can dead-letter it instead of blocking the queue),
 * and marks them inflight in the same transaction (a small row in `outboxInflight`: the entry itself is
 * not written again).
 * The order comes from the index as keys only, the values from the store in range reads (reading values
 * through an index costs a lookup per record in Chromium). When the head is not due (another lane's
 * inflight batch, records waiting for a later retry) the scan widens ×4 and reads only the new keys.
 * All reads come first, then the writes are issued together; the records' personal parts are opened after
 * the transaction committed, with the generation keys read in it (a key stays while its records do).
 */
export async function takeBatch(
  db: KioskDatabase,
  limit: number,
  now: number,
  budget?: ByteBudget,
): Promise<OutboxEntry[]> {
  const tx = db.transaction(['outbox', 'outboxInflight', 'outboxKeys'], 'readwrite')
  const store = tx.objectStore('outbox')
  const marks = tx.objectStore('outboxInflight')
  const index = store.index('byEnqueuedAt')
  // In flight: the batches of the other lane (or of a page that died, until the next start), a few hundred.
  const inflight = new Set(await marks.getAllKeys())
  const isDue = (entry: StoredOutboxEntry) => !inflight.has(entry.key) && entry.nextAttemptAt <= now
  const due: StoredOutboxEntry[] = []
  let bytes = 0
  let full = false
  let seen = 0
  for (let scan = limit; due.length < limit && !full; scan *= 4) {
    // Index order is enqueuedAt, then primary key (UUIDv7, time-ordered) for ties; stable within tx.
    const keys = await index.getAllKeys(undefined, scan)
    const fresh = await entriesByKey(store, keys.slice(seen))
    seen = keys.length
    for (const entry of fresh) {
      if (full || due.length >= limit || !isDue(entry)) continue
      const weight = budget ? budget.weigh(entry) : 0
      if (budget && due.length > 0 && bytes + weight > budget.bytes) full = true
      else {
        due.push(entry)
        bytes += weight
      }
    }
    if (keys.length < scan) break
  }
  const generations = [...new Set(due.map((entry) => entry.generation))]
  const [rows] = await Promise.all([
    Promise.all(generations.map((g) => tx.objectStore('outboxKeys').get(g))),
    ...due.map((entry) => marks.put({ key: entry.key, takenAt: now })),
    tx.done,
  ])
  const keys = await openGenerationKeys(rows)
  const read = await Promise.allSettled(
    due.map((entry) => fromStoredEntry(entry, 'inflight', keys.get(entry.generation))),
  )
  // A personal part that does not open (its key file lost or damaged, its ciphertext damaged) can never be
  // sent: dead-letter it rather than fail every run.
  const unreadable = due.filter((_, i) => read[i]?.status === 'rejected')
  if (unreadable.length > 0) await (await deadLetterSide()).deadLetterUnreadable(db, unreadable, now)
  return read.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
}

/**
 * Dead-lettering (a record refused for good, or unreadable), loaded the first time a record needs it: rare, so the
 * attract screen's entry does not carry it.
 */
const deadLetterSide = () => import('./outboxDeadLetters')

/** The smallest key range holding all `keys` (strings compare the same in IndexedDB and in JS sort). */
function spanOf(keys: readonly string[]): { sorted: string[]; range: IDBKeyRange } {
  const sorted = [...keys].sort()
  return { sorted, range: IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]) }
}

/** The entries of `keys`, in that order: one range read when they are contiguous, else a get per stray key. */
async function entriesByKey(store: OutboxStore, keys: string[]): Promise<StoredOutboxEntry[]> {
  if (keys.length === 0) return []
  const inRange = await store.getAll(spanOf(keys).range, keys.length)
  const byKey = new Map(inRange.map((entry) => [entry.key, entry]))
  const entries = await Promise.all(keys.map((key) => byKey.get(key) ?? store.get(key)))
  return entries.filter((entry): entry is StoredOutboxEntry => entry !== undefined)
}

/**
 * Deletes `keys` (delivered records, or a settled batch's inflight marks): one range delete when the range
 * holds exactly these keys (a batch of consecutive records, the normal drain), else one delete per key.
 */
async function deleteKeys(store: KeyedStore, keys: string[]): Promise<void> {
  if (keys.length === 0) return
  const { sorted, range } = spanOf(keys)
  const present = await store.getAllKeys(range, sorted.length + 1)
  if (present.length === sorted.length && present.every((key, i) => key === sorted[i])) {
    return store.delete(range)
  }
  await Promise.all(keys.map((key) => store.delete(key)))
}

/** Outcome of one record as the sync engine applies it. */
export type RecordDisposition =
  | { key: string; kind: 'delivered' }
  | { key: string; kind: 'dead'; reason: DeadLetter['reason']; code: number; message: string; at: string }
  | { key: string; kind: 'retry'; nextAttemptAt: number }
  | { key: string; kind: 'unsent' }

/**
 * Applies a batch's outcomes in one strict transaction: delete, dead-letter (masked), or back to pending;
 * the batch's inflight marks go in the same transaction, and so do the keys of generations left without a
 * record (their leftover ciphertext is useless from this commit on).
 * Requests are issued together (IndexedDB runs them in order) instead of one awaited round trip each.
 * Records to dead-letter are read whole first (their personal part is a Blob, read outside a transaction).
 */
export async function settleBatch(db: KioskDatabase, dispositions: RecordDisposition[]): Promise<void> {
  const deadKeys = dispositions.filter((d) => d.kind === 'dead').map((d) => d.key)
  const masked: Map<string, StoredTransactionRecord> =
    deadKeys.length > 0 ? await (await deadLetterSide()).maskedRecords(db, deadKeys) : new Map()
  const tx = db.transaction(SETTLE_STORES, 'readwrite', { durability: 'strict' })
  const outbox = tx.objectStore('outbox')
  const dead = tx.objectStore('deadLetters')
  const marks = tx.objectStore('outboxInflight')
  const settle = async (d: RecordDisposition): Promise<void> => {
    if (d.kind === 'delivered') return
    const entry = await outbox.get(d.key)
    if (!entry) return
    if (d.kind === 'dead') {
      // Read before this transaction; an entry that was not there then is left for the next run.
      const record = masked.get(d.key)
      if (!record) return
      const letter: DeadLetter = {
        key: d.key,
        record,
        reason: d.reason,
        code: d.code,
        message: d.message,
        at: d.at,
      }
      await Promise.all([dead.put(letter), outbox.delete(d.key)])
    } else if (d.kind === 'retry') {
      await outbox.put({ ...entry, attempts: entry.attempts + 1, nextAttemptAt: d.nextAttemptAt })
    } else {
      await outbox.put({ ...entry, attempts: entry.attempts + 1 })
    }
  }
  const delivered = dispositions.filter((d) => d.kind === 'delivered').map((d) => d.key)
  await Promise.all([
    deleteKeys(outbox, delivered),
    deleteKeys(
      marks,
      dispositions.map((d) => d.key),
    ),
    ...dispositions.map(settle),
  ])
  await dropUnusedKeys(tx.objectStore('outboxKeys'), keyUsers(tx))
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

/**
 * Dead letters counted by reason and status (`refused 400` …) for the heartbeat: counts only, never a
 * record or message, so ops can see a terminal gave records up without seeing whose.
 */
export async function deadLetterSummary(
  db: KioskDatabase,
): Promise<{ count: number; reasons: Record<string, number> }> {
  const letters = await db.getAll('deadLetters')
  const reasons: Record<string, number> = {}
  for (const letter of letters) {
    const reason = `${letter.reason} ${letter.code}`
    reasons[reason] = (reasons[reason] ?? 0) + 1
  }
  return { count: letters.length, reasons }
}
