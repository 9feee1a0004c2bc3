/**
 * The signed token of one case (扫码续办): base64url of a version byte, the case's reference number and a
 * truncated HMAC under the server's hand-off key (a purpose key of the fingerprint key, privacy/fingerprints.ts).
 * It carries nothing personal and no expiry: how long it works is decided at use, from the case's finish time
 * (caseSheet.ts), so a printed receipt keeps working while the case is open.
 */
import { timingSafeEqual } from 'node:crypto'

/** The token layout's version (the first byte); a new layout gets a new number. */
const TOKEN_VERSION = 1
/** Bytes of the MAC kept in a token: 128 bits, beyond guessing, and the QR code stays small. */
export const TOKEN_MAC_BYTES = 16
/** What a reference number (办件编号) may be: the case numbers of every channel (routes/cases.ts). */
const REFERENCE = /^[A-Za-z0-9]{4,40}$/
/** What a token may be at all, checked before any decoding. */
const TOKEN_TEXT = /^[A-Za-z0-9_-]{20,90}$/

/** The keyed MAC a token is signed with (Fingerprints.handoff). */
export type TokenMac = (text: string) => Buffer

const signed = (mac: TokenMac, reference: string) =>
  mac(`case token v${TOKEN_VERSION} ${reference}`).subarray(0, TOKEN_MAC_BYTES)

/** The token of the case with this reference number. */
export function signCaseToken(mac: TokenMac, reference: string): string {
  if (!REFERENCE.test(reference)) throw new Error('case token: not a reference number')
  return Buffer.concat([
    Uint8Array.of(TOKEN_VERSION),
    Buffer.from(reference, 'ascii'),
    signed(mac, reference),
  ]).toString('base64url')
}

/**
 * The reference a token names, or null when it is malformed, of another version, altered or forged. The MAC is
 * compared in constant time; every refusal is the same null, so the answer tells nothing about which part failed.
 */
export function verifyCaseToken(mac: TokenMac, token: string): string | null {
  if (!TOKEN_TEXT.test(token)) return null
  const bytes = Buffer.from(token, 'base64url')
  if (bytes.toString('base64url') !== token || bytes[0] !== TOKEN_VERSION) return null
  const reference = bytes.subarray(1, bytes.length - TOKEN_MAC_BYTES).toString('latin1')
  if (!REFERENCE.test(reference)) return null
  const given = bytes.subarray(bytes.length - TOKEN_MAC_BYTES)
  return timingSafeEqual(given, signed(mac, reference)) ? reference : null
}
