/**
 * The 缴费 hand-off link an offline kiosk draws (contract/paymentHandoff.ts): signed here with WebCrypto under the
 * terminal's hand-off key from its cached settings, so it needs no network. Loaded only with the guide's QR code.
 */
import { MOBILE_PAGE_PATH } from '../../../mock-backend/src/contract/handoff'
import {
  PAYMENT_HANDOFF_MAC_BYTES,
  PAYMENT_HANDOFF_VALID_MINUTES,
  PAYMENT_HANDOFF_VERSION,
  paymentHandoffMacText,
  paymentHandoffPayload,
} from '../../../mock-backend/src/contract/paymentHandoff'

const MINUTE_MS = 60_000
const utf8 = (text: string) => new TextEncoder().encode(text)

/** Bytes as base64url without padding. */
function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** What signing needs: the mobile page's address and the key (the settings' `paymentHandoff`), and the terminal. */
export interface HandoffSigner {
  page: string
  key: string
  terminalId: string
}

/** The link that continues paying `itemCode` on a phone, valid PAYMENT_HANDOFF_VALID_MINUTES from `nowMs`. */
export async function paymentHandoffLink(
  signer: HandoffSigner,
  itemCode: string,
  nowMs: number,
): Promise<string> {
  const expires = Math.floor(nowMs / MINUTE_MS) + PAYMENT_HANDOFF_VALID_MINUTES
  const payload = paymentHandoffPayload(itemCode, signer.terminalId, expires)
  const key = await crypto.subtle.importKey(
    'raw',
    utf8(signer.key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(paymentHandoffMacText(payload))))
  const body = utf8(payload)
  const token = new Uint8Array(1 + body.length + PAYMENT_HANDOFF_MAC_BYTES)
  token[0] = PAYMENT_HANDOFF_VERSION
  token.set(body, 1)
  token.set(mac.subarray(0, PAYMENT_HANDOFF_MAC_BYTES), 1 + body.length)
  // The page's address already ends with MOBILE_PAGE_PATH; a bare origin gets it.
  const page = signer.page.endsWith(MOBILE_PAGE_PATH)
    ? signer.page
    : `${signer.page.replace(/\/$/, '')}${MOBILE_PAGE_PATH}`
  return `${page}#t=${base64url(token)}`
}
