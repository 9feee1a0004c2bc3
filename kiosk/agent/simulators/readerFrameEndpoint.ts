/**
 * The device end of a simulated contact-card reader that speaks socialcard/frame.ts (the 社保卡 and the 银行卡
 * reader): request frames in, reply frames out paced at the reader's baud, a bad frame answered with frameError,
 * and silence when the reader is set silent. Each simulator gives only how it answers a request's body.
 */
import { encodeFrame, parseFrame, READER_STATUS } from '../socialcard/frame'
import { SOCIAL_CARD_BAUD } from '../socialcard/socialCardReader'
import type { ByteLine } from '../transport/byteLine'
import { frameStream } from '../transport/frameStream'
import { pacedWrite } from './pacedWrite'

/** Sends one reply frame: a status byte and its data. */
export type ReaderReply = (status: number, data?: Uint8Array) => void

/** The running endpoint: its reply function, the silence switch, and close. */
export interface ReaderFrameEndpoint {
  reply: ReaderReply
  setSilent(silent: boolean): void
  close(): Promise<void>
}

/** Serves `line`: every well-formed request body goes to `answer` unless the reader is silent. */
export function readerFrameEndpoint(
  line: ByteLine,
  answer: (body: Uint8Array, reply: ReaderReply) => void,
): ReaderFrameEndpoint {
  let silent = false
  let sending: Promise<void> = Promise.resolve()
  const reply: ReaderReply = (status, data = new Uint8Array(0)) => {
    const frame = encodeFrame(Uint8Array.of(status, ...data))
    sending = sending.then(() => pacedWrite(line, frame, SOCIAL_CARD_BAUD)).catch(() => {})
  }
  const unsubscribe = line.onData(
    frameStream(parseFrame, (found) => {
      if (silent) return
      if (found.kind === 'frame') answer(found.body, reply)
      else if (found.kind === 'bad') reply(READER_STATUS.frameError)
    }).push,
  )
  return {
    reply,
    setSilent(next) {
      silent = next
    },
    async close() {
      unsubscribe()
      await sending
      await line.close()
    },
  }
}
