/**
 * What the kiosk's call needs to handle "nobody answers": the terminal's 帮办 settings, the item on screen and
 * where a call-back goes; whether the centre can be reached at all now (out of hours, offline), and the kiosk's
 * own ring-out timer (the backend ends the call at the same timeout; this one covers a backend that does not).
 */
import { type HelpSettings, isOpenAt } from '../../../mock-backend/src/contract/helpDeskRules'
import type { NoAnswerReason } from './NoAnswer'

/** Seconds the kiosk waits beyond the backend's timeout before it gives up by itself. */
const KIOSK_GRACE_SECONDS = 5

/** The call's no-answer setup, given by the page. */
export interface NoAnswerSetup {
  /** From the terminal's settings; undefined from a backend before #16 (then the default timeout applies there). */
  help: HelpSettings | undefined
  itemCode: string | null
  /** Queues a resident's call-back (the number is checked already); resolves once it is durably stored. */
  onCallback: (phone: string) => Promise<void>
}

/** Why the kiosk should not ring now, or null when it may. */
export function reachability(help: HelpSettings | undefined, now: Date): NoAnswerReason | null {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'offline'
  if (help?.contact && !isOpenAt(help.contact.hours, now)) return 'closed'
  return null
}

/** Starts the kiosk's ring-out timer (none without settings): `onRangOut` after the timeout and a grace. */
export function ringOut(
  setup: NoAnswerSetup | undefined,
  onRangOut: () => void,
): ReturnType<typeof setTimeout> | undefined {
  if (!setup?.help) return undefined
  return setTimeout(onRangOut, (setup.help.noAnswerSeconds + KIOSK_GRACE_SECONDS) * 1000)
}
