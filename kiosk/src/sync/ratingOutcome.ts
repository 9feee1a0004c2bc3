/**
 * What a refused rating means for the resident and for the queue, read from the contract's codes once:
 * 404 `case_not_ratable` (unknown, already rated or another terminal's case: the backend will not say which)
 * and 403 `grant_expired` (the lookup by ID's grant ran out: look the case up again).
 */
import type { BackendError } from './backendClient'
import type { CaseRatingOutcome } from './terminalBridge'

/** The outcome of a rating the backend refused for good. */
export function ratingFailure(error: BackendError): CaseRatingOutcome {
  if (error.status === 404 && error.code === 'case_not_ratable') return 'notRatable'
  if (error.status === 403 && error.code === 'grant_expired') return 'grantExpired'
  return 'failed'
}
