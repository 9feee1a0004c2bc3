/**
 * Outbox entries as DB v6 stored them (the record's personal part a Blob of its own, the delivery state in
 * the entry), and their move to v7's sealed form. The v6 upgrade step still writes this form (an old step
 * never changes); the move cannot run inside the upgrade (reading a Blob and WebCrypto are not IndexedDB
 * requests, the upgrade would commit under them), so `openKioskDb` runs it right after every open until no
 * entry is left in this form: a crash halfway leaves each record whole in one form or the other.
 */
import { recordWireBytes } from '../sync/batchBytes'
import type { KioskDatabase, OutboxEntry, StoredOutboxEntry } from './db'
import { dropUnusedKeys, keepsGeneration, newGeneration } from './outboxKeys'
import { joinRecord, sealPersonal, splitRecord } from './outboxPersonal'
import type { StoredPersonal, StoredRecordShell } from './storedTypes'

/** A v6 outbox entry. */
export interface OutboxEntryV6 extends Omit<OutboxEntry, 'record'> {
  record: StoredRecordShell
  /** JSON of the record's `StoredPersonal` part. */
  personal: Blob
  wireBytes: number
}

/** The v6 form of an entry (what the v5 → v6 upgrade writes for each waiting record). */
export function toV6Entry(entry: OutboxEntry): OutboxEntryV6 {
  const { shell, personal } = splitRecord(entry.record)
  return {
    ...entry,
    record: shell,
    personal: new Blob([JSON.stringify(personal)], { type: 'application/json' }),
    wireBytes: recordWireBytes(entry.record),
  }
}

/** True for an entry still in the v6 form (sealed entries carry a generation). */
function isV6Entry(entry: StoredOutboxEntry | OutboxEntryV6): entry is OutboxEntryV6 {
  return !('generation' in entry)
}

/**
 * Seals every v6-form entry under one new generation, in one strict transaction that also drops the v6 Blobs
 * (each rewritten entry no longer refers to its file). A v6 part that cannot be read is left for the outbox's
 * own unreadable path: it is sealed as an empty part under no stored key, so taking it dead-letters it.
 * Returns how many entries moved; the cheap case (none left) is two counts.
 */
export async function sealV6Entries(db: KioskDatabase, now: number): Promise<number> {
  const count = db.transaction('outbox', 'readonly')
  const [all, sealedCount] = await Promise.all([
    count.store.count(),
    count.store.index('byGeneration').count(),
    count.done,
  ])
  if (all === sealedCount) return 0
  const legacy = ((await db.getAll('outbox')) as (StoredOutboxEntry | OutboxEntryV6)[]).filter(isV6Entry)
  if (legacy.length === 0) return 0
  const parts = await Promise.allSettled(
    legacy.map(async (entry) => JSON.parse(await entry.personal.text()) as StoredPersonal),
  )
  const sealing = await newGeneration(now)
  const moved = await Promise.all(
    legacy.map(async (entry, i): Promise<StoredOutboxEntry> => {
      const part = parts[i]
      const { state: _apart, personal: _blob, ...kept } = entry
      const personal = part?.status === 'fulfilled' ? part.value : { fields: {} }
      const record = joinRecord(entry.record, personal)
      return {
        ...kept,
        wireBytes: recordWireBytes(record),
        // An unreadable part is sealed under a key that is never stored: it opens under none.
        generation: part?.status === 'fulfilled' ? sealing.generation : `${sealing.generation}-lost`,
        sealed: await sealPersonal(personal, sealing.key),
      }
    }),
  )
  const tx = db.transaction(['outbox', 'outboxKeys'], 'readwrite', { durability: 'strict' })
  const outbox = tx.objectStore('outbox')
  const move = async (entry: StoredOutboxEntry): Promise<void> => {
    // Another page may have moved or sent it meanwhile: only a v6-form entry is replaced.
    const current = (await outbox.get(entry.key)) as StoredOutboxEntry | OutboxEntryV6 | undefined
    if (current && isV6Entry(current)) await outbox.put(entry)
  }
  await Promise.all([keepsGeneration(tx.objectStore('outboxKeys'), sealing, now), ...moved.map(move)])
  await dropUnusedKeys(tx.objectStore('outboxKeys'), outbox.index('byGeneration'))
  await tx.done
  return moved.length
}
