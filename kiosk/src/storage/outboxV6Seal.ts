/**
 * The move of DB v6 outbox entries to v7's sealed form (outboxV6.ts says why it runs after the open, not in the
 * upgrade). Its own module, loaded only when `openKioskDb`'s two counts find an entry still in the v6 form: a
 * terminal upgraded from v6 with records waiting, never a new one, so the entry does not carry it.
 */
import { recordWireBytes } from '../sync/batchBytes'
import type { KioskDatabase, StoredOutboxEntry } from './db'
import { dropUnusedKeys, keyUsers } from './outboxKeys'
import { joinRecord } from './outboxPersonal'
import { keepsGeneration, newGeneration, sealPersonal } from './outboxSealing'
import type { OutboxEntryV6 } from './outboxV6'
import type { StoredPersonal } from './storedTypes'

/** True for an entry still in the v6 form (sealed entries carry a generation). */
function isV6Entry(entry: StoredOutboxEntry | OutboxEntryV6): entry is OutboxEntryV6 {
  return !('generation' in entry)
}

/**
 * Seals every v6-form entry under one new generation, in one strict transaction that also drops the v6 Blobs
 * (each rewritten entry no longer refers to its file). A v6 part that cannot be read is left for the outbox's
 * own unreadable path: it is sealed as an empty part under no stored key, so taking it dead-letters it.
 * Returns how many entries moved.
 */
export async function sealV6Entries(db: KioskDatabase, now: number): Promise<number> {
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
  // A database opened below v8 (tests of older versions) has no call-backs to ask about.
  const callbacks = db.objectStoreNames.contains('callbacks')
  const stores = ['outbox', 'outboxKeys', ...(callbacks ? ['callbacks'] : [])] as [
    'outbox',
    'outboxKeys',
    'callbacks',
  ]
  const tx = db.transaction(stores, 'readwrite', { durability: 'strict' })
  const outbox = tx.objectStore('outbox')
  const move = async (entry: StoredOutboxEntry): Promise<void> => {
    // Another page may have moved or sent it meanwhile: only a v6-form entry is replaced.
    const current = (await outbox.get(entry.key)) as StoredOutboxEntry | OutboxEntryV6 | undefined
    if (current && isV6Entry(current)) await outbox.put(entry)
  }
  await Promise.all([keepsGeneration(tx.objectStore('outboxKeys'), sealing, now), ...moved.map(move)])
  await dropUnusedKeys(
    tx.objectStore('outboxKeys'),
    callbacks ? keyUsers(tx) : [outbox.index('byGeneration')],
  )
  await tx.done
  return moved.length
}
