/**
 * Delivers the 好差评 kept while offline (一事一评), after the outbox: a rating is sent only once its
 * case's transaction has left the outbox, so the backend knows the case. Each rating carries its own
 * idempotency key, so a resend after a lost answer is not a second rating.
 */
import type { KioskDatabase } from '../storage/db'
import {
  dropRating,
  pendingRatings,
  transactionDeadLettered,
  transactionStillQueued,
} from '../storage/pendingRatingStore'
import { BackendError, type CaseClient } from './backendClient'

/** What a run did with the waiting ratings (counts only). */
export interface RatingSyncReport {
  sent: number
  dropped: number
  waiting: number
}

/**
 * Sends every waiting rating whose case exists. Stored (201), replayed (200) or already rated (409)
 * ratings are dropped; so are ones the backend refuses for good (4xx) or whose transaction was
 * dead-lettered. A network failure, 429 or 5xx rethrows so the sync machine backs off.
 */
export async function sendPendingRatings(
  db: () => Promise<KioskDatabase>,
  client: Pick<CaseClient, 'postRating'>,
  onRated?: (transactionKey: string) => void,
): Promise<RatingSyncReport> {
  const report: RatingSyncReport = { sent: 0, dropped: 0, waiting: 0 }
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
        level: rating.level,
        key: rating.key,
      })
      report.sent += 1
      onRated?.(rating.transactionKey)
    } catch (error) {
      if (!(error instanceof BackendError) || error.retryable) throw error
      if (error.status === 409 && error.code === 'already_rated') onRated?.(rating.transactionKey)
      report.dropped += 1
    }
    await dropRating(await db(), rating.key)
  }
  return report
}
