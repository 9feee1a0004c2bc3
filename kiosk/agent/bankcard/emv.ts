/**
 * The bank card's own bytes (PBOC 3.0, China's EMV profile) that the 银行卡读卡器 driver and the simulated card
 * share: SELECT of the UnionPay debit application by its AID, READ RECORD of SFI 1 record 1, and that record's
 * BER-TLV with the card number (tag 5A, the PAN in BCD padded with F). Only the PAN is read: the PIN is an online
 * PIN checked by the issuing bank through the gateway, never offered to the card or the agent.
 */

/** The UnionPay (银联) debit application's AID, A000000333010101. */
export const UNIONPAY_DEBIT_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x01)
/** Where the card keeps its application data with the PAN: short file identifier 1, record 1. */
export const PAN_RECORD = { sfi: 1, record: 1 } as const

const TEMPLATE = 0x70
const PAN_TAG = 0x5a

/** Why a record gave no card number. */
export class EmvError extends Error {
  override readonly name = 'EmvError'
}

/** One TLV: its tag (one or two bytes as one number) and value. */
interface Tlv {
  tag: number
  value: Uint8Array
}

/** Parses BER-TLV at the top level of `bytes`; throws EmvError on a truncated or over-long element. */
function parseTlv(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = []
  let i = 0
  while (i < bytes.length) {
    let tag = bytes[i++] ?? 0
    // 0x1F in the low bits: the tag goes on in the next byte.
    if ((tag & 0x1f) === 0x1f) tag = (tag << 8) | (bytes[i++] ?? 0)
    let length = bytes[i++]
    if (length === undefined) throw new EmvError('bank card record: truncated TLV')
    if (length === 0x81) length = bytes[i++] ?? 0
    else if (length > 0x7f) throw new EmvError('bank card record: TLV length form not supported')
    if (i + length > bytes.length) throw new EmvError('bank card record: TLV runs past the record')
    out.push({ tag, value: bytes.slice(i, i + length) })
    i += length
  }
  return out
}

/** The card number in a PAN record (template 70 holding tag 5A); throws EmvError when it has none or a bad one. */
export function panOf(record: Uint8Array): string {
  const template = parseTlv(record).find((t) => t.tag === TEMPLATE)
  if (!template) throw new EmvError('bank card record: no 70 template')
  const pan = parseTlv(template.value).find((t) => t.tag === PAN_TAG)
  if (!pan) throw new EmvError('bank card record: no card number (tag 5A)')
  const digits = [...pan.value]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .replace(/f+$/, '')
  if (!/^\d{16,19}$/.test(digits))
    throw new EmvError('bank card record: the card number is not 16 to 19 digits')
  return digits
}

/** A PAN record as the card holds it (for the simulated card): 70 L 5A L PAN-in-BCD(F-padded). */
export function encodePanRecord(pan: string): Uint8Array {
  if (!/^\d{16,19}$/.test(pan)) throw new Error('a bank card number is 16 to 19 digits')
  const padded = pan.length % 2 === 0 ? pan : `${pan}F`
  const bcd = Uint8Array.from({ length: padded.length / 2 }, (_, i) =>
    Number.parseInt(padded.slice(2 * i, 2 * i + 2), 16),
  )
  return Uint8Array.of(TEMPLATE, bcd.length + 2, PAN_TAG, bcd.length, ...bcd)
}
