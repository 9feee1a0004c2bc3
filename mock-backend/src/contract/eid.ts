/**
 * The 电子身份证 (粤省事 QR) identification as terminals and ops see it: the code's lifetime, the outcomes an
 * attempt is counted under, and the answers. The code itself is a JWS (identity/eidCode.ts) and is never stored,
 * logged or counted; only its token id is kept until it expires, so it identifies once.
 */
import { GET, POST } from './routes'

/** How long an issued code identifies, in seconds (the phone shows a fresh one after it). */
export const EID_CODE_TTL_S = 60
/** A code whose claimed lifetime is longer than this is refused as forged: no issuer hands out long-lived codes. */
export const EID_CODE_MAX_TTL_S = 120
/** The longest code text a terminal may send (a compact ES256 JWS of our claims is about 400 characters). */
export const EID_CODE_MAX_LENGTH = 2048

/** What became of one presented code: counted per day, district and outcome for ops. */
export const EID_OUTCOMES = ['accepted', 'forged', 'expired', 'replayed'] as const
export type EidOutcome = (typeof EID_OUTCOMES)[number]

/** The error codes of a refused code, one per outcome but `accepted`. */
export const EID_ERRORS = {
  forged: 'eid_forged',
  expired: 'eid_expired',
  replayed: 'eid_replayed',
} as const satisfies Record<Exclude<EidOutcome, 'accepted'>, string>

/** A terminal presents a code it read. */
export interface EidRequest {
  code: string
}

/** The resident a code identified, as a card read would: the kiosk masks both on screen. */
export interface EidIdentity {
  idNumber: string
  name: string
}

/** The demo issuer's answer: a fresh code for the demo resident. */
export interface EidDemoCode {
  code: string
}

/** One day's attempts in one district, by outcome. */
export interface EidAttemptRow {
  day: string
  districtCode: string
  outcome: EidOutcome
  count: number
}

/** GET /api/ops/eid-attempts. */
export interface EidAttemptsAnswer {
  rows: EidAttemptRow[]
}

// The routes live here, not in routes.ts, so only the kiosk's lazy identification code carries their paths.

/** The 电子身份证 routes: a terminal presents a code; the demo terminal asks the mock issuer for one; ops count. */
export const EID_ROUTES = {
  identify: POST<EidRequest, EidIdentity>()('/api/terminal/identify/eid'),
  demoCode: POST<Record<string, never>, EidDemoCode>()('/api/terminal/identify/eid/demo-code'),
  attempts: GET<EidAttemptsAnswer, { from: string; to: string }>()('/api/ops/eid-attempts'),
} as const
