/**
 * 缴费 hand-off (#17 item 4): offline, a kiosk cannot take a payment, so its guide shows a QR code that continues
 * the payment on the resident's phone, which has its own network. The link is the mobile page's
 * (`${PUBLIC_BASE_URL}/m/#t=<token>`) with a token the kiosk signs itself, offline: base64url of a version byte,
 * the payload `<item code> <terminal id> <expiry minute>` and a truncated HMAC-SHA-256 under the terminal's
 * hand-off key (Fingerprints.paymentHandoff, sent in its settings with the page's address). Nothing personal is in
 * it. Plain types and constants shared by the backend, the kiosk and the mobile page.
 */
import type { BothLanguages } from './handoff'

/** The token layout's version byte: 1 is a case token (handoff/caseToken.ts), 2 a payment hand-off. */
export const PAYMENT_HANDOFF_VERSION = 2
/** Minutes a payment hand-off link works after the kiosk drew it: enough to walk away and pay, not a standing link. */
export const PAYMENT_HANDOFF_VALID_MINUTES = 30
/** Bytes of the MAC kept in a token: 128 bits, beyond guessing, and the QR code stays small. */
export const PAYMENT_HANDOFF_MAC_BYTES = 16
/** The API the mobile page asks with a payment hand-off token (POST: the token stays out of URLs and logs). */
export const MOBILE_PAYMENT_ROUTE = '/api/m/payment'

/** The signed payload of a hand-off: which item, from which terminal, until which minute (Unix minutes). */
export const paymentHandoffPayload = (itemCode: string, terminalId: string, expiresMinute: number): string =>
  `${itemCode} ${terminalId} ${expiresMinute}`

/** The text the MAC covers: the payload under its purpose and version, so no other signed text can pass as one. */
export const paymentHandoffMacText = (payload: string): string =>
  `payment handoff v${PAYMENT_HANDOFF_VERSION} ${payload}`

/** Answer of `POST /api/m/payment`: the item to pay and where, as a phone shows it. Nothing personal. */
export interface MobilePaymentAnswer {
  item: BothLanguages
  department: BothLanguages
  /** The item's fee standard, when the catalog states one. */
  fee: BothLanguages | null
  /** When the link stops working (ISO). */
  validUntil: string
}
