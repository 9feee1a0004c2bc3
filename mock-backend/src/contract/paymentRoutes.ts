/**
 * The terminal's payment routes: a module of their own (like staffRoutes.ts) so the kiosk's first-tap chunks
 * keep only the routes every session uses; the payment step loads these with its code.
 */
import type { CardPayment, CardPaymentAnswer, OrderRequest, OrderView } from './payments'
import { GET, POST } from './routes'

/** 缴费: the payment order (idempotent by the kiosk's UUID), its status (polled for the paid notice), the cancel. */
export const PAYMENT_ROUTES = {
  createOrder: POST<OrderRequest, OrderView>()('/api/terminal/orders'),
  order: GET<OrderView>()('/api/terminal/orders/:orderId'),
  /** A bank-card order paid with the card read at the reader and its PIN (checked by the simulated bank). */
  payByCard: POST<CardPayment, CardPaymentAnswer>()('/api/terminal/orders/:orderId/card'),
  cancelOrder: POST<Record<string, never>, OrderView>()('/api/terminal/orders/:orderId/cancel'),
} as const
