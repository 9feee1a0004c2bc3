/**
 * Maintenance PINs: the backend keeps only a PBKDF2-HMAC-SHA-256 hash and hands that hash to the terminal,
 * which checks a typed PIN offline with WebCrypto (kiosk/src/maintenance/pinCheck.ts) over the same
 * parameters. The PIN's form is checked here once, for the admin API and DEMO_PIN alike.
 */
import { pbkdf2, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import { PIN_DIGITS, PIN_PBKDF2_ITERATIONS, type PinHash } from '../contract'

const pbkdf2Async = promisify(pbkdf2)
const SALT_BYTES = 16
const HASH_BYTES = 32

/** Whether a PIN has its form: PIN_DIGITS.min to PIN_DIGITS.max digits, nothing else. */
export function isWellFormedPin(pin: string): boolean {
  return pin.length >= PIN_DIGITS.min && pin.length <= PIN_DIGITS.max && /^\d+$/.test(pin)
}
/** The message a PIN of the wrong form gets, naming the rule. */
export const PIN_FORM_MESSAGE = `pin must be ${PIN_DIGITS.min} to ${PIN_DIGITS.max} digits`

async function derive(pin: string, salt: string, iterations: number): Promise<Buffer> {
  return pbkdf2Async(pin, Buffer.from(salt, 'hex'), iterations, HASH_BYTES, 'sha256')
}

/** Hashes a PIN with a fresh salt at today's iteration count (off the event loop). */
export async function hashPin(pin: string): Promise<PinHash> {
  const salt = randomBytes(SALT_BYTES).toString('hex')
  const hash = await derive(pin, salt, PIN_PBKDF2_ITERATIONS)
  return { salt, iterations: PIN_PBKDF2_ITERATIONS, hash: hash.toString('hex') }
}

/** Whether `pin` matches a stored hash (seed uses it to keep DEMO_PIN's hash when it did not change). */
export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const hash = await derive(pin, stored.salt, stored.iterations)
  return timingSafeEqual(hash, Buffer.from(stored.hash, 'hex'))
}

/** A random PIN of PIN_DIGITS.min digits, for a demo terminal started without DEMO_PIN (printed once). */
export function generatePin(): string {
  let pin = ''
  for (let i = 0; i < PIN_DIGITS.min; i++) pin += String(randomInt(10))
  return pin
}
