/**
 * Delivers the 好差评 kept while offline (一事一评), after the outbox: a rating is sent only once its
 * case's transaction has left the outbox, so the backend knows the case. Each rating carries its own
 * idempotency key, so a resend after a lost answer is not a second rating. A rating of this terminal's own
 * case needs no grant (the terminal is the grant) and delivers however late; one that rode on a lookup by ID's
 * grant is dropped as `expired` once the backend says the grant ran out, never retried for ever.
 */
import type { KioskDatabase } from '../storage/db'
import {
  dropRating,
  pendingRatings,
  transactionDeadLettered,
  transactionStillQueued,
} from '../storage/pendingRatingStore'
import { BackendError, type CaseClient } from './backendClient'
import { ratingFailure } from './ratingOutcome'

/** What a run did with the waiting ratings (counts only). */
export interface RatingSyncReport {
  sent: number
  /** Refused for good: not ratable (unknown, already rated, not this terminal's), or its transaction dead-lettered. */
  dropped: number
  /** Dropped because the grant of the lookup by ID it needed had expired (403 grant_expired). */
  expired: number
  waiting: number
}

/**
 * Sends every waiting rating whose case exists. Stored (201) or replayed (200) ratings are dropped; so are
 * ones the backend refuses for good (4xx: not ratable, grant expired) or whose transaction was
 * dead-lettered. A network failure, 429 or 5xx rethrows so the sync machine backs off.
 */
export async function sendPendingRatings(
  db: () => Promise<KioskDatabase>,
  client: Pick<CaseClient, 'postRating'>,
  onRated?: (transactionKey: string) => void,
): Promise<RatingSyncReport> {
  const report: RatingSyncReport = { sent: 0, dropped: 0, expired: 0, waiting: 0 }
  for (const rating of await pendingRatings(await db())) {
    const handle = await db()
    if (await transactionStillQueued(handle, rating.transactionKey)) {
      report.waiting += 1
      continue
    }
    if (await transactionDeadLettered(handle, rating.transactionKey)) {
      await dropRating(handle, rating.key)
      report.dropped += 1
      continue
    }
    try {
      await client.postRating({
        transactionKey: rating.transactionKey,
        ...(rating.caseNumber ? { caseNumber: rating.caseNumber } : {}),
        ...(rating.grant ? { grant: rating.grant } : {}),
        level: rating.level,
        key: rating.key,
      })
      report.sent += 1
      onRated?.(rating.transactionKey)
    } catch (error) {
      if (!(error instanceof BackendError) || error.retryable) throw error
      if (ratingFailure(error) === 'grantExpired') report.expired += 1
      else report.dropped += 1
    }
    await dropRating(await db(), rating.key)
  }
  return report
}
