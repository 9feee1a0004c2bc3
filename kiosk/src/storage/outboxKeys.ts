/**
 * Generation keys of the outbox (v7): the resident's part of a queued record is kept in LevelDB sealed with
 * AES-GCM under the key of its generation, and that key is the only Blob (a file of its own that Chromium
 * unlinks once no committed entry refers to it). A generation holds the records queued within
 * GENERATION_MS while earlier ones still wait; its key row is deleted in the transaction that removes its
 * last record, so whatever ciphertext LevelDB's log keeps of delivered records can no longer be opened.
 * (README, "Personal data at rest".)
 */
import type { IDBPObjectStore, StoreNames } from 'idb'
import type { GenerationKey, KioskDB } from './db'

/** A generation takes new records for at most this long; then the next record opens a new one. */
export const GENERATION_MS = 60 * 60 * 1000
/** AES-GCM key length in bytes (AES-256). */
export const KEY_BYTES = 32
const AES = 'AES-GCM'

/** The AES-GCM key of raw bytes, usable only to seal and open (never exported again). */
export function importRaw(raw: BufferSource): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, AES, false, ['encrypt', 'decrypt'])
}

/** The key a stored generation row holds (reads its Blob: never await it inside a transaction). */
export async function openGenerationKey(row: GenerationKey): Promise<CryptoKey> {
  return importRaw(await row.key.arrayBuffer())
}

/** The keys of the generation rows read, by generation (a key whose file is lost or damaged is left out). */
export async function openGenerationKeys(
  rows: (GenerationKey | undefined)[],
): Promise<Map<string, CryptoKey>> {
  const keys = new Map<string, CryptoKey>()
  const open = async (row: GenerationKey | undefined): Promise<void> => {
    const key = row ? await openGenerationKey(row).catch(() => null) : null
    if (row && key) keys.set(row.generation, key)
  }
  await Promise.all(rows.map(open))
  return keys
}

/** The `outboxKeys` store in a read-write transaction over `Stores`. */
export type KeysStore<Stores extends StoreNames<KioskDB>[]> = IDBPObjectStore<
  KioskDB,
  Stores,
  'outboxKeys',
  'readwrite'
>

/** The stores whose entries are sealed under a generation key: a key row stays while either uses it. */
export type SealedStore = 'outbox' | 'callbacks'

/** A `byGeneration` index of a sealed store, as the key sweep asks it (one entry of a generation, or none). */
export interface GenerationUser {
  getKey(generation: string): Promise<unknown>
}

/**
 * Deletes the key rows of generations no queued record or call-back uses any more (in the caller's
 * transaction, after its deletes; `users` are the `byGeneration` indexes of both sealed stores), so no key
 * outlives what it sealed: settling a batch or a call-back, a start, the v6 → v7 move.
 */
export async function dropUnusedKeys<Stores extends StoreNames<KioskDB>[]>(
  keys: KeysStore<Stores>,
  users: readonly GenerationUser[],
): Promise<number> {
  const generations = await keys.getAllKeys()
  const used = await Promise.all(
    generations.map(async (g) =>
      (await Promise.all(users.map((u) => u.getKey(g)))).some((k) => k !== undefined),
    ),
  )
  const unused = generations.filter((_, i) => !used[i])
  await Promise.all(unused.map((g) => keys.delete(g)))
  return unused.length
}

/** The `byGeneration` indexes of both sealed stores in `tx`: a key row stays while either uses it. */
export function keyUsers(tx: {
  objectStore(name: 'outbox' | 'callbacks'): { index(name: 'byGeneration'): GenerationUser }
}): GenerationUser[] {
  return [tx.objectStore('outbox').index('byGeneration'), tx.objectStore('callbacks').index('byGeneration')]
}

/** What settling touches: the sealed stores (a key sweep asks both), dead letters, inflight marks and keys. */
export const SETTLE_STORES: ['outbox', 'deadLetters', 'outboxInflight', 'outboxKeys', 'callbacks'] = [
  'outbox',
  'deadLetters',
  'outboxInflight',
  'outboxKeys',
  'callbacks',
]
