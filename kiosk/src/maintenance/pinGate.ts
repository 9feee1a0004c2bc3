/**
 * The maintenance PIN gate over the terminal's cached settings: whether a PIN may be typed, and the check that
 * counts a wrong one towards the lockout (`pinLockout.ts`, kept in IndexedDB `meta` so a reload does not reset
 * it). Loaded with the maintenance screen, not in the entry a terminal boots with.
 */
import type { TerminalSettings } from '../../../mock-backend/src/contract'
import type { DbConnection } from '../storage/db'
import { getMeta, setMeta } from '../storage/db'
import { afterWrongPin, NO_LOCKOUT, remainingLockMs, triesBeforeLock } from './pinLockout'

/** What a PIN attempt (or a look at the keypad) gives. */
export type PinCheck =
  /** Correct: maintenance is unlocked and the wrong count cleared. */
  | { state: 'ok' }
  /** Wrong: this many more wrong PINs may be typed before the keypad locks. */
  | { state: 'wrong'; triesLeft: number }
  /** Locked until this epoch ms (shown as a countdown); nothing typed is checked meanwhile. */
  | { state: 'locked'; until: number }
  /** No PIN was set for this terminal yet: only an admin can open maintenance (by setting one). */
  | { state: 'noPin' }
  /** Ready for a PIN (the answer of `pinState` when nothing is locked). */
  | { state: 'ready'; triesLeft: number }

/** The gate's two questions. */
export interface PinGate {
  /** Whether a PIN may be typed now. */
  pinState(): Promise<PinCheck>
  /** Checks a typed PIN, counting a wrong one towards the lockout. */
  checkPin(pin: string): Promise<PinCheck>
}

/** The gate over `settings` (the cached settings in use); `now` is the clock of the lockout. */
export function createPinGate(
  connection: DbConnection,
  settings: () => TerminalSettings | null,
  now: () => Date,
): PinGate {
  const lockout = async () => (await getMeta(await connection.get(), 'pinLockout')) ?? NO_LOCKOUT

  const gate = async (): Promise<PinCheck> => {
    const pin = settings()?.pin
    if (!pin) return { state: 'noPin' }
    const state = await lockout()
    if (remainingLockMs(state, now().getTime()) > 0) return { state: 'locked', until: state.lockedUntil }
    return { state: 'ready', triesLeft: triesBeforeLock(state) }
  }

  return {
    pinState: gate,
    async checkPin(pin) {
      const open = await gate()
      const hash = settings()?.pin
      if (open.state !== 'ready' || !hash) return open
      const db = await connection.get()
      const { pinMatchesHash } = await import('./pinCheck')
      if (await pinMatchesHash(pin, hash)) {
        await setMeta(db, 'pinLockout', NO_LOCKOUT)
        return { state: 'ok' }
      }
      const next = afterWrongPin(await lockout(), now().getTime())
      await setMeta(db, 'pinLockout', next)
      return next.lockedUntil > 0
        ? { state: 'locked', until: next.lockedUntil }
        : { state: 'wrong', triesLeft: triesBeforeLock(next) }
    },
  }
}
