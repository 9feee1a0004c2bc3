/**
 * The 银行卡读卡器 driver, over the same serial frames as the 社保卡 reader (socialcard/frame.ts): a read polls for
 * an inserted card (power on answers noCard until one is in), selects the UnionPay debit application and reads the
 * card number; hand-back powers the card off and polls the reader's card status until the resident took it. The
 * card number is never logged; the PIN never comes here (the bank checks it online through the gateway).
 */

import { AgentError, type BankCardReaderDriver } from '../drivers/types'
import type { DeviceState } from '../protocol/messages'
import { parseResponse, readRecord, SW, selectByName } from '../socialcard/apdu'
import {
  encodeRequest,
  READER_STATUS,
  type ReaderCommand,
  type ReaderReplyFrame,
  scanReaderReply,
} from '../socialcard/frame'
import { SOCIAL_REPLY_TIMEOUT_MS } from '../socialcard/socialCardReader'
import type { ByteLine } from '../transport/byteLine'
import { createFrameLine, LineError } from '../transport/frameLine'
import { EmvError, PAN_RECORD, panOf, UNIONPAY_DEBIT_AID } from './emv'

/** How often a waiting read or hand-back asks the reader about the card. */
export const BANK_CARD_POLL_MS = 200

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Creates the driver on an open line. */
export function createBankCardReader(line: ByteLine): BankCardReaderDriver {
  const frames = createFrameLine(line, scanReaderReply, SOCIAL_REPLY_TIMEOUT_MS)
  let busy = false
  let lost = false
  let present = false

  /** One reader command: its reply (any status); a silent reader is lost until it answers again. */
  async function command(name: ReaderCommand, data?: Uint8Array): Promise<ReaderReplyFrame> {
    try {
      const reply = await frames.transact(encodeRequest(name, data))
      lost = false
      return reply
    } catch (error) {
      if (error instanceof LineError && error.problem === 'timeout') {
        lost = true
        throw new AgentError('deviceUnavailable', 'the bank card reader does not answer')
      }
      throw new AgentError(
        'cardReadFailed',
        `bank card reader: ${error instanceof Error ? error.message : 'failed'}`,
      )
    }
  }

  /** One APDU to the powered card; the card gone mid-read is `cardRemoved`, another status word a failed read. */
  async function expectOk(apdu: Uint8Array, what: string): Promise<Uint8Array> {
    const reply = await command('apdu', apdu)
    if (reply.status === READER_STATUS.noCard || reply.status === READER_STATUS.cardError)
      throw new AgentError('cardRemoved', 'the bank card left the reader before it was read')
    const response = reply.status === READER_STATUS.ok ? parseResponse(reply.data) : null
    if (!response || response.sw !== SW.ok)
      throw new AgentError(
        'cardReadFailed',
        `bank card ${what}: ${response ? `status ${response.sw.toString(16).padStart(4, '0')}` : 'no answer'}`,
      )
    return response.data
  }

  return {
    kind: 'bankCardReader',
    state(): DeviceState {
      if (lost) return 'lost'
      if (busy) return 'busy'
      return present ? 'cardPresent' : 'ready'
    },
    async read(waitMs) {
      busy = true
      const until = performance.now() + waitMs
      try {
        for (;;) {
          const reset = await command('powerOn')
          if (reset.status === READER_STATUS.ok) break
          if (reset.status !== READER_STATUS.noCard)
            throw new AgentError('cardReadFailed', `bank card reader status ${reset.status.toString(16)}`)
          if (performance.now() + BANK_CARD_POLL_MS > until) return null
          await pause(BANK_CARD_POLL_MS)
        }
        present = true
        await expectOk(selectByName(UNIONPAY_DEBIT_AID), 'UnionPay application (not a 银联 card?)')
        const record = await expectOk(readRecord(PAN_RECORD.record, PAN_RECORD.sfi), 'record')
        try {
          return panOf(record)
        } catch (error) {
          if (error instanceof EmvError) throw new AgentError('cardReadFailed', error.message)
          throw error
        }
      } finally {
        busy = false
      }
    },
    async handBack(waitMs) {
      const until = performance.now() + waitMs
      await command('powerOff')
      for (;;) {
        const status = await command('cardStatus')
        present = status.status === READER_STATUS.ok && status.data[0] === 1
        if (!present) return true
        if (performance.now() + BANK_CARD_POLL_MS > until) return false
        await pause(BANK_CARD_POLL_MS)
      }
    },
    close: () => frames.close(),
  }
}
