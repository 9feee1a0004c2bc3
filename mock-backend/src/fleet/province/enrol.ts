/**
 * Enrols the province's terminals in bulk through the backend's own Storage, not over HTTP. Over HTTP each
 * terminal costs an admin create (with its audit row), an enrol-code exchange, and two round trips: 40,000
 * requests that are not the load being measured, and minutes of set-up at 20,000 terminals. The store path writes
 * what those routes write (the terminal row, the hash of a fresh random key, the enrolment instant), one insert per
 * terminal; a terminal already there from an earlier run gets a new key instead (a virtual terminal keeps none).
 */
import { hashSecret, newToken } from '../../auth/tokens'
import { DEMO_DISTRICT_CODE } from '../../contract/divisions'
import type { Storage } from '../../db/storage'
import { GUANGDONG_COUNTIES } from '../../divisions/guangdongCounties'
import type { TerminalSite } from '../year/places'

/** Store calls in flight while enrolling (the PostgreSQL pool has 10 connections; SQLite runs them in turn). */
const ENROL_PARALLEL = 6

/** The id the province's terminal number `index` is stored under. */
export function provinceTerminalId(index: number): string {
  return `T-GD-${String(index + 1).padStart(5, '0')}`
}

/** Enrols `sites` (index = terminal number) at instant `at`; answers each terminal's bearer key, in order. */
export async function enrolInBulk(
  store: Storage,
  sites: readonly TerminalSite[],
  at: string,
): Promise<string[]> {
  // The districts and counties the sites stand in (a stored name is kept; the start set has the cities).
  await store.addDivisions(GUANGDONG_COUNTIES)
  const existing = new Set((await store.listTerminals()).map((t) => t.id))
  const tokens = sites.map(() => newToken())
  let next = 0
  const lane = async () => {
    for (let i = next++; i < sites.length; i = next++) {
      const id = provinceTerminalId(i)
      const tokenHash = hashSecret(tokens[i]!)
      if (existing.has(id)) await store.setTerminalToken(id, tokenHash, at)
      else
        await store.insertTerminal({
          id,
          name: sites[i]!.name,
          location: sites[i]!.location,
          groups: [],
          districtCode: sites[i]!.districtCode ?? DEMO_DISTRICT_CODE,
          tokenHash,
          codeHash: null,
          codeExpiresAt: null,
          now: at,
        })
    }
  }
  await Promise.all(Array.from({ length: ENROL_PARALLEL }, lane))
  return tokens
}
