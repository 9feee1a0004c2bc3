/**
 * Outbox entries as DB v6 stored them (the record's personal part a Blob of its own, the delivery state in
 * the entry), and their move to v7's sealed form. The v6 upgrade step still writes this form (an old step
 * never changes); the move cannot run inside the upgrade (reading a Blob and WebCrypto are not IndexedDB
 * requests, the upgrade would commit under them), so `openKioskDb` runs it (outboxV6Seal.ts, loaded only when
 * an entry in this form is left) right after every open until none is: a crash halfway leaves each record whole
 * in one form or the other.
 */
import { recordWireBytes } from '../sync/batchBytes'
import type { OutboxEntry } from './db'
import { splitRecord } from './outboxPersonal'
import type { StoredRecordShell } from './storedTypes'

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
