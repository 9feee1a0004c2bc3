/**
 * The ISO 7816-4 commands the 社保卡 reader sends to the card (SELECT, READ RECORD, VERIFY) and the status words
 * it answers, so the driver and the simulated card speak the same bytes.
 */

/** A response APDU: its data and status word (SW1 SW2 as one number, e.g. 0x9000). */
export interface ResponseApdu {
  data: Uint8Array
  sw: number
}

/** Status words the driver tells apart. */
export const SW = {
  ok: 0x9000,
  /** 63Cx: wrong PIN, x tries left. */
  wrongPinBase: 0x63c0,
  /** Authentication method blocked: no PIN tries left. */
  pinBlocked: 0x6983,
  /** Security status not satisfied (a protected record read before VERIFY). */
  securityNotSatisfied: 0x6982,
  fileNotFound: 0x6a82,
  recordNotFound: 0x6a83,
  wrongLength: 0x6700,
  insNotSupported: 0x6d00,
} as const

/** SELECT by DF name (an application identifier). */
export function selectByName(name: Uint8Array): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x04, 0x00, name.length, ...name)
}

/** SELECT an elementary file by its two-byte identifier, under the current DF. */
export function selectFile(fileId: number): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x02, 0x00, 0x02, fileId >> 8, fileId & 0xff)
}

/** READ RECORD `record` of the file with short identifier `sfi` (0: the current file); Le 0 reads it whole. */
export function readRecord(record: number, sfi = 0): Uint8Array {
  return Uint8Array.of(0x00, 0xb2, record, (sfi << 3) | 0x04, 0x00)
}

/** VERIFY a numeric PIN, packed two digits a byte (BCD), as the card's PIN is stored. */
export function verifyPin(pin: string): Uint8Array {
  if (!/^\d{6}$/.test(pin)) throw new Error('a 社保卡 PIN is 6 digits')
  const bcd = Uint8Array.from({ length: 3 }, (_, i) => Number.parseInt(pin.slice(2 * i, 2 * i + 2), 16))
  return Uint8Array.of(0x00, 0x20, 0x00, 0x00, bcd.length, ...bcd)
}

/** Splits a response APDU into data and status word; null when it is shorter than a status word. */
export function parseResponse(bytes: Uint8Array): ResponseApdu | null {
  if (bytes.length < 2) return null
  const sw = ((bytes[bytes.length - 2] ?? 0) << 8) | (bytes[bytes.length - 1] ?? 0)
  return { data: bytes.slice(0, bytes.length - 2), sw }
}

/** Builds a response APDU (the simulated card's answers). */
export function encodeResponse(sw: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return Uint8Array.of(...data, sw >> 8, sw & 0xff)
}

/** Tries left in a 63Cx answer, or null for another status word. */
export function pinTriesLeft(sw: number): number | null {
  return (sw & 0xfff0) === SW.wrongPinBase ? sw & 0x0f : null
}
