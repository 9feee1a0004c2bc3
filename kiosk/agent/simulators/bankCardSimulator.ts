/**
 * A simulated 银行卡读卡器 on the device end of a pty pair: it answers the reader frames (socialcard/frame.ts) and,
 * inside them, the bank card's APDUs as a PBOC debit card would (SELECT of the UnionPay AID, READ RECORD of the
 * PAN record). A card can be pulled out on the next APDU (the resident's hand mid-read); replies are paced at the
 * reader's baud. The card stays in after power-off until the resident takes it (`remove`).
 */
import { encodePanRecord, PAN_RECORD, UNIONPAY_DEBIT_AID } from '../bankcard/emv'
import { encodeResponse, SW } from '../socialcard/apdu'
import { READER_COMMANDS, READER_STATUS } from '../socialcard/frame'
import type { ByteLine } from '../transport/byteLine'
import { type ReaderReply, readerFrameEndpoint } from './readerFrameEndpoint'

/** What a test or the simulate controls can do with the simulated bank-card reader. */
export interface BankCardSimulator {
  /** Inserts a card with this number. */
  insert(cardNumber: string): void
  /** The resident takes the card out. */
  remove(): void
  /** The card leaves the reader at the next APDU (pulled out mid-read). */
  pullOnNextApdu(): void
  setSilent(silent: boolean): void
  close(): Promise<void>
}

const ATR = Uint8Array.of(0x3b, 0x6a, 0x00, 0x00, 0x86, 0x38, 0x50, 0x42, 0x4f, 0x43)
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i])

/** Starts the simulated reader on `line`. */
export function createBankCardSimulator(line: ByteLine): BankCardSimulator {
  let record: Uint8Array | null = null
  let powered = false
  let selected = false
  let pullNext = false
  const remove = () => {
    record = null
    powered = false
    selected = false
  }

  function answerApdu(apdu: Uint8Array): Uint8Array {
    const [cla, ins, p1, p2, lc] = apdu
    if (cla !== 0x00) return encodeResponse(SW.insNotSupported)
    if (ins === 0xa4 && p1 === 0x04) {
      selected = same(apdu.subarray(5, 5 + (lc ?? 0)), UNIONPAY_DEBIT_AID)
      return encodeResponse(selected ? SW.ok : SW.fileNotFound)
    }
    if (ins === 0xb2) {
      const wanted = p1 === PAN_RECORD.record && p2 === ((PAN_RECORD.sfi << 3) | 0x04)
      if (!selected || !wanted || !record) return encodeResponse(SW.recordNotFound)
      return encodeResponse(SW.ok, record)
    }
    return encodeResponse(SW.insNotSupported)
  }

  function answer(body: Uint8Array, reply: ReaderReply) {
    const [command] = body
    if (command === READER_COMMANDS.cardStatus) return reply(READER_STATUS.ok, Uint8Array.of(record ? 1 : 0))
    if (!record) return reply(READER_STATUS.noCard)
    if (command === READER_COMMANDS.powerOn) {
      powered = true
      selected = false
      return reply(READER_STATUS.ok, ATR)
    }
    if (command === READER_COMMANDS.powerOff) {
      powered = false
      selected = false
      return reply(READER_STATUS.ok)
    }
    if (command === READER_COMMANDS.apdu) {
      if (pullNext) {
        pullNext = false
        remove()
        return reply(READER_STATUS.noCard)
      }
      if (!powered) return reply(READER_STATUS.cardError)
      return reply(READER_STATUS.ok, answerApdu(body.subarray(1)))
    }
    return reply(READER_STATUS.frameError)
  }

  const endpoint = readerFrameEndpoint(line, answer)

  return {
    insert(cardNumber) {
      record = encodePanRecord(cardNumber)
      powered = false
      selected = false
    },
    remove,
    pullOnNextApdu() {
      pullNext = true
    },
    setSilent: endpoint.setSilent,
    close: endpoint.close,
  }
}
