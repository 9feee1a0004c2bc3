/**
 * The signed token of one 用手机拍照上传 session: base64url of the session's random id (16 bytes) and a truncated
 * HMAC under the server's hand-off key, over a text of its own ("phone upload v1 …", never a case token's). It
 * carries nothing else: expiry, the phone that claimed it and the end are kept in the store, which every node shares.
 */
import { timingSafeEqual } from 'node:crypto'
import { TOKEN_MAC_BYTES, type TokenMac } from '../handoff/caseToken'

/** Bytes of a session id. */
export const SESSION_ID_BYTES = 16
const TOKEN_TEXT = /^[A-Za-z0-9_-]{43}$/

const signed = (mac: TokenMac, id: string) => mac(`phone upload v1 ${id}`).subarray(0, TOKEN_MAC_BYTES)

/** The token of the session with this id (hex). */
export function signPhoneToken(mac: TokenMac, id: string): string {
  return Buffer.concat([Buffer.from(id, 'hex'), signed(mac, id)]).toString('base64url')
}

/** The session id a token names, or null when it is malformed, altered or forged (one answer for all). */
export function verifyPhoneToken(mac: TokenMac, token: string): string | null {
  if (!TOKEN_TEXT.test(token)) return null
  const bytes = Buffer.from(token, 'base64url')
  if (bytes.length !== SESSION_ID_BYTES + TOKEN_MAC_BYTES || bytes.toString('base64url') !== token)
    return null
  const id = bytes.subarray(0, SESSION_ID_BYTES).toString('hex')
  return timingSafeEqual(bytes.subarray(SESSION_ID_BYTES), signed(mac, id)) ? id : null
}
