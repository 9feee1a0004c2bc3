/**
 * Case settings and the case clock, read once from the environment: how many cases the simulated
 * departments finish late or refuse, the warning threshold, and FAKE_NOW for end-to-end tests.
 */

/** Tunables of the case simulation and supervision. */
export interface CaseSettings {
  /** DEPT_SEED: case histories are deterministic in it. */
  seed: string
  /** CASE_LATE_RATE (0–1, default 0.05): share of cases finished after their deadline. */
  lateRate: number
  /** CASE_REFUSE_RATE (0–1, default 0.02): share of cases the department refuses (不予受理). */
  refuseRate: number
  /** CASE_WARN_DAYS (default 1): open cases with this many working days left or fewer are 预警. */
  warnDays: number
  /** Working days a 差评 follow-up may take (15, the national rule). */
  followUpDays: number
}

/** Default share of late cases. */
export const DEFAULT_LATE_RATE = 0.05

function rate(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new Error(`${name} must be a number from 0 to 1, got "${raw}"`)
  return n
}

/** Reads CASE_LATE_RATE, CASE_REFUSE_RATE and CASE_WARN_DAYS; a bad value stops the server with its name. */
export function caseSettingsFromEnv(env: NodeJS.ProcessEnv, seed: string): CaseSettings {
  const warnRaw = env.CASE_WARN_DAYS
  const warnDays = warnRaw === undefined || warnRaw === '' ? 1 : Number(warnRaw)
  if (!Number.isInteger(warnDays) || warnDays < 0 || warnDays > 30) {
    throw new Error(`CASE_WARN_DAYS must be a whole number from 0 to 30, got "${warnRaw}"`)
  }
  return {
    seed,
    lateRate: rate(env, 'CASE_LATE_RATE', DEFAULT_LATE_RATE),
    refuseRate: rate(env, 'CASE_REFUSE_RATE', 0.02),
    warnDays,
    followUpDays: 15,
  }
}

/**
 * The clock of the case module. With FAKE_NOW (ISO 8601 with offset) it starts at that instant and then
 * runs at normal speed, so e2e tests see a chosen day without waiting; otherwise it is `realNow`.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv, realNow: () => Date): () => Date {
  const raw = env.FAKE_NOW
  if (!raw) return realNow
  const start = Date.parse(raw)
  if (!/T/.test(raw) || Number.isNaN(start)) {
    throw new Error(`FAKE_NOW must be an ISO 8601 instant like 2026-11-27T10:00:00+08:00, got "${raw}"`)
  }
  const offset = start - realNow().getTime()
  return () => new Date(realNow().getTime() + offset)
}
