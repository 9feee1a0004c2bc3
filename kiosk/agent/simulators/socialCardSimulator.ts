/**
 * A simulated 社保卡 reader with a card in it, on the device end of a pty pair: it answers the reader frames
 * (socialcard/frame.ts) and, inside them, the card's APDUs as the SSSE application would, with the PIN's try
 * counter (three wrong PINs block it) and EF06 readable only after VERIFY. Replies are paced at the reader's baud.
 */

import { SOCIAL_CARD_PIN_TRIES } from '../../src/devices/simulatedIdentity'
import { codeOf, NATION_CODES, SEX_CODES } from '../idcard/codes'
import type { SocialCardField } from '../protocol/messages'
import { encodeResponse, SW } from '../socialcard/apdu'
import { READER_COMMANDS, READER_STATUS } from '../socialcard/frame'
import { EF05, EF06, encodeRecord, RECORDS, SSSE_NAME } from '../socialcard/ssse'
import type { ByteLine } from '../transport/byteLine'
import { type ReaderReply, readerFrameEndpoint } from './readerFrameEndpoint'

/** A card as the simulator holds it: the printed data and its PIN. */
export interface SimulatedSocialCard {
  cardNumber: string
  idNumber: string
  name: string
  sex: string
  nation: string
  birthDate: string
  pin: string
}

/** The PIN tries a card allows before it blocks (the in-page simulation's figure). */
export const PIN_TRIES = SOCIAL_CARD_PIN_TRIES

/** What a test or the simulate controls can do. */
export interface SocialCardSimulator {
  insert(card: SimulatedSocialCard): void
  remove(): void
  setSilent(silent: boolean): void
  close(): Promise<void>
}

const ATR = Uint8Array.of(0x3b, 0x6c, 0x00, 0x00, 0x86, 0x38, 0x53, 0x53, 0x53, 0x45)
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i])

/** Starts the simulated reader on `line`. */
export function createSocialCardSimulator(line: ByteLine): SocialCardSimulator {
  let card: SimulatedSocialCard | null = null
  let files: Record<'ef05' | 'ef06', Map<number, Uint8Array>> | null = null
  let powered = false
  let inSsse = false
  let currentFile: 'ef05' | 'ef06' | null = null
  let verified = false
  let triesLeft = PIN_TRIES

  function answerApdu(apdu: Uint8Array): Uint8Array {
    const [cla, ins, p1, p2, lc] = apdu
    if (cla !== 0x00) return encodeResponse(SW.insNotSupported)
    const body = apdu.subarray(5, 5 + (lc ?? 0))
    if (ins === 0xa4 && p1 === 0x04) {
      inSsse = same(body, SSSE_NAME)
      currentFile = null
      return encodeResponse(inSsse ? SW.ok : SW.fileNotFound)
    }
    if (ins === 0xa4 && p1 === 0x02) {
      const id = ((body[0] ?? 0) << 8) | (body[1] ?? 0)
      currentFile = inSsse && id === EF05.id ? 'ef05' : inSsse && id === EF06.id ? 'ef06' : null
      return encodeResponse(currentFile ? SW.ok : SW.fileNotFound)
    }
    if (ins === 0xb2) {
      if (!currentFile || !files || p2 !== 0x04) return encodeResponse(SW.recordNotFound)
      if (currentFile === 'ef06' && !verified) return encodeResponse(SW.securityNotSatisfied)
      const record = files[currentFile].get(p1 ?? 0)
      return record ? encodeResponse(SW.ok, record) : encodeResponse(SW.recordNotFound)
    }
    if (ins === 0x20) {
      if (!card) return encodeResponse(SW.fileNotFound)
      if (triesLeft === 0) return encodeResponse(SW.pinBlocked)
      const typed = [...body].map((b) => b.toString(16).padStart(2, '0')).join('')
      if (typed === card.pin) {
        verified = true
        triesLeft = PIN_TRIES
        return encodeResponse(SW.ok)
      }
      triesLeft--
      return encodeResponse(triesLeft === 0 ? SW.pinBlocked : SW.wrongPinBase | triesLeft)
    }
    return encodeResponse(SW.insNotSupported)
  }

  function answer(body: Uint8Array, reply: ReaderReply) {
    const [command] = body
    if (!card) return reply(READER_STATUS.noCard)
    if (command === READER_COMMANDS.powerOn) {
      powered = true
      inSsse = false
      currentFile = null
      verified = false
      return reply(READER_STATUS.ok, ATR)
    }
    if (command === READER_COMMANDS.powerOff) {
      powered = false
      verified = false
      return reply(READER_STATUS.ok)
    }
    if (command === READER_COMMANDS.apdu) {
      if (!powered) return reply(READER_STATUS.cardError)
      return reply(READER_STATUS.ok, answerApdu(body.subarray(1)))
    }
    return reply(READER_STATUS.frameError)
  }

  const endpoint = readerFrameEndpoint(line, answer)

  return {
    insert(next) {
      card = next
      triesLeft = PIN_TRIES
      const value = (field: SocialCardField): string =>
        field === 'sex'
          ? codeOf(SEX_CODES, next.sex)
          : field === 'nation'
            ? codeOf(NATION_CODES, next.nation)
            : next[field]
      files = { ef05: new Map(), ef06: new Map() }
      for (const field of Object.keys(RECORDS) as SocialCardField[]) {
        const layout = RECORDS[field]
        files[layout.file].set(layout.record, encodeRecord(field, value(field)))
      }
    },
    remove() {
      card = null
      files = null
      powered = false
      verified = false
    },
    setSilent: endpoint.setSilent,
    close: endpoint.close,
  }
}
