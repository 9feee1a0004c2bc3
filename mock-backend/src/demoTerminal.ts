/**
 * The demo terminal T-DEMO-0001 across restarts. Every start gives it a fresh one-time enrol code (the link
 * `npm start` prints). Only with DEMO_TERMINAL=on does it also get a standing key that `POST
 * /api/terminals/demo-enrol` hands to browsers on this machine; that key is kept sealed with the fingerprint key,
 * so a copy of the database alone cannot replay it. Starting without DEMO_TERMINAL=on revokes that key.
 */
import { DEMO_LINK_TTL_MS } from './auth/terminalKeys'
import { hashSecret, newEnrolCode, newToken } from './auth/tokens'
import type { Store } from './db/store'
import { type Fingerprints, isSealed } from './privacy/fingerprints'

/** The seeded demo terminal's id. */
export const DEMO_TERMINAL_ID = 'T-DEMO-0001'
/** Settings key holding the demo terminal's standing key, sealed (privacy/fingerprints.ts). */
export const DEMO_TOKEN_SETTING = 'demo_terminal_token'

/** The standing demo key, or undefined when there is none (demo off, or a setting no key can open). */
export function openDemoToken(store: Store, fingerprints: Fingerprints): string | undefined {
  const stored = store.getSetting(DEMO_TOKEN_SETTING)
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
export function prepareDemoTerminal(
  store: Store,
  fingerprints: Fingerprints,
  demoOn: boolean,
  nowMs: number,
): string {
  const at = new Date(nowMs).toISOString()
  return store.transaction(() => {
    if (!store.getTerminal(DEMO_TERMINAL_ID)) {
      store.insertTerminal({
        id: DEMO_TERMINAL_ID,
        name: '演示终端',
        location: '区政务服务中心一楼大厅',
        groups: ['town-centre'],
        tokenHash: null,
        codeHash: null,
        codeExpiresAt: null,
        now: at,
      })
    }
    const stored = store.getSetting(DEMO_TOKEN_SETTING)
    const standing = stored && !isSealed(stored) ? stored : openDemoToken(store, fingerprints)
    const holder = standing ? store.terminalByTokenHash(hashSecret(standing)) : undefined
    const holdsStanding = holder?.id === DEMO_TERMINAL_ID
    if (demoOn && (!standing || !isSealed(stored ?? ''))) {
      const token = newToken()
      store.putSetting(DEMO_TOKEN_SETTING, fingerprints.seal(token))
      const demo = store.getTerminal(DEMO_TERMINAL_ID)
      // A key given by a code (the link, a rotate) stays; an unenrolled, revoked or clear-text one is replaced.
      if (!demo?.enrolled || demo.revokedAt !== null || holdsStanding)
        store.setTerminalToken(DEMO_TERMINAL_ID, hashSecret(token), at)
    }
    if (!demoOn && stored !== undefined) {
      if (holdsStanding) store.revokeTerminal(DEMO_TERMINAL_ID, at)
      store.deleteSetting(DEMO_TOKEN_SETTING)
    }
    const code = newEnrolCode()
    store.setEnrolCode(DEMO_TERMINAL_ID, hashSecret(code), nowMs + DEMO_LINK_TTL_MS)
    return code
  })
}
