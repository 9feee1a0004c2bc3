/**
 * Ties known cases to the ID number they were looked up by without storing the number: a PBKDF2 hash
 * with a random salt per terminal (kept in `meta`), so a copied database cannot be matched against
 * another terminal's, and guessing numbers costs real work.
 */
import type { KioskDatabase } from './db'

/** PBKDF2-SHA-256 rounds: a few milliseconds per lookup on a terminal, slow for bulk guessing. */
export const SUBJECT_HASH_ROUNDS = 20_000

/** This terminal's salt, created on first use (16 random bytes, hex). */
export async function caseSalt(db: KioskDatabase): Promise<string> {
  const tx = db.transaction('meta', 'readwrite')
  let salt = (await tx.store.get('caseSalt')) as string | undefined
  if (!salt) {
    const bytes = crypto.getRandomValues(new Uint8Array(16))
    salt = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
    await tx.store.put(salt, 'caseSalt')
  }
  await tx.done
  return salt
}

/** The salted hash of an ID number (hex); the same number gives the same hash on this terminal only. */
export async function subjectHash(db: KioskDatabase, idNumber: string): Promise<string> {
  const salt = await caseSalt(db)
  const encoder = new TextEncoder()
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(idNumber.trim().toUpperCase()),
    'PBKDF2',
    false,
    ['deriveBits'],
  )
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(salt), iterations: SUBJECT_HASH_ROUNDS },
    key,
    256,
  )
  return [...new Uint8Array(bits)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
