/**
 * The 社会保障卡's SSSE application as the national card specification lays it out: selected by the name
 * "sx1.sh.社会保障" (GBK), file EF05 holding the card number (record 07) and EF06 the holder's basic data
 * (records 08 社会保障号码, 09 姓名, 0A 性别, 0B 民族, 0D 出生日期). Each record is tag (its number), length, value.
 * EF06 is read only after the holder's PIN was verified, as the kiosk asks: card number first, then the PIN.
 */
import iconv from 'iconv-lite'
import { NATION_CODES, SEX_CODES } from '../idcard/codes'
import type { SocialCardField } from '../protocol/messages'

/** The application's DF name. */
export const SSSE_NAME = Uint8Array.from(iconv.encode('sx1.sh.社会保障', 'gbk'))
/** The card file and its short identifier. */
export const EF05 = { id: 0xef05, sfi: 5 } as const
/** The holder file. */
export const EF06 = { id: 0xef06, sfi: 6 } as const

/** Where each field is: file, record number, value length, and how the bytes read. */
export const RECORDS: Readonly<
  Record<
    SocialCardField,
    { file: 'ef05' | 'ef06'; record: number; length: number; coding: 'an' | 'gbk' | 'bcd' }
  >
> = {
  cardNumber: { file: 'ef05', record: 0x07, length: 9, coding: 'an' },
  idNumber: { file: 'ef06', record: 0x08, length: 18, coding: 'an' },
  name: { file: 'ef06', record: 0x09, length: 30, coding: 'gbk' },
  sex: { file: 'ef06', record: 0x0a, length: 1, coding: 'an' },
  nation: { file: 'ef06', record: 0x0b, length: 1, coding: 'bcd' },
  birthDate: { file: 'ef06', record: 0x0d, length: 4, coding: 'bcd' },
}

/** A card's record could not be read as its layout says. */
export class RecordError extends Error {
  constructor(readonly field: SocialCardField) {
    super(`社保卡 record for ${field} is malformed`)
    this.name = 'RecordError'
  }
}

const bcdDigits = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')

/** Decodes one record (tag, length, value) into the field's text: codes become words, padding is dropped. */
export function decodeRecord(field: SocialCardField, record: Uint8Array): string {
  const layout = RECORDS[field]
  const length = record[1] ?? 0
  if (record[0] !== layout.record || length > layout.length || record.length !== length + 2)
    throw new RecordError(field)
  const value = record.subarray(2)
  let text: string
  if (layout.coding === 'bcd') text = bcdDigits(value)
  else if (layout.coding === 'gbk') text = iconv.decode(Buffer.from(value), 'gbk')
  else text = new TextDecoder('ascii').decode(value)
  text = text.replace(/[\0\s\uFFFD]+$/u, '')
  if (field === 'sex') return SEX_CODES[text] ?? failed(field)
  if (field === 'nation') return NATION_CODES[text] ?? failed(field)
  if (field === 'idNumber' && !/^\d{17}[\dX]$/.test(text)) failed(field)
  if (field === 'birthDate' && !/^\d{8}$/.test(text)) failed(field)
  if (field === 'cardNumber' && !/^[A-Z0-9]{9}$/.test(text)) failed(field)
  if (text.length === 0) failed(field)
  return text
}

function failed(field: SocialCardField): never {
  throw new RecordError(field)
}

/** Encodes a field's value as its record (the simulated card's files). */
export function encodeRecord(field: SocialCardField, value: string): Uint8Array {
  const layout = RECORDS[field]
  let bytes: Uint8Array
  if (layout.coding === 'bcd')
    bytes = Uint8Array.from(value.match(/\d\d/g) ?? [], (pair) => Number.parseInt(pair, 16))
  else if (layout.coding === 'gbk') bytes = Uint8Array.from(iconv.encode(value, 'gbk'))
  else bytes = new TextEncoder().encode(value)
  const padded = new Uint8Array(layout.coding === 'gbk' ? layout.length : bytes.length)
  padded.set(bytes.subarray(0, padded.length))
  return Uint8Array.of(layout.record, padded.length, ...padded)
}
