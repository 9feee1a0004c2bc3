/**
 * A simulated 扫码器 on the device end of a pty pair: told to "show" a code, it sends the code's bytes and CR,
 * paced at the reader's 9600 baud, as a real reader in serial mode does.
 */
import { QR_READER_BAUD, QR_TERMINATOR } from '../qr/qrReader'
import type { ByteLine } from '../transport/byteLine'
import { pacedWrite } from './pacedWrite'

/** What a test or the simulate controls can do. */
export interface QrReaderSimulator {
  /** The reader decodes `text` (a resident holds a phone up to it). */
  show(text: string): Promise<void>
  /** Sends raw bytes and CR (a damaged or non-UTF-8 code). */
  showBytes(bytes: Uint8Array): Promise<void>
  close(): Promise<void>
}

/** Starts the simulated reader on `line`. */
export function createQrReaderSimulator(line: ByteLine): QrReaderSimulator {
  let sending: Promise<void> = Promise.resolve()
  const send = (bytes: Uint8Array) => {
    const frame = Uint8Array.of(...bytes, QR_TERMINATOR)
    sending = sending.then(() => pacedWrite(line, frame, QR_READER_BAUD))
    return sending
  }
  return {
    show: (text) => send(new TextEncoder().encode(text)),
    showBytes: send,
    async close() {
      await sending.catch(() => {})
      await line.close()
    },
  }
}
