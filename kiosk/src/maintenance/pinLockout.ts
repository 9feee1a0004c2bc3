/**
 * The maintenance PIN's lockout: after FREE_TRIES wrong PINs each further wrong one locks the keypad for a
 * delay that doubles from FIRST_DELAY_MS up to MAX_DELAY_MS. A correct PIN clears it. Pure functions over a
 * small record the terminal keeps in IndexedDB `meta`, so a reload does not reset the count.
 */

/** Wrong PINs allowed before the first lock. */
export const FREE_TRIES = 5
/** The first lock (after the 5th wrong PIN). */
export const FIRST_DELAY_MS = 30_000
/** The longest lock: 30 s, 60 s, 120 s … doubles up to this. */
export const MAX_DELAY_MS = 30 * 60_000

/** Wrong PINs since the last correct one, and until when the keypad is locked (epoch ms, 0: not locked). */
export interface PinLockout {
  failures: number
  lockedUntil: number
}

/** No wrong PIN yet. */
export const NO_LOCKOUT: PinLockout = { failures: 0, lockedUntil: 0 }

/** How long the lock after the `failures`-th wrong PIN lasts (0 while under FREE_TRIES). */
export function lockDelayMs(failures: number): number {
  if (failures < FREE_TRIES) return 0
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_TRIES))
}

/** The lockout after one more wrong PIN at `nowMs`. */
export function afterWrongPin(state: PinLockout, nowMs: number): PinLockout {
  const failures = state.failures + 1
  const delay = lockDelayMs(failures)
  return { failures, lockedUntil: delay > 0 ? nowMs + delay : 0 }
}

/** Milliseconds the keypad stays locked from `nowMs` (0: a PIN may be typed). */
export function remainingLockMs(state: PinLockout, nowMs: number): number {
  return Math.max(0, state.lockedUntil - nowMs)
}

/** Wrong PINs that may still be typed before one locks the keypad (0: the next wrong one locks it). */
export function triesBeforeLock(state: PinLockout): number {
  return Math.max(0, FREE_TRIES - 1 - state.failures)
}
