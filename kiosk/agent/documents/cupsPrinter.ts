/**
 * The document printer: renders the document to PDF (embedded CJK font) and submits it to a CUPS queue over IPP
 * with the `lp` client (`lp -h SERVER -d QUEUE`), answering once CUPS has accepted the job.
 */
import { spawn } from 'node:child_process'
import { AgentError, type EmitEvent, type PrinterDriver } from '../drivers/types'
import type { DeviceState, PrintDocument } from '../protocol/messages'
import { renderPdf } from './renderPdf'

/** How long CUPS may take to accept a job before the printer counts as lost. */
const SUBMIT_MS = 4000

/** Creates the driver for `queue` on `server` (host:port; the local default server when absent). */
export function createCupsPrinter(
  options: { queue: string; server?: string },
  emit: EmitEvent,
): PrinterDriver {
  let busy = false
  let lost = false

  function setLost(next: boolean) {
    if (next === lost) return
    lost = next
    emit(next ? 'device.lost' : 'device.found', { device: 'documentPrinter' })
  }

  /** Runs lp with the PDF on stdin; resolves with CUPS's request id. */
  function submit(pdf: Buffer, title: string): Promise<string> {
    const args = [...(options.server ? ['-h', options.server] : []), '-d', options.queue, '-t', title, '-']
    return new Promise((resolve, reject) => {
      const child = spawn('lp', args, { stdio: ['pipe', 'pipe', 'pipe'] })
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
      })
      child.stderr.on('data', (chunk: Buffer) => {
        out += chunk.toString()
      })
      const timer = setTimeout(() => child.kill('SIGKILL'), SUBMIT_MS)
      child.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.once('close', (code) => {
        clearTimeout(timer)
        const id = /request id is (\S+)/.exec(out)?.[1]
        if (code === 0 && id) resolve(id)
        else reject(new Error(`lp exited with ${code}: ${out.trim().slice(0, 200)}`))
      })
      child.stdin.end(pdf)
    })
  }

  return {
    kind: 'documentPrinter',
    state: (): DeviceState => (lost ? 'lost' : busy ? 'busy' : 'ready'),
    async print(document: PrintDocument) {
      busy = true
      try {
        const pdf = await renderPdf(document)
        await submit(pdf, document.title)
        setLost(false)
      } catch (error) {
        setLost(true)
        throw new AgentError(
          'deviceUnavailable',
          `CUPS did not take the job (${error instanceof Error ? error.message.split(':')[0] : 'failed'})`,
        )
      } finally {
        busy = false
      }
    },
    close: async () => {},
  }
}
