/**
 * The demo terminal T-DEMO-0001 across restarts. Every start gives it a fresh one-time enrol code (the link
 * `npm start` prints). Only with DEMO_TERMINAL=on does it also get a standing key that `POST
 * /api/terminals/demo-enrol` hands to browsers on this machine; that key is kept sealed with the fingerprint key,
 * so a copy of the database alone cannot replay it. Starting without DEMO_TERMINAL=on revokes that key.
 */
import { DEMO_LINK_TTL_MS } from './auth/terminalKeys'
import { hashSecret, newEnrolCode, newToken } from './auth/tokens'
import { DEMO_TERMINAL_ID } from './contract/constants'
import { DEMO_DISTRICT_CODE } from './contract/divisions'
import type { Storage } from './db/storage'
import type { DemoTerminalWrites } from './db/unitsOfWork'
import { type Fingerprints, isSealed } from './privacy/fingerprints'

/** The terminal groups the demo terminal is in (the items of a town centre), for benches that submit as it. */
export const DEMO_TERMINAL_GROUPS = ['town-centre'] as const

/** The seeded demo terminal's id (defined in the contract: the kiosk needs it too). */
export { DEMO_TERMINAL_ID }
/** Settings key holding the demo terminal's standing key, sealed (privacy/fingerprints.ts). */
export const DEMO_TOKEN_SETTING = 'demo_terminal_token'

/** The standing demo key, or undefined when there is none (demo off, or a setting no key can open). */
export async function openDemoToken(store: Storage, fingerprints: Fingerprints): Promise<string | undefined> {
  return openStoredToken(await store.getSetting(DEMO_TOKEN_SETTING), fingerprints)
}

/** The standing key a setting value holds, or undefined (none, in the clear, or no key can open it). */
function openStoredToken(stored: string | undefined, fingerprints: Fingerprints): string | undefined {
  if (!stored || !isSealed(stored)) return undefined
  try {
    return fingerprints.open(stored)
  } catch {
    return undefined
  }
}

/**
 * Brings the demo terminal in line with this start's DEMO_TERMINAL and returns its one-time enrol code, valid
 * DEMO_LINK_TTL_MS from `nowMs`. A key stored in the clear by an older version is never kept: with the demo on it
 * is replaced, with it off it is revoked.
 */
export async function prepareDemoTerminal(
  store: Storage,
  fingerprints: Fingerprints,
  demoOn: boolean,
  nowMs: number,
): Promise<string> {
  const at = new Date(nowMs).toISOString()
  const code = newEnrolCode()
  /** The standing key a setting holds; a clear-text one (an older version) counts, to be replaced or revoked. */
  const standingOf = (stored: string | undefined) =>
    stored && !isSealed(stored) ? stored : openStoredToken(stored, fingerprints)
  await store.prepareDemoTerminal({
    terminal: {
      id: DEMO_TERMINAL_ID,
      name: '演示终端',
      location: '区政务服务中心一楼大厅',
      groups: [...DEMO_TERMINAL_GROUPS],
      districtCode: DEMO_DISTRICT_CODE,
      tokenHash: null,
      codeHash: null,
      codeExpiresAt: null,
      now: at,
    },
    settingKey: DEMO_TOKEN_SETTING,
    standingHash: (stored) => {
      const standing = standingOf(stored)
      return standing ? hashSecret(standing) : undefined
    },
    decide: ({ stored, terminal: demo, holderId }) => {
      const standing = standingOf(stored)
      const holdsStanding = holderId === DEMO_TERMINAL_ID
      const writes: DemoTerminalWrites = {
        enrolCode: { hash: hashSecret(code), expiresAt: nowMs + DEMO_LINK_TTL_MS },
      }
      if (demoOn && (!standing || !isSealed(stored ?? ''))) {
        const token = newToken()
        writes.setting = fingerprints.seal(token)
        // A key given by a code (the link, a rotate) stays; an unenrolled, revoked or clear-text one is replaced.
        if (!demo.enrolled || demo.revokedAt !== null || holdsStanding) writes.tokenHash = hashSecret(token)
      }
      if (!demoOn && stored !== undefined) {
        if (holdsStanding) writes.revoke = true
        writes.setting = null
      }
      return writes
    },
  })
  return code
}
