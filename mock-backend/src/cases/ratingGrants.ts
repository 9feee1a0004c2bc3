/**
 * Rating grants: a lookup by ID number lets the asking terminal rate the resident's cases for a short while,
 * even though another terminal took them. A grant is signed, not stored: `expiresAtMs.signature`, where the
 * signature (keyed with a subkey of the fingerprint key, outside the database) covers the case, the terminal
 * and the expiry. So it cannot be forged, moved to another case or terminal, or stretched, and it survives a
 * restart without a table to clean up.
 */
import { timingSafeEqual } from 'node:crypto'
import type { Fingerprints } from '../privacy/fingerprints'

/** How long a grant from a lookup by ID number lets a terminal rate: long enough to read and rate, no more. */
export const RATING_GRANT_TTL_MS = 15 * 60_000

/** What a presented grant is worth for one case and terminal. */
export type GrantCheck = 'valid' | 'expired' | 'invalid'

/** Issues and checks grants on one clock. */
export class RatingGrants {
  constructor(
    private readonly fingerprints: Fingerprints,
    private readonly now: () => Date,
  ) {}

  /** A grant for this terminal to rate this case until now + RATING_GRANT_TTL_MS. */
  issue(transactionKey: string, terminalId: string): { token: string; expiresAt: string } {
    const expiresAtMs = this.now().getTime() + RATING_GRANT_TTL_MS
    return {
      token: `${expiresAtMs}.${this.sign(transactionKey, terminalId, expiresAtMs)}`,
      expiresAt: new Date(expiresAtMs).toISOString(),
    }
  }

  /** Whether `token` was issued for this case and terminal ('invalid' for anything else), and is still fresh. */
  check(token: string, transactionKey: string, terminalId: string): GrantCheck {
    const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token)
    if (!match) return 'invalid'
    const expiresAtMs = Number(match[1])
    const given = Buffer.from(match[2] ?? '')
    const expected = Buffer.from(this.sign(transactionKey, terminalId, expiresAtMs))
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid'
    return this.now().getTime() < expiresAtMs ? 'valid' : 'expired'
  }

  private sign(transactionKey: string, terminalId: string, expiresAtMs: number): string {
    return this.fingerprints.grant(`${transactionKey}\u0000${terminalId}\u0000${expiresAtMs}`)
  }
}
