/**
 * The demo terminal's simulated identification devices: a 扫码器 that reads the codes shown to it on the
 * `SIM_DEVICES_CHANNEL` BroadcastChannel (a demo operator's or a test's hand, as `sim.showQr` is for the agent's
 * simulated reader; the demo button shows the mock issuer's code this way), and a 社保卡 reader holding 李明's card
 * with its PIN and try counter. Part of the simulated devices' chunk.
 */
import type { IdCard, Scanner, SocialCardReader } from './types'
import { SocialCardError } from './types'

/** The channel the simulated 扫码器 listens on: post `{ showQr: text }` while a scan waits. */
export const SIM_DEVICES_CHANNEL = 'kiosk-sim-devices'
/** How long the simulated 扫码器 waits for a code (as the agent's: QR_WAIT_MS in agentDevices.ts). */
const SCAN_WAIT_MS = 60_000

/** The demo 社保卡: 李明's (the demo ID card's holder), PIN 123456; the agent's simulated card is the same. */
export const DEMO_SOCIAL_CARD = Object.freeze({ cardNumber: 'A44160201', pin: '123456' })
/** The PIN tries a 社保卡 allows before it blocks (the agent's simulated card counts the same). */
export const SOCIAL_CARD_PIN_TRIES = 3

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A 扫码器 that reads the next code posted on the channel while a scan waits; a code shown meanwhile is dropped. */
export function createSimulatedScanner(): Scanner {
  return {
    scan: (signal) =>
      new Promise<string>((resolve, reject) => {
        const channel = new BroadcastChannel(SIM_DEVICES_CHANNEL)
        const done = () => {
          clearTimeout(timer)
          channel.close()
          signal?.removeEventListener('abort', aborted)
        }
        const aborted = () => {
          done()
          reject(new DOMException('the scan was abandoned', 'AbortError'))
        }
        const timer = setTimeout(() => {
          done()
          reject(new Error('no code was shown to the QR reader'))
        }, SCAN_WAIT_MS)
        channel.onmessage = (event: MessageEvent<{ showQr?: unknown }>) => {
          if (typeof event.data?.showQr !== 'string') return
          done()
          resolve(event.data.showQr)
        }
        signal?.addEventListener('abort', aborted)
      }),
  }
}

/** A 社保卡 reader with the demo card in it: three wrong PINs block the card until the page reloads. */
export function createSimulatedSocialCardReader(holder: IdCard, delayMs = 600): SocialCardReader {
  let triesLeft = SOCIAL_CARD_PIN_TRIES
  return {
    async read(pin) {
      await wait(delayMs)
      const cardNumber = DEMO_SOCIAL_CARD.cardNumber
      if (pin === undefined) return { cardNumber }
      if (triesLeft === 0) throw new SocialCardError('pinBlocked')
      if (pin !== DEMO_SOCIAL_CARD.pin) {
        triesLeft--
        if (triesLeft === 0) throw new SocialCardError('pinBlocked')
        throw new SocialCardError('pinWrong', triesLeft)
      }
      triesLeft = SOCIAL_CARD_PIN_TRIES
      return { cardNumber, holder: { ...holder } }
    },
  }
}
