/**
 * Staff-side shapes of the counter quarantine (`GET /api/ops/counter-quarantine`) and of the admin's reset of
 * one terminal's day (`POST /api/admin/terminals/:id/counter-reset`). Counters carry no personal data.
 */

/** One quarantined counter: the largest out-of-bound value a terminal pushed for (day, item, metric). */
export interface QuarantinedCounter {
  terminalId: string
  terminalName: string
  day: string
  /** `''` for the session counter. */
  itemCode: string
  metric: string
  value: number
  /** How many pushes were quarantined, and the first and last time (ISO). */
  times: number
  firstAt: string
  lastAt: string
}

/** The quarantine, newest first. */
export interface CounterQuarantineAnswer {
  rows: QuarantinedCounter[]
}

/** Body of the reset: the terminal's day whose counters start again from zero. */
export interface CounterResetRequest {
  day: string
}

/** What the reset did: counters zeroed, floors stored, quarantine rows cleared. */
export interface CounterResetAnswer {
  terminalId: string
  day: string
  reset: number
  floors: number
  cleared: number
}
