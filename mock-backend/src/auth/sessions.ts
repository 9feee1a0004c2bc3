/**
 * Staff sessions behind one interface (db/storage.ts SessionStorage), so another store (the mobile pages of #15, a shared database for several
 * backends) can hold them. Invariants, with their reasons:
 * - A session names only its user; role and scope are read from the account on every request, so a demotion, a
 *   scope change or a disabled account takes effect at once instead of when the session expires.
 * - A session of a disabled account is never found, even before its rows are deleted.
 * - A password change ends the user's other sessions (a thief's session dies with the old password); the hash
 *   upgrade at login is not a change and ends nothing (StaffAccounts.rehashPassword).
 */
import type { StaffRole } from '../contract'

/** What a new session stores: the token is kept only as its hash. */
export interface NewSession {
  username: string
  csrfToken: string
  expiresAt: number
}

/** A live session, with its account's current role, scope and division. */
export interface LiveSession extends NewSession {
  role: StaffRole
  scope: string[]
  orgCode: string
}
