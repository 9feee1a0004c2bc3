/** Turns any failure of a staff API call into one sentence in the console's language. */

import type { CommonMessages } from './commonMessages'
import { ApiError } from './staffClient'

/** Explains an error for staff: network, session, permission, rate limit or the server's own message. */
export function errorText(error: unknown, m: CommonMessages): string {
  if (!(error instanceof ApiError))
    return m.serverError(error instanceof Error ? error.message : String(error))
  if (error.status === 0) return m.networkError
  if (error.status === 401) return m.sessionExpired
  if (error.status === 403) return m.forbidden
  if (error.status === 429) return m.tooManyAttempts(error.retryAfterSec ?? 60)
  return m.serverError(error.message)
}
