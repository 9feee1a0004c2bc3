/**
 * The 社保卡 reader driver: powers the card on, selects the SSSE application, reads the card number, and only when
 * the holder's data is asked for verifies the PIN on the card before reading it; the card is powered off after
 * every read. The PIN is never logged or kept. One exchange is on the line at a time (transport/frameLine.ts).
 */
import { AgentError, type SocialCardReaderDriver } from '../drivers/types'
import type { DeviceState, SocialCardField, SocialCardFields } from '../protocol/messages'
import type { ByteLine } from '../transport/byteLine'
import { wireTimeMs } from '../transport/byteLine'
import { createFrameLine, LineError } from '../transport/frameLine'
import { parseResponse, pinTriesLeft, readRecord, SW, selectByName, selectFile, verifyPin } from './apdu'
import {
  encodeRequest,
  MAX_BODY,
  READER_STATUS,
  type ReaderCommand,
  type ReaderReplyFrame,
  scanReaderReply,
} from './frame'
import { decodeRecord, EF05, EF06, RECORDS, RecordError, SSSE_NAME } from './ssse'

/** The reader's serial speed (its factory setting). */
export const SOCIAL_CARD_BAUD = 115200
/** A reply must arrive within this time: the longest frame's wire time plus the card's own work (VERIFY is slow). */
export const SOCIAL_REPLY_TIMEOUT_MS = Math.ceil(wireTimeMs(MAX_BODY + 5, SOCIAL_CARD_BAUD)) + 500

/** Creates the driver on an open line. */
export function createSocialCardReader(line: ByteLine): SocialCardReaderDriver {
  const frames = createFrameLine(line, scanReaderReply, SOCIAL_REPLY_TIMEOUT_MS)
  let busy = false
  let lost = false

  /** One reader command; a reader that stays silent is lost until it answers again. */
  async function command(name: ReaderCommand, data?: Uint8Array): Promise<Uint8Array> {
    let reply: ReaderReplyFrame
    try {
      reply = await frames.transact(encodeRequest(name, data))
    } catch (error) {
      if (error instanceof LineError && error.problem === 'timeout') {
        lost = true
        throw new AgentError('deviceUnavailable', 'the 社保卡 reader does not answer')
      }
      throw new AgentError(
        'cardReadFailed',
        `社保卡 reader: ${error instanceof Error ? error.message : 'failed'}`,
      )
    }
    lost = false
    if (reply.status === READER_STATUS.noCard) throw new AgentError('noCard', 'no card in the 社保卡 reader')
    if (reply.status !== READER_STATUS.ok)
      throw new AgentError(
        'cardReadFailed',
        `社保卡 reader status ${reply.status.toString(16).padStart(2, '0')}`,
      )
    return reply.data
  }

  /** One APDU; anything but 9000 is the caller's to judge, so it gets the status word. */
  async function apdu(bytes: Uint8Array): Promise<{ data: Uint8Array; sw: number }> {
    const response = parseResponse(await command('apdu', bytes))
    if (!response) throw new AgentError('cardReadFailed', '社保卡 answered without a status word')
    return response
  }

  async function expectOk(bytes: Uint8Array, what: string): Promise<Uint8Array> {
    const { data, sw } = await apdu(bytes)
    if (sw !== SW.ok)
      throw new AgentError('cardReadFailed', `社保卡 ${what}: status ${sw.toString(16).padStart(4, '0')}`)
    return data
  }

  async function field(name: SocialCardField): Promise<string> {
    const layout = RECORDS[name]
    const record = await expectOk(readRecord(layout.record), `record ${name}`)
    try {
      return decodeRecord(name, record)
    } catch (error) {
      if (error instanceof RecordError) throw new AgentError('cardReadFailed', error.message)
      throw error
    }
  }

  async function verify(pin: string) {
    const { sw } = await apdu(verifyPin(pin))
    if (sw === SW.ok) return
    const left = pinTriesLeft(sw)
    // 6983, or 63C0 (no tries left), both mean the card will not take a PIN again.
    if (sw === SW.pinBlocked || left === 0)
      throw new AgentError('pinBlocked', 'the 社保卡 PIN is blocked: the holder must see the 社保 office')
    if (left !== null) throw new AgentError('pinWrong', `wrong 社保卡 PIN: ${left} tries left`)
    throw new AgentError('cardReadFailed', `社保卡 VERIFY: status ${sw.toString(16).padStart(4, '0')}`)
  }

  return {
    kind: 'socialCardReader',
    state(): DeviceState {
      if (lost) return 'lost'
      return busy ? 'busy' : 'ready'
    },
    async read(fields, pin) {
      const holderFields = fields.filter((name) => RECORDS[name].file === 'ef06')
      if (holderFields.length > 0 && pin === undefined)
        throw new AgentError('pinRequired', 'the holder’s data needs the 社保卡 PIN')
      busy = true
      let powered = false
      try {
        await command('powerOn')
        powered = true
        await expectOk(selectByName(SSSE_NAME), 'SSSE application (not a 社保卡?)')
        const picked: SocialCardFields = {}
        await expectOk(selectFile(EF05.id), 'EF05')
        for (const name of fields) if (RECORDS[name].file === 'ef05') picked[name] = await field(name)
        if (holderFields.length > 0 && pin !== undefined) {
          await expectOk(selectFile(EF06.id), 'EF06')
          await verify(pin)
          for (const name of holderFields) picked[name] = await field(name)
        }
        return picked
      } finally {
        if (powered) await command('powerOff').catch(() => {})
        busy = false
      }
    },
    close: () => frames.close(),
  }
}
