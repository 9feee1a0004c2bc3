/**
 * The sim.* methods a simulating agent (`--simulate`) accepts besides the protocol, so a demo operator or a
 * Playwright test can place a card, pull it mid-read, silence the reader or run the printer out of paper. They
 * need pairing like every method, and do not exist without --simulate.
 */
import { z } from 'zod'
import { DEMO_BANK_CARD } from '../../src/devices/simulatedBankCard'
import type { ExtraMethods } from '../rpc'
import type { BankCardSimulator } from './bankCardSimulator'
import { DEMO_CARDS, DEMO_SOCIAL_CARD, type DemoCardName } from './demoCards'
import type { EscposPrinterSimulator } from './escposPrinterSimulator'
import type { QrReaderSimulator } from './qrReaderSimulator'
import type { SamReaderSimulator } from './samReaderSimulator'
import type { SocialCardSimulator } from './socialCardSimulator'

/** The simulated devices the controls act on; a missing one has no controls. */
export interface Simulators {
  reader?: SamReaderSimulator
  printer?: EscposPrinterSimulator
  qrReader?: QrReaderSimulator
  socialCardReader?: SocialCardSimulator
  bankCardReader?: BankCardSimulator
}

/** A control that acts and answers `{ done: true }`. */
function control<S extends z.ZodType>(params: S, act: (params: z.infer<S>) => void): ExtraMethods[string] {
  return {
    params,
    handle: async (raw) => {
      act(raw as z.infer<S>)
      return { done: true }
    },
  }
}

const none = z.object({}).strict()

/** The controls for the given simulators. */
export function simulatorControls(sims: Simulators): ExtraMethods {
  const methods: ExtraMethods = {}
  const { reader } = sims
  if (reader) {
    const cards = Object.keys(DEMO_CARDS) as [DemoCardName, ...DemoCardName[]]
    methods['sim.placeCard'] = control(z.object({ card: z.enum(cards) }).strict(), ({ card }) =>
      reader.placeCard(DEMO_CARDS[card]),
    )
    methods['sim.removeCard'] = control(none, () => reader.removeCard())
    methods['sim.loseCardOnNextRead'] = control(none, () => reader.loseCardOnNextRead())
    methods['sim.setReaderSilent'] = control(z.object({ silent: z.boolean() }).strict(), ({ silent }) =>
      reader.setSilent(silent),
    )
    methods['sim.corruptChecksums'] = control(
      z.object({ count: z.number().int().min(0).max(100) }).strict(),
      ({ count }) => reader.corruptChecksums(count),
    )
  }
  const { printer } = sims
  if (printer) {
    // null: a full roll again.
    methods['sim.setPaperLines'] = control(
      z.object({ lines: z.number().int().min(0).nullable() }).strict(),
      ({ lines }) => printer.setPaperLines(lines ?? Number.POSITIVE_INFINITY),
    )
    methods['sim.setPaperLow'] = control(z.object({ low: z.boolean() }).strict(), ({ low }) =>
      printer.setPaperLow(low),
    )
    methods['sim.setCoverOpen'] = control(z.object({ open: z.boolean() }).strict(), ({ open }) =>
      printer.setCoverOpen(open),
    )
    methods['sim.receipts'] = { params: none, handle: async () => printer.receipts() }
    methods['sim.printerLastByteAt'] = { params: none, handle: async () => ({ at: printer.lastByteAt() }) }
  }
  const { qrReader } = sims
  if (qrReader) {
    methods['sim.showQr'] = {
      params: z.object({ text: z.string().min(1).max(2000) }).strict(),
      handle: async (raw) => {
        await qrReader.show((raw as { text: string }).text)
        return { done: true }
      },
    }
  }
  const { socialCardReader } = sims
  if (socialCardReader) {
    methods['sim.insertSocialCard'] = control(none, () => socialCardReader.insert(DEMO_SOCIAL_CARD))
    methods['sim.removeSocialCard'] = control(none, () => socialCardReader.remove())
  }
  const { bankCardReader } = sims
  if (bankCardReader) {
    methods['sim.insertBankCard'] = control(none, () => bankCardReader.insert(DEMO_BANK_CARD.cardNumber))
    methods['sim.removeBankCard'] = control(none, () => bankCardReader.remove())
    methods['sim.pullBankCardMidRead'] = control(none, () => bankCardReader.pullOnNextApdu())
  }
  return methods
}
