/**
 * The SAM reader's frame codec: the request bytes documented for find/select/read, a full read reply of 1295 bytes,
 * and the exact problem for a corrupt checksum, a short frame and a wrong LEN, in one piece and as a stream.
 */
import { describe, expect, it } from 'vitest'
import { encodeBaseInfo, textOfBaseInfo } from '../../kiosk/agent/idcard/baseInfo'
import { decodeFrame, encodeCommand, encodeReply, parseFrame } from '../../kiosk/agent/idcard/frame'
import { SW3, sw3Name } from '../../kiosk/agent/idcard/status'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase()
const bytes = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'))

describe('SAM reader frames', () => {
  it('encodes the three commands as the protocol documents them', () => {
    expect(hex(encodeCommand('findCard'))).toBe('AAAAAA96690003200122')
    expect(hex(encodeCommand('selectCard'))).toBe('AAAAAA96690003200221')
    expect(hex(encodeCommand('readBase'))).toBe('AAAAAA96690003300132')
  })

  it('builds a 1295-byte read reply with LEN 05 08 and decodes it back', () => {
    const text = new Uint8Array(256).fill(0x20)
    const frame = encodeReply(SW3.ok, encodeBaseInfo(text))
    expect(frame.length).toBe(1295)
    expect(hex(frame.subarray(5, 10))).toBe('0508000090')
    const decoded = decodeFrame(frame)
    if (!('body' in decoded)) throw new Error(`unexpected ${decoded.problem}`)
    expect(decoded.body[2]).toBe(SW3.ok)
    expect(textOfBaseInfo(decoded.body.subarray(3))).toEqual(text)
  })

  it('names a corrupt checksum', () => {
    const frame = encodeReply(SW3.cardFound, Uint8Array.of(0, 0, 0, 0))
    frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0x01
    expect(decodeFrame(frame)).toEqual({ problem: 'checksum' })
  })

  it('names a short frame: cut inside the header, inside LEN, inside the body', () => {
    const frame = encodeCommand('findCard')
    expect(decodeFrame(frame.subarray(0, 3))).toEqual({ problem: 'short' })
    expect(decodeFrame(frame.subarray(0, 6))).toEqual({ problem: 'short' })
    expect(decodeFrame(frame.subarray(0, frame.length - 1))).toEqual({ problem: 'short' })
  })

  it('names a wrong LEN: too small, too large, or shorter than the bytes received', () => {
    expect(decodeFrame(bytes('AAAAAA9669 0002 2001 23'))).toEqual({ problem: 'length' })
    expect(decodeFrame(bytes('AAAAAA9669 FFFF 2001 DF'))).toEqual({ problem: 'length' })
    // LEN says 3 but four bytes follow: the frame's last byte would be read as CHK of a different frame.
    const frame = encodeCommand('findCard')
    const longer = Uint8Array.of(...frame.subarray(0, 9), 0x00, frame[9] ?? 0)
    expect(decodeFrame(longer)).toEqual({ problem: 'checksum' })
    expect(decodeFrame(Uint8Array.of(...frame, 0x00))).toEqual({ problem: 'length' })
  })

  it('resynchronises a stream on noise and waits for the rest of a frame', () => {
    const frame = encodeReply(SW3.noCard)
    const stream = Uint8Array.of(0x00, 0x13, ...frame.subarray(0, 8))
    expect(parseFrame(stream)).toEqual({ kind: 'error', problem: 'header', consumed: 2 })
    expect(parseFrame(stream.subarray(2))).toEqual({ kind: 'need' })
    const whole = parseFrame(Uint8Array.of(...frame, ...frame))
    expect(whole).toEqual({ kind: 'frame', body: Uint8Array.of(0, 0, SW3.noCard), consumed: frame.length })
  })

  it('names the reader statuses', () => {
    expect(sw3Name(0x80)).toBe('noCard')
    expect(sw3Name(0x41)).toBe('readFailed')
    expect(sw3Name(0x42)).toBe('unknown(0x42)')
  })
})
