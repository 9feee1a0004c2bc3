/**
 * The payment step's calls (缴费): create an order, wait for the gateway's paid notice, cancel. Loaded with the
 * payment step (after the resident confirms a 缴费), never before the first tap.
 *
 * The kiosk polls for the notice rather than listening on a socket: the only socket a terminal opens is the
 * 帮办 call's signalling, opened for a call and closed after it; a poll is one small authenticated GET that any
 * backend node answers from the shared store, works through every proxy the other terminal calls pass, and its
 * backoff bounds the load (at most one request a second, fewer as the wait grows, for a 3-minute order).
 */

import { PAYMENT_ROUTES as ROUTES } from '../../../mock-backend/src/contract/paymentRoutes'
import type {
  CardPayment,
  CardPaymentAnswer,
  OrderRequest,
  OrderView,
} from '../../../mock-backend/src/contract/payments'
import { BackendError, createRouteCaller } from './backendClient'
import { fullJitterDelay } from './backoff'

/** The shortest wait between two polls of a pending order. */
export const POLL_FLOOR_MS = 500
/** The first window of the jittered wait added to the floor; it doubles per poll up to POLL_CAP_MS. */
export const POLL_BASE_MS = 1_000
/** The longest jittered part of a wait: a paid notice shows at most this (plus the floor) late. */
export const POLL_CAP_MS = 3_000

/** The order calls of the terminal routes. */
export interface OrderClient {
  create(request: OrderRequest): Promise<OrderView>
  status(orderId: string): Promise<OrderView>
  cancel(orderId: string): Promise<OrderView>
  /** Pays a bank-card order with the card read and the PIN typed (for the simulated bank; never kept here). */
  payByCard(orderId: string, card: CardPayment): Promise<CardPaymentAnswer>
}

/** Builds the order calls with the terminal's key (read per request). */
export function createOrderClient(getToken: () => string | null): OrderClient {
  const { json } = createRouteCaller({ getToken })
  return {
    create: (request) => json(ROUTES.createOrder, { body: request }),
    status: (orderId) => json(ROUTES.order, { params: { orderId } }),
    cancel: (orderId) => json(ROUTES.cancelOrder, { params: { orderId }, body: {} }),
    payByCard: (orderId, card) => json(ROUTES.payByCard, { params: { orderId }, body: card }),
  }
}

/** Waits `ms`, or rejects at once when `signal` aborts (the flow left the payment step). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    if (signal.aborted) return fail(signal.reason)
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      fail(signal.reason)
    })
  })
}

/**
 * Polls the order until it is final (paid, failed, timed out or cancelled), with a growing, jittered wait. A
 * failed poll that may pass later (no network, a 5xx) is retried; the backend times the order out by itself, so
 * the wait ends once the network is back. Rejects when `signal` aborts or the backend refuses the poll for good.
 */
export async function awaitPaidNotice(
  status: OrderClient['status'],
  order: OrderView,
  signal: AbortSignal,
  wait: (ms: number, signal: AbortSignal) => Promise<void> = pause,
): Promise<OrderView> {
  let current = order
  for (let attempt = 0; current.status === 'pending'; attempt++) {
    await wait(POLL_FLOOR_MS + fullJitterDelay(attempt, Math.random, POLL_BASE_MS, POLL_CAP_MS), signal)
    try {
      current = await status(order.orderId)
    } catch (error) {
      if (!(error instanceof BackendError) || !error.retryable) throw error
    }
  }
  return current
}
