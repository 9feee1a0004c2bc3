/**
 * The resident's part of an outbox record (ID number, name, phone, form values) is stored as an IndexedDB
 * Blob inside the record's own entry. Chromium writes a Blob value to a file of its own (`*.indexeddb.blob/`)
 * and unlinks that file once no committed entry refers to it, whereas the rest of the entry goes through
 * LevelDB, whose write-ahead log keeps the bytes of deleted values until a compaction the page cannot order.
 * One entry, one transaction: the record and its personal part are written and deleted together, so no
 * crash can leave one without the other (README, "Personal data at rest").
 */
import { recordWireBytes } from '../sync/batchBytes'
import type { OutboxEntry, StoredOutboxEntry } from './db'
import type { StoredPersonal, StoredRecordShell, StoredTransactionRecord } from './storedTypes'

/** MIME type of the personal part's Blob (JSON text). */
const PERSONAL_TYPE = 'application/json'

/**
 * The entry as stored: the record without its personal part, that part as a Blob, and its wire size. Its
 * delivery state is not stored in the entry (v7: `outboxInflight`).
 */
export function toStoredEntry(entry: OutboxEntry): StoredOutboxEntry {
  const { subject, fields, ...shell } = entry.record
  const personal: StoredPersonal = subject ? { subject, fields } : { fields }
  const { state: _apart, ...kept } = entry
  return {
    ...kept,
    record: shell,
    personal: new Blob([JSON.stringify(personal)], { type: PERSONAL_TYPE }),
    wireBytes: recordWireBytes(entry.record),
  }
}

/** The record of a stored entry, whole again (reads the Blob: never await it inside a transaction). */
export async function storedRecord(stored: StoredOutboxEntry): Promise<StoredTransactionRecord> {
  const personal = JSON.parse(await stored.personal.text()) as StoredPersonal
  return joinRecord(stored.record, personal)
}

/** A stored entry as the sync engine uses it: the record whole, nothing else of the storage layout. */
export async function fromStoredEntry(
  stored: StoredOutboxEntry,
  state: OutboxEntry['state'],
): Promise<OutboxEntry> {
  const { personal: _blob, wireBytes: _bytes, ...entry } = stored
  return { ...entry, state, record: await storedRecord(stored) }
}

function joinRecord(shell: StoredRecordShell, personal: StoredPersonal): StoredTransactionRecord {
  const record: StoredTransactionRecord = { ...shell, fields: personal.fields }
  if (personal.subject) record.subject = personal.subject
  return record
}
