/**
 * The v4 upgrade's masking of dead letters an older release kept whole, run right after the open that upgraded
 * (db.ts sets `deadLettersUnmasked`): one readwrite transaction masks them all and clears the flag, so a page closed
 * halfway masks them on its next open. Loaded only then, so the masking code stays out of the boot entry.
 */
import type { KioskDatabase } from './db'
import { maskedRecord } from './deadLetterMask'

/** Masks every stored dead letter and clears the flag, atomically. */
export async function maskStoredDeadLetters(db: KioskDatabase): Promise<void> {
  const tx = db.transaction(['deadLetters', 'meta'], 'readwrite')
  for await (const cursor of tx.objectStore('deadLetters'))
    await cursor.update({ ...cursor.value, record: maskedRecord(cursor.value.record) })
  await tx.objectStore('meta').delete('deadLettersUnmasked')
  await tx.done
}
