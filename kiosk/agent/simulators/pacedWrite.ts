/**
 * Writes bytes to a pty at a serial line's speed: a pty moves bytes at memory speed, so a simulator that wants
 * the driver to see a real device's timing paces its writes itself (10 bits a byte, in chunks).
 */
import type { ByteLine } from '../transport/byteLine'
import { SERIAL_BAUD, wireTimeMs } from '../transport/byteLine'

/** Bytes written per paced chunk: about 2.8 ms of wire time at 115200 baud. */
const CHUNK_BYTES = 32

/** Writes `bytes` (only the first `cutAt`: a device that stopped mid-reply) no faster than `baud` allows. */
export async function pacedWrite(
  line: ByteLine,
  bytes: Uint8Array,
  baud = SERIAL_BAUD,
  cutAt = bytes.length,
): Promise<void> {
  const started = performance.now()
  for (let sent = 0; sent < cutAt; ) {
    const size = Math.min(CHUNK_BYTES, cutAt - sent)
    const due = started + wireTimeMs(sent + size, baud)
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    await line.write(bytes.subarray(sent, sent + size))
    sent += size
  }
}
