/**
 * The payment gateway's plain values (zod-free, so the kiosk may import them at run time): the methods a resident
 * pays with, an order's statuses and their reasons, and the time limit of an unpaid order. One definition each;
 * the backend validates with them and the ops table labels its rows by them.
 */

/** How a resident pays: a QR code scanned in 微信, 支付宝 or 云闪付, or a bank card at the card reader. */
export const PAYMENT_METHODS = ['wechat', 'alipay', 'unionpay', 'card'] as const
/** One payment method. */
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/** An order's status: pending until the gateway's notice, then final (a final order never changes again). */
export const ORDER_STATUSES = ['pending', 'paid', 'failed', 'timedOut', 'cancelled'] as const
/** One order status. */
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** Why a payment failed, as the (simulated) gateway reports it. */
export const FAILURE_REASONS = ['declined', 'insufficientFunds', 'cardError'] as const
/** One failure reason. */
export type FailureReason = (typeof FAILURE_REASONS)[number]

/** Why an order was abandoned: the resident cancelled, or nobody paid within the time limit. */
export const ABANDON_REASONS = ['resident', 'timeout'] as const
/** The reason stored with a final order that is not paid. */
export type OrderReason = FailureReason | (typeof ABANDON_REASONS)[number]

/**
 * How long an order waits for its payment before it times out by itself (the QR code stops working then): long
 * enough to open a payment app and pay, short enough that a resident who walked away does not hold the kiosk.
 */
export const ORDER_TIME_LIMIT_SECONDS = 180

/** How many working days a refund takes to reach the resident's account (shown on the result screen). */
export const REFUND_WORKING_DAYS = 7

/** Wrong PINs a bank card allows before the (simulated) bank blocks it, as a real issuer does after three. */
export const CARD_PIN_TRIES = 3
/** How long the bank remembers wrong PINs of a card (a blocked card stays blocked this long in the simulation). */
export const CARD_PIN_WINDOW_MS = 24 * 3600_000
/** A bank card PIN: six digits. */
export const CARD_PIN_LENGTH = 6

/** What the gateway answers a card payment: paid (the order), a wrong PIN with the tries left, or a blocked card. */
export type CardPaymentOutcome = 'paid' | 'pinWrong' | 'pinBlocked'
