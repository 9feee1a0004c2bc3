/**
 * The 社保卡 reader's serial frame, the framing Chinese contact-IC readers commonly use: STX (02), LEN (2 bytes,
 * big-endian, counting the body), the body, BCC (XOR of LEN and body) and ETX (03). A request's body is a command
 * byte and its data; a reply's body is a status byte and its data. The card's own bytes (APDUs, apdu.ts) travel
 * inside; a reader with another vendor's framing needs only another file like this one.
 */

import type { FrameScan } from '../transport/frameLine'

/** Start and end of every frame. */
export const STX = 0x02
export const ETX = 0x03
/** The longest body: a status or command byte and a short APDU or its answer (256 + SW1 SW2) with slack. */
export const MAX_BODY = 300

/** The reader's commands. */
export const READER_COMMANDS = {
  /** Powers the card on (reset); the reply carries its ATR. */
  powerOn: 0x31,
  /** Sends a command APDU to the card; the reply carries the response APDU (data, SW1, SW2). */
  apdu: 0x32,
  /** Powers the card off. */
  powerOff: 0x33,
  /** Whether a card sits in the reader (reply data 01) or not (00), without powering it; the bank-card reader's. */
  cardStatus: 0x34,
} as const
/** One of READER_COMMANDS' names. */
export type ReaderCommand = keyof typeof READER_COMMANDS

/** The reader's reply status. */
export const READER_STATUS = {
  ok: 0x00,
  noCard: 0x01,
  /** The card does not answer its reset or an APDU (mute, or pulled out). */
  cardError: 0x02,
  /** The reader could not read the request (bad BCC or LEN). */
  frameError: 0x03,
} as const

/** XOR of the bytes. */
function bcc(bytes: Uint8Array): number {
  let value = 0
  for (const byte of bytes) value ^= byte
  return value
}

/** Wraps a body into a frame. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  if (body.length < 1 || body.length > MAX_BODY) throw new Error(`frame body of ${body.length} bytes`)
  const frame = new Uint8Array(body.length + 5)
  frame[0] = STX
  frame[1] = body.length >> 8
  frame[2] = body.length & 0xff
  frame.set(body, 3)
  frame[frame.length - 2] = bcc(frame.subarray(1, frame.length - 2))
  frame[frame.length - 1] = ETX
  return frame
}

/** A request frame: the command and its data. */
export function encodeRequest(command: ReaderCommand, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return encodeFrame(Uint8Array.of(READER_COMMANDS[command], ...data))
}

/** What the stream parser found at the start of its buffer. */
export type SocialFrameScan =
  | { kind: 'need' }
  | { kind: 'noise'; consumed: number }
  | { kind: 'frame'; body: Uint8Array; consumed: number }
  | { kind: 'bad'; problem: 'checksum' | 'length'; consumed: number }

/**
 * Parses the first frame of a byte stream: bytes before STX are noise; a LEN outside 1..MAX_BODY or a missing ETX
 * is `length` (the STX is dropped to resynchronise); a wrong BCC is `checksum`.
 */
export function parseFrame(buffer: Uint8Array): SocialFrameScan {
  const start = buffer.indexOf(STX)
  if (start < 0) return buffer.length > 0 ? { kind: 'noise', consumed: buffer.length } : { kind: 'need' }
  if (start > 0) return { kind: 'noise', consumed: start }
  if (buffer.length < 3) return { kind: 'need' }
  const len = ((buffer[1] ?? 0) << 8) | (buffer[2] ?? 0)
  if (len < 1 || len > MAX_BODY) return { kind: 'bad', problem: 'length', consumed: 1 }
  const total = len + 5
  if (buffer.length < total) return { kind: 'need' }
  if (buffer[total - 1] !== ETX) return { kind: 'bad', problem: 'length', consumed: 1 }
  if (bcc(buffer.subarray(1, total - 2)) !== buffer[total - 2])
    return { kind: 'bad', problem: 'checksum', consumed: total }
  return { kind: 'frame', body: buffer.slice(3, total - 2), consumed: total }
}

/** A reader reply: its status byte (READER_STATUS) and data. */
export interface ReaderReplyFrame {
  status: number
  data: Uint8Array
}

/** The reply scanner a driver's frame line uses: a frame's body split into status and data. */
export function scanReaderReply(buffer: Uint8Array): FrameScan<ReaderReplyFrame> {
  const found = parseFrame(buffer)
  if (found.kind !== 'frame') return found
  return {
    kind: 'reply',
    reply: { status: found.body[0] ?? 0, data: found.body.subarray(1) },
    consumed: found.consumed,
  }
}
