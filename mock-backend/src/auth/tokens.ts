/**
 * Random secrets and their one-way hashes: the database keeps only hashes of bearer tokens and enrol codes.
 */
import { createHash, randomBytes } from 'node:crypto'

/** A 256-bit random token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** An enrol code an admin can read out or type: 12 characters without look-alikes (0/O, 1/I). */
export function newEnrolCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(12)
  let code = ''
  for (const b of bytes) code += alphabet[b % alphabet.length]
  return code
}

/** SHA-256 hex of a secret, used as its lookup key. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}
