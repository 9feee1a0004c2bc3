/**
 * Dead-lettering outbox records (README "Exactly-once by key", "Dead letters keep no subject data"): the masked
 * records of a settled batch's refusals, and records whose personal part does not open. Loaded by outboxStore.ts
 * the first time a record needs it: rare, so the attract screen's entry does not carry it.
 */
import type { KioskDatabase, StoredOutboxEntry } from './db'
import { maskedRecord } from './deadLetterMask'
import { dropUnusedKeys, keyUsers, openGenerationKeys, SETTLE_STORES } from './outboxKeys'
import { storedRecord } from './outboxPersonal'
import type { StoredTransactionRecord } from './storedTypes'

/** Moves entries whose personal part cannot be read to the dead letters, keeping only the record's shell. */
export async function deadLetterUnreadable(
  db: KioskDatabase,
  entries: StoredOutboxEntry[],
  now: number,
): Promise<void> {
  const tx = db.transaction(SETTLE_STORES, 'readwrite', { durability: 'strict' })
  const at = new Date(now).toISOString()
  const outbox = tx.objectStore('outbox')
  await Promise.all([
    ...entries.map((entry) =>
      tx.objectStore('deadLetters').put({
        key: entry.key,
        record: shellRecord(entry),
        reason: 'unreadable',
        code: 0,
        message: 'the stored personal part of this record could not be read',
        at,
      }),
    ),
    ...entries.map((entry) => outbox.delete(entry.key)),
    ...entries.map((entry) => tx.objectStore('outboxInflight').delete(entry.key)),
  ])
  await dropUnusedKeys(tx.objectStore('outboxKeys'), keyUsers(tx))
  await tx.done
}

/** The record without its personal part: what is left when that part cannot be read. */
function shellRecord(entry: StoredOutboxEntry): StoredTransactionRecord {
  return { ...entry.record, fields: {} }
}

/** The masked records of `keys` still in the outbox, read whole in a transaction of their own. */
export async function maskedRecords(
  db: KioskDatabase,
  keys: string[],
): Promise<Map<string, StoredTransactionRecord>> {
  if (keys.length === 0) return new Map()
  const tx = db.transaction(['outbox', 'outboxKeys'], 'readonly')
  const stored = await Promise.all(keys.map((key) => tx.objectStore('outbox').get(key)))
  const present = stored.filter((entry): entry is StoredOutboxEntry => entry !== undefined)
  const generations = [...new Set(present.map((entry) => entry.generation))]
  const rows = await Promise.all(generations.map((g) => tx.objectStore('outboxKeys').get(g)))
  await tx.done
  const opened = await openGenerationKeys(rows)
  const records = await Promise.all(
    present.map((entry) => storedRecord(entry, opened.get(entry.generation)).catch(() => shellRecord(entry))),
  )
  return new Map(records.map((record) => [record.key, maskedRecord(record)]))
}
