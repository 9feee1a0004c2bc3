/**
 * One command and its reply at a time on a framed serial line (the ID-card reader, the 社保卡 reader): commands
 * queue, a reply must arrive within a time limit, a reply with a bad checksum is asked for again, and a
 * half-received frame never prefixes the next reply. Each device gives its own frame scanner.
 */
import type { ByteLine } from './byteLine'
import { frameStream } from './frameStream'

/** What a scanner found at the start of the buffer. */
export type FrameScan<R> =
  | { kind: 'need' }
  | { kind: 'noise'; consumed: number }
  | { kind: 'reply'; reply: R; consumed: number }
  | { kind: 'bad'; problem: 'checksum' | 'length'; consumed: number }

/** Why an exchange produced no reply. */
export class LineError extends Error {
  constructor(
    readonly problem: 'timeout' | 'checksum' | 'length',
    device = 'reader',
  ) {
    super(`${device} line: ${problem}`)
    this.name = 'LineError'
  }
}

/** The exchanges on one line. */
export interface FrameLine<R> {
  /** Sends `frame` (after the commands before it) and resolves with its reply; rejects with LineError. */
  transact(frame: Uint8Array): Promise<R>
  close(): Promise<void>
}

/** Starts reading `line`; `timeoutMs` bounds each reply, `checksumRetries` is how often a corrupt one is re-asked. */
export function createFrameLine<R>(
  line: ByteLine,
  scan: (buffer: Uint8Array) => FrameScan<R>,
  timeoutMs: number,
  checksumRetries = 1,
): FrameLine<R> {
  let waiting: { resolve(reply: R): void; reject(error: Error): void } | null = null
  let queue: Promise<unknown> = Promise.resolve()

  const stream = frameStream(scan, (found) => {
    if (found.kind === 'noise') return
    const current = waiting
    waiting = null
    if (!current) return
    if (found.kind === 'bad') current.reject(new LineError(found.problem))
    else current.resolve(found.reply)
  })
  const unsubscribe = line.onData(stream.push)

  function sendOnce(frame: Uint8Array): Promise<R> {
    stream.reset()
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting = null
        // A half-received frame (a card taken away mid-reply) must not prefix the next reply.
        stream.reset()
        reject(new LineError('timeout'))
      }, timeoutMs)
      waiting = {
        resolve: (reply) => {
          clearTimeout(timer)
          resolve(reply)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      }
      line.write(frame).catch((error: unknown) => {
        clearTimeout(timer)
        waiting = null
        reject(error instanceof Error ? error : new Error(String(error)))
      })
    })
  }

  return {
    transact(frame) {
      const run = async (): Promise<R> => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await sendOnce(frame)
          } catch (error) {
            if (error instanceof LineError && error.problem === 'checksum' && attempt < checksumRetries)
              continue
            throw error
          }
        }
      }
      const next = queue.then(run, run)
      queue = next.catch(() => {})
      return next
    },
    async close() {
      unsubscribe()
      waiting?.reject(new LineError('timeout'))
      await line.close()
    },
  }
}
