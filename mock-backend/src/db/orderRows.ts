/**
 * The storage of payment orders (store.orders): driver-free, so both stores implement it. Invariants, with their
 * reasons:
 * - An order's id is the kiosk's UUID, and creating it again answers the stored order: a resend never makes a
 *   second order, so nothing is paid twice.
 * - Only a pending order changes, once (`settle` is a conditional write): a paid notice for an order that already
 *   failed, timed out or was cancelled changes nothing, and neither does a second notice.
 * - A pending order past its time limit is timed out by `expire`, whatever asks first (a poll, the ops figures).
 * - A paid order settles one transaction (`link`): the first record key wins, the same key links again (a retry).
 * - A refund order is stored once per paid order (its id derives from the paid one).
 * Orders hold no resident data: item, amounts, method, terminal and times; a line's subject is masked when it
 * names a person.
 */

import type { OrderReason, OrderStatus } from '../contract/paymentRules'
import type { OrderView, PaymentFigureRow } from '../contract/payments'

/** A stored order (a payment, or the refund of a paid one): what the terminal sees, and the centre's own columns. */
export interface OrderRow extends OrderView {
  kind: 'payment' | 'refund'
  /** The paid order a refund gives back; null for a payment. */
  refundOf: string | null
  terminalId: string
  districtCode: string
  /** Shanghai day of creation, the unit of the figures. */
  day: string
  /** The record key of the transaction this paid order settled. */
  transactionKey: string | null
}

/** What creating an order writes. */
export type NewOrder = Omit<OrderRow, 'status' | 'reason' | 'settledAt' | 'transactionKey'>

/** An order's key: its district leads, as in every growing table, so a write goes to one place. */
export type OrderKey = Pick<OrderRow, 'districtCode' | 'orderId'>

/** Payment and refund orders. */
export interface OrderStorage {
  /** Stores the order unless its id is stored; answers the stored one either way. */
  create(order: NewOrder): Promise<OrderRow>
  get(orderId: string): Promise<OrderRow | undefined>
  /**
   * Moves a pending payment order to a final status at `at`; false when it is not pending, or (unless the new
   * status is timedOut) when its time limit passed before `at`.
   */
  settle(
    order: OrderKey,
    status: Exclude<OrderStatus, 'pending'>,
    reason: OrderReason | null,
    at: string,
  ): Promise<boolean>
  /** Times out every pending payment order whose limit passed by `at`; answers how many. */
  expire(at: string): Promise<number>
  /** Links a paid order to the record `key`; false when it is not paid or settled another record. */
  link(order: OrderKey, key: string): Promise<boolean>
  /** The refund order of a paid order, if one was made. */
  refundOf(orderId: string): Promise<OrderRow | undefined>
  /** Orders created on days [from, to] (in `districts` when given), counted per kind, status and reason. */
  figures(from: string, to: string, districts?: readonly string[]): Promise<PaymentFigureRow[]>
}

/** Sums per-district figure rows into one row per status and reason, in a stable order. */
export function mergeFigureRows(
  rows: readonly (PaymentFigureRow & { districtCode?: string })[],
): PaymentFigureRow[] {
  const byKey = new Map<string, PaymentFigureRow>()
  for (const { status, reason, count, totalFen } of rows) {
    const key = `${status}\u0000${reason ?? ''}`
    const row = byKey.get(key) ?? { status, reason, count: 0, totalFen: 0 }
    row.count += Number(count)
    row.totalFen += Number(totalFen)
    byKey.set(key, row)
  }
  return [...byKey.values()].sort(
    (a, b) => a.status.localeCompare(b.status) || (a.reason ?? '').localeCompare(b.reason ?? ''),
  )
}
