/**
 * Checks a typed maintenance PIN against the PBKDF2-HMAC-SHA-256 hash the backend sent (contract PinHash),
 * with WebCrypto and no network, so maintenance works offline. The PIN itself is in no file of the build.
 */
import type { PinHash } from '../../../mock-backend/src/contract'

const HASH_BITS = 256

const hexToBytes = (hex: string): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

const bytesToHex = (bytes: ArrayBuffer): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')

/** True when `pin` hashes to `stored` (same salt and iteration count). */
export async function pinMatchesHash(pin: string, stored: PinHash): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: hexToBytes(stored.salt), iterations: stored.iterations },
    key,
    HASH_BITS,
  )
  // Both sides are public to whoever holds the terminal's disk; a constant-time compare would protect nothing.
  return bytesToHex(bits) === stored.hash
}
