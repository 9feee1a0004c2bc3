/**
 * A printer device file (/dev/usb/lp0, a serial port node) as a byte line: written and read through one file
 * handle, so a bidirectional USB printer answers DLE EOT status on the same handle.
 */
import { open } from 'node:fs/promises'
import type { PrinterLine } from '../printer/escposPrinter'

/** Opens the device for reading and writing. */
export async function openFileLine(path: string): Promise<PrinterLine> {
  const handle = await open(path, 'r+')
  let closed = false
  const listeners = new Set<(bytes: Uint8Array) => void>()
  const stream = handle.createReadStream({ autoClose: false })
  stream.on('data', (chunk) => {
    for (const listener of listeners) listener(new Uint8Array(chunk as Buffer))
  })
  stream.on('error', () => {
    closed = true
  })
  return {
    closed: () => closed,
    write: async (bytes) => {
      await handle.write(bytes)
    },
    onData(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      closed = true
      stream.destroy()
      await handle.close().catch(() => {})
    },
  }
}
