/**
 * Sealing what the terminal queues (outbox records' personal parts, call-backs' numbers) under a generation key
 * (outboxKeys.ts, README "Personal data at rest"): choosing or opening the generation, sealing, and storing the
 * entry with strict durability in the transaction that keeps its key row. Only enqueueing needs it, after a
 * resident's first tap: loaded then (outboxStore.ts `enqueueRecord`), the attract screen's entry does not carry it.
 */
import type { StoreNames, StoreValue } from 'idb'
import { recordWireBytes } from '../sync/batchBytes'
import type { KioskDatabase, KioskDB, OutboxEntry, StoredOutboxEntry } from './db'
import {
  GENERATION_MS,
  importRaw,
  KEY_BYTES,
  type KeysStore,
  openGenerationKey,
  type SealedStore,
} from './outboxKeys'
import { IV_BYTES, splitRecord } from './outboxPersonal'
import { rethrowStorageError } from './storageErrors'
import type { StoredPersonal } from './storedTypes'
import { createUuidV7Generator } from './uuidv7'

/** A generation's key as a record is sealed with it; `raw` is set only for a generation not stored yet. */
export interface SealingKey {
  generation: string
  key: CryptoKey
  raw: Uint8Array<ArrayBuffer> | null
}

/** A new generation: fresh random key bytes under a time-ordered id (so the newest row is the last). */
export async function newGeneration(now: number): Promise<SealingKey> {
  const raw = crypto.getRandomValues(new Uint8Array(KEY_BYTES))
  return { generation: createUuidV7Generator(() => now)(), key: await importRaw(raw), raw }
}

/**
 * The generation a record queued at `now` is sealed under: the newest stored one while it is younger than
 * GENERATION_MS (and its key file reads), else a new one. Read in a transaction of its own: the caller
 * checks, in the transaction that stores the record, that the row is still there (`keepsGeneration`).
 */
export async function generationForSealing(db: KioskDatabase, now: number): Promise<SealingKey> {
  const tx = db.transaction('outboxKeys', 'readonly')
  const newest = await tx.store.openCursor(null, 'prev')
  const row = newest?.value
  await tx.done
  if (row && row.openedAt <= now && now - row.openedAt < GENERATION_MS) {
    try {
      return { generation: row.generation, key: await openGenerationKey(row), raw: null }
    } catch {
      // Its key file is lost or damaged: that generation's records dead-letter as unreadable; seal anew.
    }
  }
  return newGeneration(now)
}

/**
 * In the transaction that stores a record sealed under `sealing`: stores a new generation's key row, and
 * answers false when an existing generation's row is gone (its last record left meanwhile and took the key
 * with it: reviving it would make that record's leftover ciphertext readable again, so seal anew).
 */
export async function keepsGeneration<Stores extends StoreNames<KioskDB>[]>(
  keys: KeysStore<Stores>,
  sealing: SealingKey,
  now: number,
): Promise<boolean> {
  if (sealing.raw) {
    await keys.add({ generation: sealing.generation, key: new Blob([sealing.raw]), openedAt: now })
    return true
  }
  return (await keys.count(sealing.generation)) > 0
}

/**
 * Stores one sealed entry in `store` and resolves only after the transaction committed with strict durability
 * (a full disk rejects with StorageFullError). `seal` seals it under the generation it is given: first the
 * current one; should that generation's key leave meanwhile (its last entry was delivered), it is sealed again
 * under a new one, whose key row is written with it: nothing is stored without its key.
 */
export async function storeUnderGeneration<S extends SealedStore>(
  db: KioskDatabase,
  store: S,
  seal: (sealing: SealingKey) => Promise<StoreValue<KioskDB, S>>,
  now: number,
): Promise<void> {
  let sealing = await generationForSealing(db, now)
  // At most twice: a new generation's row is written by this transaction, so it cannot have left.
  while (!(await storeSealed(db, store, await seal(sealing), sealing, now)))
    sealing = await newGeneration(now)
}

/** One strict transaction: the entry and (for a new generation) its key row; false when the key left. */
async function storeSealed<S extends SealedStore>(
  db: KioskDatabase,
  store: S,
  value: StoreValue<KioskDB, S>,
  sealing: SealingKey,
  now: number,
): Promise<boolean> {
  const tx = db.transaction([store, 'outboxKeys'], 'readwrite', { durability: 'strict' })
  try {
    if (!(await keepsGeneration(tx.objectStore('outboxKeys'), sealing, now))) {
      tx.abort()
      await tx.done.catch(() => undefined)
      return false
    }
    await Promise.all([tx.objectStore(store).add(value), tx.done])
    return true
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
}
/**
 * A JSON value sealed with `key`: a random IV, then the ciphertext (tag included). The outbox's personal parts
 * and the call-backs' numbers (callbackStore.ts) are sealed alike.
 */
export async function sealJson(value: unknown, key: CryptoKey): Promise<ArrayBuffer> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const text = new TextEncoder().encode(JSON.stringify(value))
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, text))
  const sealed = new Uint8Array(IV_BYTES + cipher.length)
  sealed.set(iv)
  sealed.set(cipher, IV_BYTES)
  return sealed.buffer
}

/** The personal part's JSON sealed with `key` (`sealJson`, typed for an outbox record's part). */
export const sealPersonal: (personal: StoredPersonal, key: CryptoKey) => Promise<ArrayBuffer> = sealJson

/**
 * The entry as stored: the record without its personal part, that part sealed under its generation, and its
 * wire size. Its delivery state is not stored in the entry (`outboxInflight`).
 */
export async function toStoredEntry(entry: OutboxEntry, sealing: SealingKey): Promise<StoredOutboxEntry> {
  const { shell, personal } = splitRecord(entry.record)
  const { state: _apart, ...kept } = entry
  return {
    ...kept,
    record: shell,
    generation: sealing.generation,
    sealed: await sealPersonal(personal, sealing.key),
    // What the record weighs in a batch: its materials go before it, one request each, never in the batch.
    wireBytes: recordWireBytes({ ...entry.record, materials: undefined }),
  }
}
