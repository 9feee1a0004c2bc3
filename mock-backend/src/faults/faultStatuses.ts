/**
 * What an injected ingest fault may look like, apart from the switch itself, so the config can check
 * INGEST_FAIL_* without importing the HTTP error types.
 */

/** Statuses a fault may answer with: the ones a terminal must treat as "try again later". */
export const FAULT_STATUSES = [408, 429, 500, 502, 503, 504] as const
/** One of FAULT_STATUSES. */
export type FaultStatus = (typeof FAULT_STATUSES)[number]
/** 'before': nothing is stored. 'after': the batch is stored, then the answer is replaced by the error. */
export type FaultMoment = 'before' | 'after'
