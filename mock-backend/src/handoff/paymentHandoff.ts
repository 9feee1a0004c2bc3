/**
 * The backend's reading of a 缴费 hand-off token (contract/paymentHandoff.ts): the MAC checked in constant time
 * under the named terminal's hand-off key (an enrolled, unrevoked terminal), then the expiry, then the item (a 缴费 of the published catalog). Every
 * refusal but expiry is the same null, so an answer tells nothing about which part failed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { CatalogCache } from '../catalogCache'
import {
  type MobilePaymentAnswer,
  PAYMENT_HANDOFF_MAC_BYTES,
  PAYMENT_HANDOFF_VERSION,
  paymentHandoffMacText,
} from '../contract/paymentHandoff'
import type { Storage } from '../db/storage'
import type { Fingerprints } from '../privacy/fingerprints'

/** What a token may be at all, checked before any decoding. */
const TOKEN_TEXT = /^[A-Za-z0-9_-]{20,160}$/
/** The payload: item code, terminal id, expiry minute. */
const PAYLOAD = /^([A-Za-z0-9-]{1,40}) ([A-Za-z0-9_-]{1,64}) (\d{1,10})$/
const MINUTE_MS = 60_000

/** What reading a hand-off needs. */
export interface PaymentHandoffSources {
  store: Storage
  catalog: CatalogCache
  fingerprints: Pick<Fingerprints, 'paymentHandoff'>
  now: () => Date
}

/** The outcome: the item to pay, a link past its time, or null for anything not a valid hand-off. */
export type PaymentHandoffRead = { found: MobilePaymentAnswer } | { expired: string } | null

/** The MAC of `payload` under a terminal's hand-off key (the kiosk signs alike with WebCrypto). */
export const paymentHandoffMac = (key: string, payload: string): Buffer =>
  createHmac('sha256', key)
    .update(paymentHandoffMacText(payload))
    .digest()
    .subarray(0, PAYMENT_HANDOFF_MAC_BYTES)

/** Reads a hand-off token as of now. */
export async function readPaymentHandoff(
  s: PaymentHandoffSources,
  token: string,
): Promise<PaymentHandoffRead> {
  if (!TOKEN_TEXT.test(token)) return null
  const bytes = Buffer.from(token, 'base64url')
  if (bytes.toString('base64url') !== token || bytes[0] !== PAYMENT_HANDOFF_VERSION) return null
  if (bytes.length <= 1 + PAYMENT_HANDOFF_MAC_BYTES) return null
  const payload = bytes.subarray(1, bytes.length - PAYMENT_HANDOFF_MAC_BYTES).toString('utf8')
  const parts = PAYLOAD.exec(payload)
  if (!parts) return null
  const [, itemCode, terminalId, expires] = parts as unknown as [string, string, string, string]
  const given = bytes.subarray(bytes.length - PAYMENT_HANDOFF_MAC_BYTES)
  if (!timingSafeEqual(given, paymentHandoffMac(s.fingerprints.paymentHandoff(terminalId), payload)))
    return null
  const terminal = await s.store.getTerminal(terminalId)
  if (!terminal?.enrolled || terminal.revokedAt) return null
  const validUntil = new Date(Number(expires) * MINUTE_MS).toISOString()
  if (s.now().getTime() > Number(expires) * MINUTE_MS) return { expired: validUntil }
  const catalog = await s.catalog.active()
  const indexed = catalog?.items.get(itemCode)
  if (!catalog || !indexed || indexed.item.kind !== '缴费') return null
  const { item } = indexed
  return {
    found: {
      item: item.name,
      department: catalog.departmentNames.get(item.department) ?? {
        zh: indexed.departmentName,
        en: indexed.departmentName,
      },
      fee: item.fee.standard ?? null,
      validUntil,
    },
  }
}
