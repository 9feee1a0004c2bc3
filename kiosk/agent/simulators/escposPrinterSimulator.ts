/**
 * A simulated ESC/POS receipt printer on TCP (like port 9100 of a network printer): it interprets the bytes it
 * receives into readable receipts (GB18030 text decoded with iconv-lite, the QR payload, whether it was cut),
 * answers DLE EOT real-time status, and can run out of paper after a number of lines, open its cover or go quiet.
 */

import type { AddressInfo } from 'node:net'
import { createServer, type Socket } from 'node:net'
import iconv from 'iconv-lite'
import { CONTROL, TEXT_ENCODING } from '../printer/escpos'
import type { ByteLine } from '../transport/byteLine'

const { DLE, EOT, ESC, FS, GS, LF } = CONTROL

/** One receipt as the printer put it on paper. */
export interface PrintedReceipt {
  lines: string[]
  qr: string | null
  /** False when the paper ran out before the cut. */
  cut: boolean
}

/** The simulator's controls and what it printed. */
export interface EscposPrinterSimulator {
  port: number
  /** Paper for `lines` more lines, then out (Infinity: a full roll). */
  setPaperLines(lines: number): void
  /** Near end: still prints, reports low. */
  setPaperLow(low: boolean): void
  setCoverOpen(open: boolean): void
  /** While on, it takes bytes but answers no status (a hung printer). */
  setSilent(silent: boolean): void
  /** Receipts so far, the last possibly unfinished. */
  receipts(): PrintedReceipt[]
  /** When the last byte arrived (epoch ms, comparable across processes), for the tap-to-last-byte bench. */
  lastByteAt(): number
  /** Also prints what arrives on `line` (the device end of a pty: a USB or serial printer's device file). */
  attach(line: ByteLine): void
  close(): Promise<void>
}

/** Starts listening on 127.0.0.1 (`port` 0 picks a free one). */
export async function startEscposPrinterSimulator(port = 0): Promise<EscposPrinterSimulator> {
  let paperLines = Number.POSITIVE_INFINITY
  let paperLow = false
  let coverOpen = false
  let silent = false
  let lastByte = 0
  const receipts: PrintedReceipt[] = []
  const sockets = new Set<Socket>()
  const lines: ByteLine[] = []

  const out = () => paperLines <= 0
  const statusByte = (n: number): number => {
    let byte = 0x12
    if (n === 1 && (out() || coverOpen)) byte |= 0x08
    if (n === 2) byte |= (coverOpen ? 0x04 : 0) | (out() ? 0x20 : 0)
    if (n === 4) byte |= (paperLow || out() ? 0x0c : 0) | (out() ? 0x60 : 0)
    return byte
  }

  /** Interprets one connection's bytes; keeps unfinished commands across chunks. */
  function interpreter(socket: { write(bytes: Uint8Array): unknown }) {
    let pending: number[] = []
    let text: number[] = []
    let current: PrintedReceipt | null = null
    const receipt = () => {
      if (!current || current.cut) {
        current = { lines: [], qr: null, cut: false }
        receipts.push(current)
      }
      return current
    }
    const endLine = () => {
      const line = iconv.decode(Buffer.from(text), TEXT_ENCODING)
      text = []
      if (out()) return
      receipt().lines.push(line)
      paperLines--
    }
    /** Consumes one command or byte at the start of `pending`; returns false when it needs more bytes. */
    const step = (): boolean => {
      const [b0, b1, b2] = pending
      if (b0 === undefined) return false
      const need = (count: number) => pending.length >= count
      if (b0 === DLE && b1 === EOT) {
        if (!need(3)) return false
        if (!silent) socket.write(Uint8Array.of(statusByte(b2 ?? 0)))
        pending = pending.slice(3)
        return true
      }
      if (b0 === ESC) {
        if (!need(2)) return false
        const size = b1 === 0x40 ? 2 : 3 // ESC @ has no parameter; ESC a n, ESC E n have one.
        if (!need(size)) return false
        pending = pending.slice(size)
        return true
      }
      if (b0 === FS) {
        if (!need(2)) return false
        pending = pending.slice(2) // FS & and FS . switch Chinese mode; GB18030 text is decoded either way.
        return true
      }
      if (b0 === GS && b1 === 0x28 && b2 === 0x6b) {
        if (!need(5)) return false
        const size = (pending[3] ?? 0) | ((pending[4] ?? 0) << 8)
        if (!need(5 + size)) return false
        const fn = pending[6]
        if (fn === 0x50 && !out())
          receipt().qr = iconv.decode(Buffer.from(pending.slice(8, 5 + size)), TEXT_ENCODING)
        pending = pending.slice(5 + size)
        return true
      }
      if (b0 === GS && b1 === 0x56) {
        if (!need(3)) return false
        const withFeed = b2 === 0x41 || b2 === 0x42
        if (withFeed && !need(4)) return false
        if (!out()) receipt().cut = true
        pending = pending.slice(withFeed ? 4 : 3)
        return true
      }
      if (b0 === LF) endLine()
      else text.push(b0)
      pending = pending.slice(1)
      return true
    }
    return (chunk: Uint8Array) => {
      lastByte = Date.now()
      pending.push(...chunk)
      while (step()) {}
    }
  }

  const server = createServer((socket) => {
    sockets.add(socket)
    socket.setNoDelay(true)
    socket.on('data', interpreter(socket))
    socket.on('error', () => socket.destroy())
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    setPaperLines: (lines) => {
      paperLines = lines
    },
    setPaperLow: (low) => {
      paperLow = low
    },
    setCoverOpen: (open) => {
      coverOpen = open
    },
    setSilent: (next) => {
      silent = next
    },
    receipts: () => receipts.map((r) => ({ ...r, lines: [...r.lines] })),
    lastByteAt: () => lastByte,
    attach(line) {
      lines.push(line)
      line.onData(interpreter({ write: (bytes) => line.write(bytes).catch(() => {}) }))
    },
    async close() {
      for (const line of lines.splice(0)) await line.close()
      await new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
    },
  }
}
