/**
 * Delivers the 帮办 call-backs kept in the kiosk database (storage/callbackStore.ts), after the outbox as the
 * ratings are: each goes to `POST /api/terminal/callbacks` with its idempotency key (the backend stores a key once,
 * so a resend after a lost answer is a replay) and leaves the terminal once stored. One the backend refuses for
 * good is dead-lettered with its number masked; a network failure, 408/429/5xx, or a refusal of the terminal
 * itself (revoked, another API version: the sync machine holds for those) keeps it and rethrows.
 */

import type { CallbackRequest } from '../../../mock-backend/src/contract/helpDesk'
import { maskPhone } from '../../../mock-backend/src/contract/helpDeskRules'
import {
  type CallbackSettlement,
  enqueueCallback,
  settleCallback,
  waitingCallbacks,
} from '../storage/callbackStore'
import type { KioskDatabase } from '../storage/db'
import { type BackendClient, BackendError, refusalMessage } from './backendClient'

/**
 * Stores a resident's call-back under a new idempotency key, the time now (strict: resolves once committed). In
 * this module so that the bridge's whole call-back side is one chunk, loaded on first use.
 */
export async function queueCallback(
  db: KioskDatabase,
  asked: Pick<CallbackRequest, 'phone' | 'itemCode'>,
  newKey: () => string,
  now: () => Date,
): Promise<void> {
  const at = now()
  await enqueueCallback(db, { key: newKey(), ...asked, requestedAt: at.toISOString() }, at.getTime())
}

/** What a run did with the waiting call-backs (counts only). */
export interface CallbackSyncReport {
  sent: number
  deadLettered: number
}

/** Statuses that refuse the terminal, not the call-back: the sync machine holds or re-enrols; the call-back waits. */
const TERMINAL_REFUSALS: ReadonlySet<number> = new Set([401, 403, 409])

/** True for an answer that sending this call-back again will never change. */
export function refusedForGood(error: BackendError): boolean {
  return !error.retryable && error.status !== null && !TERMINAL_REFUSALS.has(error.status)
}

/** Sends every waiting call-back, oldest first; stops at the first failure worth retrying (rethrown). */
export async function sendCallbacks(
  db: () => Promise<KioskDatabase>,
  client: Pick<BackendClient, 'postCallback'>,
  now: () => Date,
): Promise<CallbackSyncReport> {
  const report: CallbackSyncReport = { sent: 0, deadLettered: 0 }
  const { requests, unreadable } = await waitingCallbacks(await db())
  for (const entry of unreadable) {
    await settleCallback(await db(), {
      key: entry.key,
      kind: 'dead',
      reason: 'unreadable',
      code: 0,
      message: 'the stored number of this call-back could not be read',
      at: now().toISOString(),
      maskedPhone: '',
    })
    report.deadLettered += 1
  }
  for (const request of requests) {
    let settlement: CallbackSettlement
    try {
      await client.postCallback(request)
      settlement = { key: request.key, kind: 'delivered' }
      report.sent += 1
    } catch (error) {
      if (!(error instanceof BackendError && refusedForGood(error))) throw error
      settlement = {
        key: request.key,
        kind: 'dead',
        reason: 'refused',
        code: error.status ?? 400,
        message: refusalMessage(error),
        at: now().toISOString(),
        maskedPhone: maskPhone(request.phone),
      }
      report.deadLettered += 1
    }
    await settleCallback(await db(), settlement)
  }
  return report
}
