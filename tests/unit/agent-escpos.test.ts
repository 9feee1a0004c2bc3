/**
 * The ESC/POS encoder's exact bytes: Chinese mode and GB18030 text, the QR code (model 2, error correction M,
 * store length = data + 3), the cut, and the real-time status bits for paper near end, paper out and cover open.
 */
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import {
  encodeReceipt,
  isStatusByte,
  offlineCause,
  paperFromStatus,
  qrBytes,
  statusQuery,
} from '../../kiosk/agent/printer/escpos'

const hex = (bytes: Uint8Array | number[]) => Buffer.from(bytes).toString('hex').toUpperCase()

describe('ESC/POS encoding', () => {
  it('encodes the QR code as model 2, EC level M, with the store length counting the data plus 3', () => {
    const data = 'https://ex.test/c/GD-2026-0001'
    expect(hex(qrBytes(data))).toBe(
      [
        '1D286B0400314132 00',
        '1D286B0300314306',
        '1D286B0300314531',
        `1D286B${hex([(data.length + 3) & 0xff, (data.length + 3) >> 8])}315030${hex([...Buffer.from(data)])}`,
        '1D286B0300315130',
      ]
        .join('')
        .replace(/ /g, ''),
    )
  })

  it('puts the title in Chinese mode as GB18030, one chunk per line, and ends with feed-and-cut', () => {
    const chunks = encodeReceipt({ title: '申办回执', lines: ['办件编号：GD-1', '䶮'] })
    const head = chunks[0]!
    expect(hex(head.subarray(0, 4))).toBe('1B401C26')
    expect(hex(head)).toContain(hex(iconv.encode('申办回执\n', 'gb18030')))
    expect(chunks[1]).toEqual(Uint8Array.from(iconv.encode('办件编号：GD-1\n', 'gb18030')))
    // iconv-lite's GB18030 table codes 䶮 (U+4DAE) in two bytes, FE 9F, and decodes them back to 䶮: a printer
    // whose font has that code prints it (2-byte areas are what SP91-class printers support).
    expect(hex(chunks[2]!)).toBe('FE9F0A')
    expect(iconv.decode(Buffer.from([0xfe, 0x9f]), 'gb18030')).toBe('䶮')
    expect(hex(chunks.at(-1)!)).toBe('1D564203')
  })

  it('asks real-time status with DLE EOT n and reads its bits', () => {
    expect(hex(statusQuery(4))).toBe('100404')
    expect([0x12, 0x1e, 0x7e, 0x72].map(paperFromStatus)).toEqual(['ok', 'low', 'out', 'out'])
    expect(offlineCause(0x16)).toEqual({ coverOpen: true, paperEnd: false, error: false })
    expect(offlineCause(0x32)).toEqual({ coverOpen: false, paperEnd: true, error: false })
    expect([0x12, 0x7e, 0x13, 0x92, 0x02].map(isStatusByte)).toEqual([true, true, false, false, false])
  })
})
