/**
 * ESC/POS bytes for a receipt printer: initialise, Chinese mode (FS &) with GB18030 text, a centred title, a QR
 * code (GS ( k, model 2, error correction M), feed and cut (GS V). Real-time status is DLE EOT n. Sources in
 * /work/shared/reference/resident-services.md §8.
 */
import iconv from 'iconv-lite'
import type { PrintDocument } from '../protocol/messages'

/** Control bytes the encoder and the simulator share. */
export const CONTROL = { ESC: 0x1b, GS: 0x1d, FS: 0x1c, DLE: 0x10, EOT: 0x04, LF: 0x0a } as const
const { ESC, GS, FS, DLE, EOT, LF } = CONTROL

/** The text encoding of Chinese mode. */
export const TEXT_ENCODING = 'gb18030'
/** QR module size in dots (GS ( k fn 43): 6 dots scans well from a phone at arm's length on 80 mm paper. */
const QR_MODULE_DOTS = 6
/** Lines fed before the cut so the last line clears the cutter (GS V 66 n). */
const FEED_BEFORE_CUT = 3

/** DLE EOT n: which real-time status to send. */
export const STATUS_QUERY = { printer: 1, offlineCause: 2, errorCause: 3, paperSensor: 4 } as const

/** The bytes asking for one real-time status. */
export function statusQuery(n: (typeof STATUS_QUERY)[keyof typeof STATUS_QUERY]): Uint8Array {
  return Uint8Array.of(DLE, EOT, n)
}

/** A status byte always has bits 1 and 4 set and bits 0 and 7 clear; anything else is noise. */
export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12
}

/** Reads the paper sensor status (n=4): near end is bits 2+3, out is bits 5+6. */
export function paperFromStatus(byte: number): 'ok' | 'low' | 'out' {
  if ((byte & 0x60) === 0x60) return 'out'
  if ((byte & 0x0c) === 0x0c) return 'low'
  return 'ok'
}

/** Reads the offline cause (n=2): bit 2 cover open, bit 5 stopped at paper end, bit 6 error. */
export function offlineCause(byte: number): { coverOpen: boolean; paperEnd: boolean; error: boolean } {
  return { coverOpen: (byte & 0x04) !== 0, paperEnd: (byte & 0x20) !== 0, error: (byte & 0x40) !== 0 }
}

/** GS ( k with its function and parameters (pL pH count the bytes after them). */
function qrFunction(fn: number, ...params: number[]): number[] {
  const size = params.length + 2
  return [GS, 0x28, 0x6b, size & 0xff, size >> 8, 0x31, fn, ...params]
}

/** The QR code's bytes: model 2, module size, error correction M, store the data, print. */
export function qrBytes(data: string): Uint8Array {
  const payload = [...iconv.encode(data, TEXT_ENCODING)]
  return Uint8Array.from([
    ...qrFunction(0x41, 0x32, 0x00),
    ...qrFunction(0x43, QR_MODULE_DOTS),
    ...qrFunction(0x45, 0x31),
    ...qrFunction(0x50, 0x30, ...payload),
    ...qrFunction(0x51, 0x30),
  ])
}

/** One receipt as chunks of bytes: the header, one chunk per line, and the QR + cut, so a driver can stop early. */
export function encodeReceipt(document: PrintDocument): Uint8Array[] {
  const text = (value: string) => [...iconv.encode(value, TEXT_ENCODING), LF]
  const chunks: Uint8Array[] = [
    // ESC @ initialise, FS & Chinese mode, ESC a 1 centre, ESC E 1 bold title, then back to left and normal.
    Uint8Array.from([
      ESC,
      0x40,
      FS,
      0x26,
      ESC,
      0x61,
      1,
      ESC,
      0x45,
      1,
      ...text(document.title),
      ESC,
      0x45,
      0,
      ESC,
      0x61,
      0,
    ]),
  ]
  for (const line of document.lines) chunks.push(Uint8Array.from(text(line)))
  const tail: number[] = []
  if (document.qr) tail.push(ESC, 0x61, 1, ...qrBytes(document.qr), LF, ESC, 0x61, 0)
  tail.push(GS, 0x56, 0x42, FEED_BEFORE_CUT)
  chunks.push(Uint8Array.from(tail))
  return chunks
}
