/**
 * Cuts a byte stream into frames: bytes arrive in arbitrary chunks, a parser says what the start of the buffer
 * holds, and every complete result (a frame, noise, a bad frame) goes to `onFound` while a partial frame waits for
 * more bytes. The drivers and the simulators of framed serial devices share it.
 */

/** What a parser reports: `need` (wait for bytes), or something that used up `consumed` bytes. */
export type Parsed = { kind: 'need' } | { kind: string; consumed: number }

/** The stream: `push` is the handler for `line.onData`; `reset` drops a partial frame (a reply given up on). */
export interface FrameStream {
  push(chunk: Uint8Array): void
  reset(): void
}

/** A stream that feeds `onFound` one parsed result at a time. */
export function frameStream<P extends Parsed>(
  parse: (buffer: Uint8Array) => P,
  onFound: (found: Exclude<P, { kind: 'need' }>) => void,
): FrameStream {
  let buffer = new Uint8Array(0)
  const push = (chunk: Uint8Array) => {
    const joined = new Uint8Array(buffer.length + chunk.length)
    joined.set(buffer, 0)
    joined.set(chunk, buffer.length)
    buffer = joined
    for (;;) {
      const found = parse(buffer)
      if (!('consumed' in found)) return
      buffer = buffer.slice(found.consumed)
      onFound(found as Exclude<P, { kind: 'need' }>)
    }
  }
  return {
    push,
    reset() {
      buffer = new Uint8Array(0)
    },
  }
}
