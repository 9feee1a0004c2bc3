/**
 * Generation keys of the outbox (v7): the resident's part of a queued record is kept in LevelDB sealed with
 * AES-GCM under the key of its generation, and that key is the only Blob (a file of its own that Chromium
 * unlinks once no committed entry refers to it). A generation holds the records queued within
 * GENERATION_MS while earlier ones still wait; its key row is deleted in the transaction that removes its
 * last record, so whatever ciphertext LevelDB's log keeps of delivered records can no longer be opened.
 * (README, "Personal data at rest".)
 */
import type { IDBPIndex, IDBPObjectStore, StoreNames } from 'idb'
import type { GenerationKey, KioskDatabase, KioskDB } from './db'
import { createUuidV7Generator } from './uuidv7'

/** A generation takes new records for at most this long; then the next record opens a new one. */
export const GENERATION_MS = 60 * 60 * 1000
/** AES-GCM key length in bytes (AES-256). */
const KEY_BYTES = 32
const AES = 'AES-GCM'

/** A generation's key as a record is sealed with it; `raw` is set only for a generation not stored yet. */
export interface SealingKey {
  generation: string
  key: CryptoKey
  raw: Uint8Array<ArrayBuffer> | null
}

/** The AES-GCM key of raw bytes, usable only to seal and open (never exported again). */
function importRaw(raw: BufferSource): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, AES, false, ['encrypt', 'decrypt'])
}

/** The key a stored generation row holds (reads its Blob: never await it inside a transaction). */
export async function openGenerationKey(row: GenerationKey): Promise<CryptoKey> {
  return importRaw(await row.key.arrayBuffer())
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

type KeysStore<Stores extends StoreNames<KioskDB>[]> = IDBPObjectStore<
  KioskDB,
  Stores,
  'outboxKeys',
  'readwrite'
>

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
 * Deletes the key rows of generations no queued record uses any more (in the caller's transaction, after
 * its deletes), so no key outlives its records: settling a batch, a start, the v6 → v7 move.
 */
export async function dropUnusedKeys<Stores extends StoreNames<KioskDB>[]>(
  keys: KeysStore<Stores>,
  byGeneration: IDBPIndex<KioskDB, Stores, 'outbox', 'byGeneration', 'readwrite'>,
): Promise<number> {
  const generations = await keys.getAllKeys()
  const used = await Promise.all(generations.map((g) => byGeneration.getKey(g)))
  const unused = generations.filter((_, i) => used[i] === undefined)
  await Promise.all(unused.map((g) => keys.delete(g)))
  return unused.length
}
