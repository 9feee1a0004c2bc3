/**
 * The payment gateway's routes: the terminal's orders (create, poll for the paid notice, cancel), the simulated
 * gateway's notice (mounted under /api/admin/faults only with FAULTS=on, as the other fault routes), and the ops
 * figures of paid, abandoned, failed and refunded orders.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireTerminal, staffOf, terminalOf } from '../auth/middleware'
import { requireProvince } from '../auth/scope'
import {
  type AnswerOf,
  CardPayment,
  type OPS_ROUTES,
  OrderNotice,
  OrderRequest,
  type PAYMENT_ROUTES,
} from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { check, readJson } from '../http/validate'
import { dayRangeFiguresRoute } from './ops'

const OrderId = z.string().uuid('orderId must be an order id (a UUID)')

/** /api/terminal/orders*: a terminal's own orders only. */
export function terminalOrderRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('/orders', requireTerminal)
  app.use('/orders/*', requireTerminal)
  app.post('/orders', async (c) => {
    const order = await deps.payments.create(terminalOf(c).terminal, await readJson(c, OrderRequest))
    return c.json(order satisfies AnswerOf<typeof PAYMENT_ROUTES.createOrder>)
  })
  app.get('/orders/:orderId', async (c) => {
    const orderId = check(OrderId, c.req.param('orderId'), 'orderId')
    const order = await deps.payments.status(terminalOf(c).terminal, orderId)
    return c.json(order satisfies AnswerOf<typeof PAYMENT_ROUTES.order>)
  })
  // The PIN in the body goes to the simulated bank only: no log line or audit entry carries the body.
  app.post('/orders/:orderId/card', async (c) => {
    const orderId = check(OrderId, c.req.param('orderId'), 'orderId')
    const answer = await deps.payments.payByCard(
      terminalOf(c).terminal,
      orderId,
      await readJson(c, CardPayment),
    )
    return c.json(answer satisfies AnswerOf<typeof PAYMENT_ROUTES.payByCard>)
  })
  app.post('/orders/:orderId/cancel', async (c) => {
    const orderId = check(OrderId, c.req.param('orderId'), 'orderId')
    const order = await deps.payments.cancel(terminalOf(c).terminal, orderId)
    return c.json(order satisfies AnswerOf<typeof PAYMENT_ROUTES.cancelOrder>)
  })
  return app
}

/** PUT /api/admin/faults/orders/:orderId (FAULTS=on): tells the simulated gateway an order was paid, failed or timed out. */
export function orderFaultRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('admin'), requireProvince())
  app.put('/:orderId', async (c) => {
    const orderId = check(OrderId, c.req.param('orderId'), 'orderId')
    const notice = await readJson(c, OrderNotice)
    const order = await deps.payments.notice(orderId, notice)
    deps.logger.info(
      { by: staffOf(c).username, orderId, outcome: notice.outcome },
      'payment notice simulated',
    )
    await deps.audit.record(c, 'fault.payment', orderId, notice)
    return c.json(order)
  })
  return app
}

/** GET /api/ops/payments?from&to: the orders' figures in the account's districts. */
export function paymentFiguresRoutes(deps: AppDeps): Hono<AppEnv> {
  return dayRangeFiguresRoute(
    deps,
    (from, to, districts): Promise<AnswerOf<typeof OPS_ROUTES.payments>> =>
      deps.payments.figures(from, to, districts),
  )
}
