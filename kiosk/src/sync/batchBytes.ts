/**
 * How many bytes a batch of records weighs on the wire, so the terminal never builds a body the backend
 * refuses for its size alone (the contract's MAX_BODY_BYTES, the same figure the backend enforces).
 */
import { MAX_BODY_BYTES } from '../../../mock-backend/src/contract/constants'

/** `{"records":[` and `]}` around the records of a `POST /api/terminal/transactions` body. */
const BATCH_ENVELOPE_BYTES = utf8Bytes('{"records":[]}')

/** Bytes the records of one batch may take together, commas included. */
export const BATCH_RECORD_BYTES = MAX_BODY_BYTES - BATCH_ENVELOPE_BYTES

/** One record's bytes in the batch body, with the comma that separates it from the next. */
export function recordWireBytes(record: unknown): number {
  return utf8Bytes(JSON.stringify(record)) + 1
}

/** UTF-8 length of a string without encoding it (most records are short Chinese text). */
export function utf8Bytes(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one code point of 4 bytes.
      bytes += 4
      i += 1
    } else bytes += 3
  }
  return bytes
}
