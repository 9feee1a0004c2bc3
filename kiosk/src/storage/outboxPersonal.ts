/**
 * The resident's part of an outbox record (ID number, name, phone, form values) is stored sealed: AES-GCM
 * under the key of the record's generation (outboxKeys.ts), whose only copy is a Blob file Chromium unlinks
 * once the generation's last record left. LevelDB's pages and log hold the ciphertext only, useless once
 * the key file is gone (README, "Personal data at rest"). This file splits and opens (sealing: outboxSealing.ts);
 * both are WebCrypto, not IndexedDB requests: never await them inside a transaction.
 */
import type { OutboxEntry, StoredOutboxEntry } from './db'
import type { StoredPersonal, StoredRecordShell, StoredTransactionRecord } from './storedTypes'

/** AES-GCM nonce length in bytes; a fresh random one per record, stored before the ciphertext. */
export const IV_BYTES = 12

/** The record split in two: its shell (no personal data) and its personal part. */
export function splitRecord(record: StoredTransactionRecord): {
  shell: StoredRecordShell
  personal: StoredPersonal
} {
  const { subject, agent, relationship, member, fields, materials, ...shell } = record
  // Sealed as JSON, which leaves out what is undefined: a record without subject or materials has none.
  return { shell, personal: { subject, agent, relationship, member, fields, materials } }
}

/**
 * The JSON value `sealed` holds. Rejects when its generation's key is missing (`undefined`) or the ciphertext
 * does not open under it (damaged): such a value can never be sent.
 */
export async function openJson(sealed: ArrayBuffer, key: CryptoKey | undefined): Promise<unknown> {
  if (!key) throw new Error('the key of this value’s generation is gone')
  const iv = new Uint8Array(sealed, 0, IV_BYTES)
  const cipher = new Uint8Array(sealed, IV_BYTES)
  const text = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher)
  return JSON.parse(new TextDecoder().decode(text))
}

/**
 * The record of a stored entry, whole again. Rejects when its generation's key is missing (`undefined`) or
 * the ciphertext does not open under it (damaged): such a record can never be sent.
 */
export async function storedRecord(
  stored: StoredOutboxEntry,
  key: CryptoKey | undefined,
): Promise<StoredTransactionRecord> {
  return joinRecord(stored.record, (await openJson(stored.sealed, key)) as StoredPersonal)
}

/** A stored entry as the sync engine uses it: the record whole, nothing else of the storage layout. */
export async function fromStoredEntry(
  stored: StoredOutboxEntry,
  state: OutboxEntry['state'],
  key: CryptoKey | undefined,
): Promise<OutboxEntry> {
  const { sealed: _sealed, generation: _generation, wireBytes: _bytes, ...entry } = stored
  return { ...entry, state, record: await storedRecord(stored, key) }
}

/** The record from its shell and personal part. */
export function joinRecord(shell: StoredRecordShell, personal: StoredPersonal): StoredTransactionRecord {
  return { ...shell, ...personal }
}
