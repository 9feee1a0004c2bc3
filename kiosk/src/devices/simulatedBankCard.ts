/**
 * The demo terminal's simulated 银行卡读卡器: a resident inserts the demo card a moment after the step asks, and
 * takes it back a moment after it is handed back. A demo operator or a test makes the next read end otherwise by
 * posting `{ bankCard: 'timeout' | 'removed' | 'missing' }` on the SIM_DEVICES_CHANNEL (as `sim.showQr` is for the
 * 扫码器): nobody inserts a card, the card is pulled out mid-read, or the reader does not answer. Part of the
 * simulated devices' chunk.
 */
import { SIM_DEVICES_CHANNEL } from './simulatedIdentity'
import { BankCardError, type BankCardProblem, type BankCardReader } from './types'

/** The demo bank card (a 19-digit 银联 debit card); the simulated bank takes PIN 123456 for every card. */
export const DEMO_BANK_CARD = Object.freeze({ cardNumber: '6222021234567890123' })

const FAULTS: readonly BankCardProblem[] = ['timeout', 'removed', 'missing']

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new DOMException('the card read was abandoned', 'AbortError'))
    })
  })

/** A reader holding no card until a read asks; `delayMs` is the resident's hand (inserting, taking back). */
export function createSimulatedBankCardReader(delayMs = 600): BankCardReader {
  let nextFault: BankCardProblem | null = null
  const channel = new BroadcastChannel(SIM_DEVICES_CHANNEL)
  channel.onmessage = (event: MessageEvent<{ bankCard?: unknown }>) => {
    const fault = event.data?.bankCard
    if (FAULTS.includes(fault as BankCardProblem)) nextFault = fault as BankCardProblem
  }
  return {
    async read(signal) {
      const fault = nextFault
      nextFault = null
      await wait(delayMs, signal)
      if (fault) throw new BankCardError(fault)
      return { cardNumber: DEMO_BANK_CARD.cardNumber }
    },
    eject: () => wait(delayMs),
  }
}
