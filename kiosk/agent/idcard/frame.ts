/**
 * The SAM ID-card reader's serial frame (GA 467 family): AA AA AA 96 69, LEN (2 bytes, big-endian, counting every
 * byte after it including CHK), the body, and CHK = XOR of the bytes from the first LEN byte to the last body byte.
 * Requests carry command + parameter + data; replies carry SW1 SW2 SW3 + data. Sources in
 * /work/shared/reference/resident-services.md §7.
 */

/** The five-byte preamble of every frame. */
export const FRAME_HEADER = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69)
/** Header + LEN: the bytes before the body. */
const PREFIX = FRAME_HEADER.length + 2
/** The longest LEN a reader sends: text + photo + a 1024-byte fingerprint (30 10) is 0x090A; a little slack. */
export const MAX_LEN = 0x0a00
/** The shortest LEN: a request (command + parameter + CHK) is 3. */
export const MIN_LEN = 3

/** Commands as [command, parameter]. */
export const COMMANDS = {
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readBase: [0x30, 0x01],
} as const
/** One of COMMANDS' names. */
export type CommandName = keyof typeof COMMANDS

/** Why bytes are not a frame. */
export type FrameProblem = 'header' | 'short' | 'length' | 'checksum'

/** XOR of the bytes: the frame's CHK over LEN and body. */
export function xorChecksum(bytes: Uint8Array): number {
  let chk = 0
  for (const byte of bytes) chk ^= byte
  return chk
}

/** Wraps a body (command + parameter + data, or SW1 SW2 SW3 + data) into a frame. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1
  if (len > MAX_LEN) throw new Error(`frame body of ${body.length} bytes exceeds LEN ${MAX_LEN}`)
  const frame = new Uint8Array(PREFIX + len)
  frame.set(FRAME_HEADER, 0)
  frame[5] = len >> 8
  frame[6] = len & 0xff
  frame.set(body, PREFIX)
  frame[frame.length - 1] = xorChecksum(frame.subarray(5, frame.length - 1))
  return frame
}

/** A request frame for one of the reader's commands. */
export function encodeCommand(name: CommandName, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return encodeFrame(Uint8Array.of(...COMMANDS[name], ...data))
}

/** A reply frame: SW1 SW2 (00 00) and SW3, then data. */
export function encodeReply(sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return encodeFrame(Uint8Array.of(0x00, 0x00, sw3, ...data))
}

/** What the stream parser found at the start of its buffer. */
export type ParseResult =
  | { kind: 'frame'; body: Uint8Array; consumed: number }
  | { kind: 'need' }
  | { kind: 'error'; problem: FrameProblem; consumed: number }

/**
 * Parses the first frame of a byte stream. Bytes before a header are skipped as noise (reported as `header`
 * with how many to drop); a LEN outside MIN_LEN..MAX_LEN is `length` (the header is dropped so the parser can
 * resynchronise); `need` means wait for more bytes.
 */
export function parseFrame(buffer: Uint8Array): ParseResult {
  const start = indexOfHeader(buffer)
  if (start < 0) {
    // Keep a possible partial header at the end; drop the rest.
    const keep = Math.min(buffer.length, FRAME_HEADER.length - 1)
    return buffer.length > keep
      ? { kind: 'error', problem: 'header', consumed: buffer.length - keep }
      : { kind: 'need' }
  }
  if (start > 0) return { kind: 'error', problem: 'header', consumed: start }
  if (buffer.length < PREFIX) return { kind: 'need' }
  const len = ((buffer[5] ?? 0) << 8) | (buffer[6] ?? 0)
  if (len < MIN_LEN || len > MAX_LEN)
    return { kind: 'error', problem: 'length', consumed: FRAME_HEADER.length }
  const total = PREFIX + len
  if (buffer.length < total) return { kind: 'need' }
  const chk = buffer[total - 1]
  if (xorChecksum(buffer.subarray(5, total - 1)) !== chk)
    return { kind: 'error', problem: 'checksum', consumed: total }
  return { kind: 'frame', body: buffer.slice(PREFIX, total - 1), consumed: total }
}

/**
 * Decodes exactly one complete frame (a whole reply as read off the line): the body, or the problem. Bytes
 * missing for the LEN given are `short`; bytes beyond it mean LEN is wrong (`length`).
 */
export function decodeFrame(bytes: Uint8Array): { body: Uint8Array } | { problem: FrameProblem } {
  if (indexOfHeader(bytes) !== 0) return { problem: bytes.length < FRAME_HEADER.length ? 'short' : 'header' }
  const result = parseFrame(bytes)
  if (result.kind === 'need') return { problem: 'short' }
  if (result.kind === 'error') return { problem: result.problem }
  if (result.consumed !== bytes.length) return { problem: 'length' }
  return { body: result.body }
}

/** Index of the first full header in the buffer, or -1. */
function indexOfHeader(buffer: Uint8Array): number {
  outer: for (let i = 0; i + FRAME_HEADER.length <= buffer.length; i++) {
    for (let j = 0; j < FRAME_HEADER.length; j++) if (buffer[i + j] !== FRAME_HEADER[j]) continue outer
    return i
  }
  return -1
}
