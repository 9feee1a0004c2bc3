/**
 * The card's 256-byte text block: UCS-2LE in fixed fields, padded with spaces. Decoding strips the padding and
 * maps sex and nation through their code tables. UCS-2 cannot carry characters outside the Basic Multilingual
 * Plane, so a surrogate in the block is refused rather than shown as a wrong name.
 */
import type { IdCardField } from '../protocol/messages'
import { codeOf, NATION_CODES, SEX_CODES } from './codes'

/** The text block's length in bytes. */
export const TEXT_BLOCK_BYTES = 256

/** The fields in their order on the card, with their widths in bytes (two per character). */
export const TEXT_FIELDS = [
  ['name', 30],
  ['sex', 2],
  ['nation', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['authority', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['reserved', 36],
] as const satisfies readonly (readonly [IdCardField | 'reserved', number])[]

/** A decoded card: every field as text, sex and nation as words. */
export type CardText = Record<IdCardField, string>

/** Why a text block cannot be decoded. */
export type TextBlockProblem = 'size' | 'outsideBmp' | 'sexCode' | 'nationCode'

/** Thrown with the problem so the driver can answer cardReadFailed with a reason. */
export class TextBlockError extends Error {
  constructor(readonly problem: TextBlockProblem) {
    super(`text block: ${problem}`)
    this.name = 'TextBlockError'
  }
}

/** Decodes the 256-byte block. */
export function decodeTextBlock(block: Uint8Array): CardText {
  if (block.length !== TEXT_BLOCK_BYTES) throw new TextBlockError('size')
  const raw: Record<string, string> = {}
  let offset = 0
  for (const [field, width] of TEXT_FIELDS) {
    raw[field] = decodeUcs2(block.subarray(offset, offset + width))
    offset += width
  }
  const sex = SEX_CODES[raw.sex ?? '']
  if (sex === undefined) throw new TextBlockError('sexCode')
  const nation = NATION_CODES[raw.nation ?? '']
  if (nation === undefined) throw new TextBlockError('nationCode')
  return {
    name: raw.name ?? '',
    sex,
    nation,
    birthDate: raw.birthDate ?? '',
    address: raw.address ?? '',
    idNumber: raw.idNumber ?? '',
    authority: raw.authority ?? '',
    validFrom: raw.validFrom ?? '',
    validTo: raw.validTo ?? '',
  }
}

/** Encodes a card into the block, as a reader's SAM delivers it (for the simulator and the tests). */
export function encodeTextBlock(card: CardText): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_BYTES)
  const values: Record<string, string> = {
    ...card,
    sex: codeOf(SEX_CODES, card.sex),
    nation: codeOf(NATION_CODES, card.nation),
    reserved: '',
  }
  let offset = 0
  for (const [field, width] of TEXT_FIELDS) {
    const text = values[field] ?? ''
    if (text.length * 2 > width) throw new Error(`${field} is longer than ${width / 2} characters`)
    const padded = text.padEnd(width / 2, ' ')
    for (let i = 0; i < padded.length; i++) {
      const unit = padded.charCodeAt(i)
      block[offset + i * 2] = unit & 0xff
      block[offset + i * 2 + 1] = unit >> 8
    }
    offset += width
  }
  return block
}

/** UCS-2LE to a string without the space/NUL padding; a surrogate code unit means a non-BMP character. */
function decodeUcs2(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const unit = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8)
    if (unit >= 0xd800 && unit <= 0xdfff) throw new TextBlockError('outsideBmp')
    text += String.fromCharCode(unit)
  }
  let end = text.length
  while (end > 0 && (text[end - 1] === ' ' || text.charCodeAt(end - 1) === 0)) end--
  return text.slice(0, end)
}
