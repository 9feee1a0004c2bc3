/**
 * The ID-card reader driver: polls find-card on the serial line, reports card placed/removed and lost/found, and
 * reads a card (find → select → read) into only the fields asked for. One command is on the line at a time.
 */

import { AgentError, type EmitEvent, type IdCardReaderDriver } from '../drivers/types'
import type { DeviceState, IdCardField, IdCardFields } from '../protocol/messages'
import type { ByteLine } from '../transport/byteLine'
import { wireTimeMs } from '../transport/byteLine'
import { textOfBaseInfo } from './baseInfo'
import { type CommandName, encodeCommand, MAX_LEN, parseFrame } from './frame'
import { SW3, sw3Name } from './status'
import { decodeTextBlock, TextBlockError } from './textBlock'

/** How often the driver asks the reader for a card (the simulator's answers are paced to the same line). */
export const FIND_CARD_POLL_MS = 200
/** A reply must start and finish within this time: the longest frame's wire time plus the reader's own work. */
export const REPLY_TIMEOUT_MS = Math.ceil(wireTimeMs(MAX_LEN + 7)) + 300
/** Polls without an answer before the reader is reported lost. */
export const LOST_AFTER_MISSED_POLLS = 3
/** A reply with a bad checksum is asked for once more before the read fails. */
const CHECKSUM_RETRIES = 1

/** One decoded reply: the status byte and the data after it. */
interface Reply {
  sw3: number
  data: Uint8Array
}

/** Why a transaction produced no reply. */
class LineError extends Error {
  constructor(readonly problem: 'timeout' | 'checksum' | 'length') {
    super(`reader line: ${problem}`)
  }
}

/** Creates the driver on an open line and starts polling. */
export function createSamReader(
  line: ByteLine,
  emit: EmitEvent,
  pollMs = FIND_CARD_POLL_MS,
): IdCardReaderDriver {
  let buffer = new Uint8Array(0)
  let waiting: { resolve(reply: Reply): void; reject(error: Error): void } | null = null
  let queue: Promise<unknown> = Promise.resolve()
  let cardPresent = false
  let lost = false
  let missed = 0
  let busy = false
  let closed = false

  const unsubscribe = line.onData((chunk) => {
    const joined = new Uint8Array(buffer.length + chunk.length)
    joined.set(buffer, 0)
    joined.set(chunk, buffer.length)
    buffer = joined
    drain()
  })

  /** Hands complete frames (or their problems) to the waiting transaction. */
  function drain() {
    for (;;) {
      const result = parseFrame(buffer)
      if (result.kind === 'need') return
      buffer = buffer.slice(result.consumed)
      if (result.kind === 'error' && result.problem === 'header') continue
      const current = waiting
      waiting = null
      if (!current) continue
      if (result.kind === 'error')
        current.reject(new LineError(result.problem === 'checksum' ? 'checksum' : 'length'))
      else current.resolve({ sw3: result.body[2] ?? 0, data: result.body.subarray(3) })
    }
  }

  /** Sends one command and waits for its reply; commands queue so only one is on the line. */
  function transact(name: CommandName): Promise<Reply> {
    const run = async (): Promise<Reply> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await sendOnce(name)
        } catch (error) {
          if (error instanceof LineError && error.problem === 'checksum' && attempt < CHECKSUM_RETRIES)
            continue
          throw error
        }
      }
    }
    const next = queue.then(run, run)
    queue = next.catch(() => {})
    return next
  }

  function sendOnce(name: CommandName): Promise<Reply> {
    buffer = new Uint8Array(0)
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting = null
        // A half-received frame (the card left mid-read) must not prefix the next reply.
        buffer = new Uint8Array(0)
        reject(new LineError('timeout'))
      }, REPLY_TIMEOUT_MS)
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
      line.write(encodeCommand(name)).catch((error: unknown) => {
        clearTimeout(timer)
        waiting = null
        reject(error instanceof Error ? error : new Error(String(error)))
      })
    })
  }

  /** Records whether the reader answered, reporting lost/found on the edges. */
  function answered(ok: boolean) {
    if (ok) {
      missed = 0
      if (lost) {
        lost = false
        emit('device.found', { device: 'idCardReader' })
      }
      return
    }
    missed++
    if (!lost && missed >= LOST_AFTER_MISSED_POLLS) {
      lost = true
      setCard(false)
      emit('device.lost', { device: 'idCardReader' })
    }
  }

  function setCard(present: boolean) {
    if (present === cardPresent) return
    cardPresent = present
    emit(present ? 'idCard.placed' : 'idCard.removed', { device: 'idCardReader' })
  }

  async function poll() {
    if (busy) return
    try {
      const reply = await transact('findCard')
      answered(true)
      setCard(reply.sw3 === SW3.cardFound)
    } catch (error) {
      answered(!(error instanceof LineError && error.problem === 'timeout'))
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  const loop = async () => {
    await poll()
    if (!closed) timer = setTimeout(loop, pollMs)
  }
  timer = setTimeout(loop, 0)

  /** One step of a read: the reply, or the protocol error the page gets. */
  async function step(name: CommandName, expected: number): Promise<Uint8Array> {
    let reply: Reply
    try {
      reply = await transact(name)
    } catch (error) {
      if (error instanceof LineError && error.problem === 'timeout') {
        // Silence mid-read: the card was taken away or the reader hung; the next poll says which.
        throw new AgentError('cardReadFailed', `reader did not answer ${name}`)
      }
      throw new AgentError(
        'cardReadFailed',
        `reader ${name}: ${error instanceof Error ? error.message : 'failed'}`,
      )
    }
    if (reply.sw3 === SW3.noCard) {
      setCard(false)
      throw new AgentError('noCard', 'no card on the reader')
    }
    if (reply.sw3 !== expected)
      throw new AgentError('cardReadFailed', `reader ${name}: ${sw3Name(reply.sw3)}`)
    return reply.data
  }

  return {
    kind: 'idCardReader',
    state(): DeviceState {
      if (lost) return 'lost'
      if (busy) return 'busy'
      return cardPresent ? 'cardPresent' : 'ready'
    },
    async read(fields: readonly IdCardField[]): Promise<IdCardFields> {
      if (lost) throw new AgentError('deviceUnavailable', 'the ID card reader does not answer')
      busy = true
      try {
        await step('findCard', SW3.cardFound)
        setCard(true)
        await step('selectCard', SW3.ok)
        const data = await step('readBase', SW3.ok)
        let card: ReturnType<typeof decodeTextBlock>
        try {
          card = decodeTextBlock(textOfBaseInfo(data))
        } catch (error) {
          const why = error instanceof TextBlockError ? error.problem : 'lengths'
          throw new AgentError('cardReadFailed', `card text could not be decoded (${why})`)
        }
        const picked: IdCardFields = {}
        for (const field of fields) picked[field] = card[field]
        return picked
      } finally {
        busy = false
      }
    },
    async close() {
      closed = true
      clearTimeout(timer)
      unsubscribe()
      waiting?.reject(new LineError('timeout'))
      await line.close()
    },
  }
}
