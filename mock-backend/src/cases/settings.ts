/**
 * Case settings and the case clock, built from the config (CASE_*, DEPT_SEED and FAKE_NOW are read in
 * config.ts): how many cases the simulated departments finish late or refuse, the warning threshold, and the
 * clock end-to-end tests move to a chosen day.
 */
import type { CaseRates } from '../config'

/** Tunables of the case simulation and supervision. */
export interface CaseSettings extends CaseRates {
  /** DEPT_SEED: case histories are deterministic in it. */
  seed: string
  /** Working days a 差评 follow-up may take (15, the national rule). */
  followUpDays: number
}

/** Working days a 差评 follow-up may take, the national rule. */
export const FOLLOW_UP_DAYS = 15

/**
 * Case lookups (by number or by ID) one terminal may make per minute. A resident who mistypes a number
 * a few times stays far below it; a script walking through case numbers does not.
 */
export const CASE_LOOKUPS_PER_MINUTE = 20

/** The case settings of a server: the config's CASE_* rates, its DEPT_SEED and the national follow-up rule. */
export function caseSettings(rates: CaseRates, seed: string): CaseSettings {
  return { seed, ...rates, followUpDays: FOLLOW_UP_DAYS }
}

/**
 * The clock of the case module. With FAKE_NOW (epoch ms) it starts at that instant and then runs at normal
 * speed, so e2e tests see a chosen day without waiting; otherwise it is `realNow`.
 */
export function caseClock(fakeNow: number | undefined, realNow: () => Date): () => Date {
  if (fakeNow === undefined) return realNow
  const offset = fakeNow - realNow().getTime()
  return () => new Date(realNow().getTime() + offset)
}
