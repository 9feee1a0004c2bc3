/**
 * A simulated SAM ID-card reader on the device end of a pty pair: it answers find/select/read frames for the card
 * it holds, paced at 115200 baud (10 bits a byte) because a pty moves bytes at memory speed. It can be told to
 * corrupt checksums, stay silent, or lose the card in the middle of a read reply.
 */
import { encodeBaseInfo } from '../idcard/baseInfo'
import { COMMANDS, encodeReply, parseFrame } from '../idcard/frame'
import { SW3 } from '../idcard/status'
import { type CardText, encodeTextBlock } from '../idcard/textBlock'
import type { ByteLine } from '../transport/byteLine'
import { SERIAL_BAUD } from '../transport/byteLine'
import { frameStream } from '../transport/frameStream'
import { pacedWrite } from './pacedWrite'

/** What a test or the agent's simulate controls can do to the reader. */
export interface SamReaderSimulator {
  placeCard(card: CardText): void
  removeCard(): void
  /** The next `count` replies go out with a wrong CHK. */
  corruptChecksums(count: number): void
  /** While on, the reader answers nothing. */
  setSilent(silent: boolean): void
  /** At the next read, the card is taken away after half of the reply has gone out. */
  loseCardOnNextRead(): void
  /** Frames received so far, by command name (what the driver asked). */
  received(): Record<string, number>
  close(): Promise<void>
}

/** Starts answering on `line` (the pty end the simulator owns). */
export function createSamReaderSimulator(line: ByteLine): SamReaderSimulator {
  let card: CardText | null = null
  let corrupt = 0
  let silent = false
  let loseCard = false
  let sending: Promise<void> = Promise.resolve()
  const counts: Record<string, number> = {}

  function reply(sw3: number, data?: Uint8Array, cutAt?: number) {
    const frame = encodeReply(sw3, data)
    if (corrupt > 0) {
      corrupt--
      frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0xff
    }
    sending = sending.then(() => pacedWrite(line, frame, SERIAL_BAUD, cutAt)).catch(() => {})
  }

  function answer(command: number, parameter: number) {
    const name =
      (Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]).find(
        (key) => COMMANDS[key][0] === command && COMMANDS[key][1] === parameter,
      ) ?? 'other'
    counts[name] = (counts[name] ?? 0) + 1
    if (silent) return
    switch (name) {
      case 'findCard':
        return card ? reply(SW3.cardFound, new Uint8Array(4)) : reply(SW3.noCard)
      case 'selectCard':
        return card ? reply(SW3.ok, new Uint8Array(8)) : reply(SW3.selectFailed)
      case 'readBase': {
        if (!card) return reply(SW3.noCard)
        const data = encodeBaseInfo(encodeTextBlock(card))
        if (loseCard) {
          loseCard = false
          card = null
          return reply(SW3.ok, data, Math.floor((data.length + 11) / 2))
        }
        return reply(SW3.ok, data)
      }
      default:
        return reply(SW3.badCommand)
    }
  }

  const unsubscribe = line.onData(
    frameStream(parseFrame, (result) => {
      if (result.kind === 'frame') answer(result.body[0] ?? 0, result.body[1] ?? 0)
      else if (result.problem === 'checksum' && !silent) reply(SW3.checksumError)
      else if (result.problem === 'length' && !silent) reply(SW3.lengthError)
    }).push,
  )

  return {
    placeCard: (next) => {
      card = next
    },
    removeCard: () => {
      card = null
    },
    corruptChecksums: (count) => {
      corrupt = count
    },
    setSilent: (next) => {
      silent = next
    },
    loseCardOnNextRead: () => {
      loseCard = true
    },
    received: () => ({ ...counts }),
    async close() {
      unsubscribe()
      await sending
      await line.close()
    },
  }
}
