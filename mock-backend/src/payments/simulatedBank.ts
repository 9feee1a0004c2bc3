/**
 * The simulated card-issuing bank behind the gateway's card route: it checks a bank card's PIN and counts the
 * wrong ones per card (CARD_PIN_TRIES, then blocked), like a real issuer. Every demo card's PIN is DEMO_CARD_PIN.
 * The count sits in an AttemptCounter (in memory on one node, shared through the store when several nodes share
 * it), keyed by a hash of the card number so no card number is kept; the PIN is compared and forgotten.
 */
import { createHash } from 'node:crypto'
import type { AttemptCounter } from '../auth/rateLimit'
import { CARD_PIN_TRIES } from '../contract/paymentRules'

/** The PIN the simulated bank accepts for every card (the kiosk's and the agent's simulated cards say so). */
export const DEMO_CARD_PIN = '123456'

/** The bank's verdict on one PIN. */
export type PinVerdict =
  | { ok: true }
  | { ok: false; blocked: false; triesLeft: number }
  | { ok: false; blocked: true }

/** The key of a card's wrong-PIN count: a hash, so the counter never holds a card number. */
const cardKey = (cardNumber: string) =>
  `card:${createHash('sha256').update(cardNumber).digest('hex').slice(0, 32)}`

/** Checks a card's PIN against the demo PIN and the card's wrong tries so far (built in createAppDeps). */
export class SimulatedBank {
  constructor(private readonly wrongPins: AttemptCounter) {}

  /** Whether the card's wrong tries have blocked it already (a blocked card refuses even the right PIN). */
  async blocked(cardNumber: string): Promise<boolean> {
    return (await this.wrongPins.count(cardKey(cardNumber))) >= CARD_PIN_TRIES
  }

  /** The verdict on `pin`: a wrong one is counted; the right one clears the card's count. */
  async verify(cardNumber: string, pin: string): Promise<PinVerdict> {
    const key = cardKey(cardNumber)
    if (await this.blocked(cardNumber)) return { ok: false, blocked: true }
    if (pin !== DEMO_CARD_PIN) {
      // take() refuses at the limit, which blocked() above already answered; count after it either way.
      await this.wrongPins.take(key)
      const left = CARD_PIN_TRIES - (await this.wrongPins.count(key))
      return left > 0 ? { ok: false, blocked: false, triesLeft: left } : { ok: false, blocked: true }
    }
    for (let n = await this.wrongPins.count(key); n > 0; n--) await this.wrongPins.release(key)
    return { ok: true }
  }
}
