/**
 * The card's 256-byte UCS-2LE text block: fixed fields, padding stripped, sex and nation through their tables,
 * a rare BMP character (䶮, U+4DAE, CJK Extension A) kept, and exact problems for what the block cannot carry.
 */
import { describe, expect, it } from 'vitest'
import { NATION_CODES, SEX_CODES } from '../../kiosk/agent/idcard/codes'
import {
  type CardText,
  decodeTextBlock,
  encodeTextBlock,
  TEXT_BLOCK_BYTES,
  TextBlockError,
} from '../../kiosk/agent/idcard/textBlock'

const CARD: CardText = {
  name: '刘䶮',
  sex: '男',
  nation: '壮',
  birthDate: '19900214',
  address: '广东省河源市源城区上城街道文明路1号',
  idNumber: '441602199002141234',
  authority: '河源市公安局源城分局',
  validFrom: '20200301',
  validTo: '长期',
}

/** Writes one UCS-2LE unit at a byte offset of the block. */
function putUnit(block: Uint8Array, offset: number, unit: number) {
  block[offset] = unit & 0xff
  block[offset + 1] = unit >> 8
}

describe('ID card text block', () => {
  it('round-trips every field, with 䶮 in the name', () => {
    const block = encodeTextBlock(CARD)
    expect(block.length).toBe(TEXT_BLOCK_BYTES)
    // 䶮 is U+4DAE: the second name character, little-endian at bytes 2-3.
    expect([block[2], block[3]]).toEqual([0xae, 0x4d])
    expect(decodeTextBlock(block)).toEqual(CARD)
  })

  it('decodes sex and nation codes as the card stores them', () => {
    const block = encodeTextBlock(CARD)
    // Sex at byte 30 ('1'), nation at 32-35 ('08' = 壮).
    expect(String.fromCharCode(block[30] ?? 0)).toBe('1')
    expect(String.fromCharCode(block[32] ?? 0, block[34] ?? 0)).toBe('08')
    putUnit(block, 30, '2'.charCodeAt(0))
    putUnit(block, 32, '9'.charCodeAt(0))
    putUnit(block, 34, '8'.charCodeAt(0))
    expect(decodeTextBlock(block)).toMatchObject({ sex: '女', nation: '外国血统中国籍人士' })
  })

  it('has 56 nations plus 其他 and 外国血统中国籍人士, and four sex codes', () => {
    expect(Object.keys(NATION_CODES)).toHaveLength(58)
    expect([NATION_CODES['01'], NATION_CODES['56'], NATION_CODES['97']]).toEqual(['汉', '基诺', '其他'])
    expect(Object.values(SEX_CODES)).toEqual(['未知', '男', '女', '未说明'])
  })

  it('names what it cannot decode', () => {
    const problem = (block: Uint8Array) => {
      try {
        decodeTextBlock(block)
        return 'decoded'
      } catch (error) {
        return error instanceof TextBlockError ? error.problem : String(error)
      }
    }
    expect(problem(new Uint8Array(255))).toBe('size')
    const outside = encodeTextBlock(CARD)
    // 𠀀 (U+20000) would need the surrogate pair D840 DC00, which UCS-2 cannot carry.
    putUnit(outside, 0, 0xd840)
    putUnit(outside, 2, 0xdc00)
    expect(problem(outside)).toBe('outsideBmp')
    const badSex = encodeTextBlock(CARD)
    putUnit(badSex, 30, '5'.charCodeAt(0))
    expect(problem(badSex)).toBe('sexCode')
    const badNation = encodeTextBlock(CARD)
    putUnit(badNation, 32, '6'.charCodeAt(0))
    putUnit(badNation, 34, '0'.charCodeAt(0))
    expect(problem(badNation)).toBe('nationCode')
  })
})
