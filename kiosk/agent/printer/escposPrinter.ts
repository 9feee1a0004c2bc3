/**
 * The receipt printer driver (ESC/POS over raw TCP or a device file): asks the real-time status (DLE EOT 4 paper,
 * DLE EOT 2 cover) before a receipt and after each line, so a printer that runs out of paper mid-receipt stops the
 * job with paperOut; polls the status while idle to report paper low/out, cover open and lost/found.
 */
import { AgentError, type EmitEvent, type PrinterDriver } from '../drivers/types'
import type { DeviceState, PrintDocument } from '../protocol/messages'
import type { ByteLine } from '../transport/byteLine'
import {
  encodeReceipt,
  isStatusByte,
  offlineCause,
  paperFromStatus,
  STATUS_QUERY,
  statusQuery,
} from './escpos'

/** How often an idle printer's status is asked. */
export const STATUS_POLL_MS = 2000
/** A real-time status answers within this time or the printer counts as not answering. */
export const STATUS_TIMEOUT_MS = 1000

/** A line that can tell whether it has been closed by the other end. */
export type PrinterLine = ByteLine & { closed(): boolean }

/** Creates the driver; `open` connects to the printer (again after a drop). */
export function createEscposPrinter(
  open: () => Promise<PrinterLine>,
  emit: EmitEvent,
  pollMs = STATUS_POLL_MS,
): PrinterDriver {
  let line: PrinterLine | null = null
  let received: number[] = []
  let wake: (() => void) | null = null
  let queue: Promise<unknown> = Promise.resolve()
  let paper: 'ok' | 'low' | 'out' = 'ok'
  let coverOpen = false
  let lost = false
  let busy = false
  let closed = false

  async function connected(): Promise<PrinterLine> {
    if (line && !line.closed()) return line
    const next = await open()
    received = []
    next.onData((chunk) => {
      received.push(...chunk)
      wake?.()
    })
    line = next
    return next
  }

  /** Sends DLE EOT n and waits for its status byte. */
  async function status(n: (typeof STATUS_QUERY)[keyof typeof STATUS_QUERY]): Promise<number> {
    const target = await connected()
    received = []
    await target.write(statusQuery(n))
    const deadline = Date.now() + STATUS_TIMEOUT_MS
    for (;;) {
      const index = received.findIndex(isStatusByte)
      if (index >= 0) {
        const byte = received[index] ?? 0
        received = received.slice(index + 1)
        return byte
      }
      const left = deadline - Date.now()
      if (left <= 0) throw new Error('the printer did not answer its status')
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  }

  function setPaper(next: typeof paper) {
    if (next === paper) return
    paper = next
    if (next === 'low') emit('printer.paperLow', { device: 'receiptPrinter' })
    if (next === 'out') emit('printer.paperOut', { device: 'receiptPrinter' })
  }
  function setCover(open: boolean) {
    if (open === coverOpen) return
    coverOpen = open
    if (open) emit('printer.coverOpen', { device: 'receiptPrinter' })
  }
  function setLost(next: boolean) {
    if (next === lost) return
    lost = next
    emit(next ? 'device.lost' : 'device.found', { device: 'receiptPrinter' })
  }

  /** Asks paper and cover status; marks the printer lost when it does not answer. */
  async function refresh(): Promise<void> {
    try {
      setPaper(paperFromStatus(await status(STATUS_QUERY.paperSensor)))
      setCover(offlineCause(await status(STATUS_QUERY.offlineCause)).coverOpen)
      setLost(false)
    } catch {
      line?.close().catch(() => {})
      line = null
      setLost(true)
    }
  }

  /** Runs `task` after whatever is on the line. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task, task)
    queue = next.catch(() => {})
    return next
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  const loop = async () => {
    if (!busy) await serial(refresh)
    if (!closed) timer = setTimeout(loop, pollMs)
  }
  timer = setTimeout(loop, 0)

  function stopIfUnable() {
    if (lost) throw new AgentError('deviceUnavailable', 'the receipt printer does not answer')
    if (coverOpen) throw new AgentError('coverOpen', 'the receipt printer cover is open')
    if (paper === 'out') throw new AgentError('paperOut', 'the receipt printer is out of paper')
  }

  return {
    kind: 'receiptPrinter',
    state(): DeviceState {
      if (lost) return 'lost'
      if (coverOpen) return 'coverOpen'
      if (paper === 'out') return 'paperOut'
      if (busy) return 'busy'
      return paper === 'low' ? 'paperLow' : 'ready'
    },
    print: (document: PrintDocument) =>
      serial(async () => {
        busy = true
        try {
          await refresh()
          stopIfUnable()
          const target = await connected()
          for (const chunk of encodeReceipt(document)) {
            await target.write(chunk)
            // The status answers only after the printer has taken the chunk: out of paper stops the job here.
            await refresh()
            stopIfUnable()
          }
        } finally {
          busy = false
        }
      }),
    async close() {
      closed = true
      clearTimeout(timer)
      await queue
      await line?.close()
    },
  }
}
