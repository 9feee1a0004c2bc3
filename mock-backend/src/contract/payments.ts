/**
 * The payment gateway's wire schemas: the order a terminal creates, the order as it is answered, the fault
 * route's notice, and the ops figures. The rules' plain values are in paymentRules.ts (zod-free, for the kiosk).
 */
import { z } from 'zod'
import {
  CARD_PIN_LENGTH,
  FAILURE_REASONS,
  type OrderReason,
  type OrderStatus,
  PAYMENT_METHODS,
  type PaymentMethod,
} from './paymentRules'

/** `POST /api/terminal/orders`: the kiosk's UUID makes it idempotent (the same id answers the same order). */
export const OrderRequest = z
  .object({
    orderId: z.string().uuid(),
    itemCode: z.string().min(1).max(40),
    catalogVersion: z.number().int().min(0),
    method: z.enum(PAYMENT_METHODS),
    /** The form fields the department computes the amount from (an amount field, a bill number …). */
    fields: z.record(z.string().max(40), z.string().max(500)).default({}),
    /** 家庭缴费: the household holder's ID number and the ticked members' handles (one line each). */
    household: z
      .object({
        idNumber: z.string().regex(/^\d{17}[\dXx]$/, 'household.idNumber must be an 18-character ID number'),
        members: z.array(z.string().min(1).max(40)).min(1).max(10),
      })
      .strict()
      .optional(),
  })
  .strict()
export type OrderRequest = z.infer<typeof OrderRequest>

/**
 * `POST /api/terminal/orders/:orderId/card`: the card the reader read and the PIN typed on the keypad, for the
 * simulated bank only (never stored, never logged). No amount: the gateway charges the order's own.
 */
export const CardPayment = z
  .object({
    cardNumber: z.string().regex(/^\d{16,19}$/, 'cardNumber must be the 16 to 19 digits of a bank card'),
    pin: z.string().regex(new RegExp(`^\\d{${CARD_PIN_LENGTH}}$`), `pin must be ${CARD_PIN_LENGTH} digits`),
  })
  .strict()
export type CardPayment = z.infer<typeof CardPayment>

/** The card payment's answer: the paid order, or why the bank refused the PIN (the order stays pending then). */
export type CardPaymentAnswer =
  | { outcome: 'paid'; order: OrderView }
  | { outcome: 'pinWrong'; triesLeft: number }
  | { outcome: 'pinBlocked' }

/** One line of an order: what (or whom) it pays for and how much; one line now, one per member for 家庭缴费. */
export interface OrderLine {
  subject: string
  amountFen: number
  /** 家庭缴费: the member's opaque handle (household register), so the department's answer settles each line. */
  member?: string
}

/** An order as the terminal and ops see it. */
export interface OrderView {
  orderId: string
  itemCode: string
  lines: OrderLine[]
  totalFen: number
  method: PaymentMethod
  status: OrderStatus
  reason: OrderReason | null
  /** What the QR code encodes; null for a bank card, paid at the card reader. */
  qrText: string | null
  createdAt: string
  /** When a pending order times out by itself. */
  expiresAt: string
  settledAt: string | null
}

/** `PUT /api/admin/faults/orders/:orderId` (FAULTS=on): the simulated gateway's notice for one order. */
export const OrderNotice = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('paid') }).strict(),
  z.object({ outcome: z.literal('failed'), reason: z.enum(FAILURE_REASONS).default('declined') }).strict(),
  z.object({ outcome: z.literal('timedOut') }).strict(),
])
export type OrderNotice = z.infer<typeof OrderNotice>

/** One row of the ops payment figures: the orders of one status and reason, how many and how much. */
export interface PaymentFigureRow {
  status: OrderStatus | 'refund'
  reason: OrderReason | null
  count: number
  totalFen: number
}

/** `GET /api/ops/payments?from&to`: paid, abandoned (per reason), failed and refunded orders of the days. */
export interface PaymentFigures {
  from: string
  to: string
  rows: PaymentFigureRow[]
}
