/**
 * The 扫码器 driver for a reader in serial mode (a USB virtual COM port or RS-232): the reader sends each code it
 * decodes as its bytes followed by CR (an LF after it is ignored). A code is handed only to a scan that is waiting
 * for one; a code shown while no step asks for it is dropped, so a resident's e-ID token is never kept for later.
 * A reader in keyboard (HID) mode would type into the page instead, which a kiosk must not allow: configure serial.
 */
import { AgentError, type QrReaderDriver } from '../drivers/types'
import type { DeviceState } from '../protocol/messages'
import type { ByteLine } from '../transport/byteLine'

/** Readers' factory speed in serial mode. */
export const QR_READER_BAUD = 9600
/** The suffix a reader sends after each code. */
export const QR_TERMINATOR = 0x0d
/** A longer code is dropped (an e-ID token is well under this; a runaway stream must not grow the buffer). */
export const QR_MAX_BYTES = 2048

/** Creates the driver on an open line; `log` hears what was dropped and why (never the code). */
export function createQrReader(line: ByteLine, log: (line: string) => void): QrReaderDriver {
  let pending: number[] = []
  let overflowed = false
  let waiter: { resolve(text: string | null): void; timer: ReturnType<typeof setTimeout> } | null = null
  const decoder = new TextDecoder('utf-8', { fatal: true })

  const hand = (text: string | null) => {
    const current = waiter
    waiter = null
    if (!current) return false
    clearTimeout(current.timer)
    current.resolve(text)
    return true
  }

  function complete() {
    const bytes = Uint8Array.from(pending)
    pending = []
    if (overflowed) {
      overflowed = false
      log(`qrReader: a code longer than ${QR_MAX_BYTES} bytes was dropped`)
      return
    }
    if (bytes.length === 0) return
    let text: string
    try {
      text = decoder.decode(bytes)
    } catch {
      log('qrReader: a code that is not UTF-8 was dropped')
      return
    }
    if (!hand(text)) log('qrReader: a code read while no step was waiting was dropped')
  }

  const unsubscribe = line.onData((chunk) => {
    for (const byte of chunk) {
      if (byte === QR_TERMINATOR) complete()
      else if (byte === 0x0a && pending.length === 0) continue
      else if (pending.length >= QR_MAX_BYTES) overflowed = true
      else pending.push(byte)
    }
  })

  return {
    kind: 'qrReader',
    state: (): DeviceState => (waiter ? 'busy' : 'ready'),
    scan(waitMs) {
      if (!Number.isFinite(waitMs) || waitMs <= 0)
        throw new AgentError('invalidParams', 'waitMs must be positive')
      // A newer scan replaces a waiting one (the page moved on): the older answers null.
      hand(null)
      return new Promise((resolve) => {
        waiter = { resolve, timer: setTimeout(() => hand(null), waitMs) }
      })
    },
    async close() {
      hand(null)
      unsubscribe()
      await line.close()
    },
  }
}
