/**
 * The ID-card reader driver: polls find-card on the serial line, reports card placed/removed and lost/found, and
 * reads a card (find → select → read) into only the fields asked for. One command is on the line at a time.
 */

import { AgentError, type EmitEvent, type IdCardReaderDriver } from '../drivers/types'
import type { DeviceState, IdCardField, IdCardFields } from '../protocol/messages'
import type { ByteLine } from '../transport/byteLine'
import { wireTimeMs } from '../transport/byteLine'
import { createFrameLine, type FrameScan, LineError } from '../transport/frameLine'
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
/** One decoded reply: the status byte and the data after it. */
interface Reply {
  sw3: number
  data: Uint8Array
}

/** The reader's frames as the line's scanner sees them (noise before a header is skipped). */
function scanReply(buffer: Uint8Array): FrameScan<Reply> {
  const result = parseFrame(buffer)
  if (result.kind === 'need') return result
  if (result.kind === 'frame')
    return {
      kind: 'reply',
      reply: { sw3: result.body[2] ?? 0, data: result.body.subarray(3) },
      consumed: result.consumed,
    }
  if (result.problem === 'header') return { kind: 'noise', consumed: result.consumed }
  return {
    kind: 'bad',
    problem: result.problem === 'checksum' ? 'checksum' : 'length',
    consumed: result.consumed,
  }
}

/** Creates the driver on an open line and starts polling. */
export function createSamReader(
  line: ByteLine,
  emit: EmitEvent,
  pollMs = FIND_CARD_POLL_MS,
): IdCardReaderDriver {
  const frames = createFrameLine(line, scanReply, REPLY_TIMEOUT_MS)
  const transact = (name: CommandName) => frames.transact(encodeCommand(name))
  let cardPresent = false
  let lost = false
  let missed = 0
  let busy = false
  let closed = false

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
      await frames.close()
    },
  }
}
