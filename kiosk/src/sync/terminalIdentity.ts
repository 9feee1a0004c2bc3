/**
 * Who this terminal is: the identity stored in IndexedDB, the demo enrolment (loopback, DEMO_TERMINAL=on only), the
 * enrolment with an admin's one-time code and with the `?enrol=` link. The backend client reads the token from here.
 */

import type { EnrolAnswer } from '../../../mock-backend/src/contract'
import type { DbConnection, KioskDatabase, TerminalIdentity } from '../storage/db'
import { getMeta, setMeta } from '../storage/db'

/** The query parameter of the one-time enrol link `npm start` prints (`/?enrol=CODE`). */
export const ENROL_LINK_PARAM = 'enrol'

/**
 * The enrol code of the address the kiosk was opened with, removed from the address bar at once (a used code is
 * worthless, and a reload must not try it again); null when there is none.
 */
export function takeEnrolLinkCode(): string | null {
  if (typeof window === 'undefined') return null
  const url = new URL(window.location.href)
  const code = url.searchParams.get(ENROL_LINK_PARAM)?.trim()
  if (code === undefined) return null
  url.searchParams.delete(ENROL_LINK_PARAM)
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
  return code || null
}

/** The terminal's identity and how it is obtained. */
export interface TerminalIdentityHolder {
  /** The identity in use, or null while unenrolled. */
  current(): TerminalIdentity | null
  /** Reads the stored identity (at start). */
  load(db: KioskDatabase): Promise<TerminalIdentity | null>
  /** Enrols as the demo terminal unless already enrolled. */
  ensure(): Promise<TerminalIdentity>
  /**
   * Takes up an enrolment's answer: its settings first, then its identity, so the terminal never acts under a
   * new identity with the old one's PIN and idle rules.
   */
  adopt(answer: EnrolAnswer): Promise<TerminalIdentity>
}

/**
 * Creates the holder; `demoEnrol` asks the backend for the demo identity, `adoptSettings` takes up the settings an
 * enrolment answered.
 */
export function createTerminalIdentity(
  connection: DbConnection,
  demoEnrol: () => Promise<EnrolAnswer>,
  adoptSettings: (settings: EnrolAnswer['settings']) => Promise<void>,
): TerminalIdentityHolder {
  let identity: TerminalIdentity | null = null
  const holder: TerminalIdentityHolder = {
    current: () => identity,
    async load(db) {
      identity = (await getMeta(db, 'identity')) ?? null
      return identity
    },
    async adopt(answer) {
      await adoptSettings(answer.settings)
      const next = { terminalId: answer.terminalId, token: answer.token, name: answer.name }
      await setMeta(await connection.get(), 'identity', next)
      identity = next
      return next
    },
    async ensure() {
      return identity ?? holder.adopt(await demoEnrol())
    },
  }
  return holder
}
