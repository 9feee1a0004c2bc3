/**
 * A byte line (a serial port, a pty end, a TCP socket) as the drivers and simulators use it, so a driver is tested
 * on a pty exactly as it runs on a real port.
 */
import { SerialPort } from 'serialport'

/** A duplex byte stream. */
export interface ByteLine {
  /** Writes and waits until the bytes have left the process. */
  write(bytes: Uint8Array): Promise<void>
  /** Subscribes to incoming bytes; returns the unsubscribe function. */
  onData(listener: (bytes: Uint8Array) => void): () => void
  close(): Promise<void>
}

/** The ID-card reader's serial settings: 115200 baud, 8N1, so 10 bits on the wire per byte. */
export const SERIAL_BAUD = 115200
/** Start bit + 8 data bits + stop bit. */
export const BITS_PER_BYTE = 10

/** How long `bytes` take on a serial line at `baud` (milliseconds). */
export function wireTimeMs(bytes: number, baud = SERIAL_BAUD): number {
  return (bytes * BITS_PER_BYTE * 1000) / baud
}

/** Opens a serial device (a real reader or a pty from socat). */
export async function openSerialLine(path: string, baudRate = SERIAL_BAUD): Promise<ByteLine> {
  const port = new SerialPort({ path, baudRate, autoOpen: false })
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())))
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        port.write(Buffer.from(bytes), (error) => {
          if (error) reject(error)
          else port.drain((drainError) => (drainError ? reject(drainError) : resolve()))
        })
      }),
    onData(listener) {
      const handler = (chunk: Buffer) => listener(new Uint8Array(chunk))
      port.on('data', handler)
      return () => port.off('data', handler)
    },
    close: () =>
      new Promise((resolve) => {
        if (!port.isOpen) return resolve()
        port.close(() => resolve())
      }),
  }
}
