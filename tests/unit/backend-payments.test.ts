/**
 * The simulated payment gateway through the real backend process, on both stores: an order created twice is one
 * order with the department's amount; the fault route (FAULTS=on only) tells it paid, failed or timed out; an
 * order unpaid past its limit times out by itself; a 缴费 record counts only with a paid order of the same
 * terminal, once; a department that refuses a paid record makes a refund; ops see the figures.
 */
import { describe, expect, it } from 'vitest'
import { ORDER_TIME_LIMIT_SECONDS, REFUND_WORKING_DAYS } from '../../mock-backend/src/contract/paymentRules'
import { createOrder, notice, paidRecord } from '../fixtures/node/backend/payments'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { ADMIN_PASSWORD, call, login, record, spawnBackend, uuid } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

describe.each(STORES)('payment gateway on %s', (store) => {
  const backend = backendSession({ store, env: { FAULTS: 'on' } })
  const post = (records: unknown[]) =>
    call(backend.url, 'POST', '/api/terminal/transactions', { token: backend.terminal, body: { records } })
  const figures = async () => {
    const res = await call(backend.url, 'GET', `/api/ops/payments?from=${today()}&to=${today()}`, {
      token: backend.ops.token,
    })
    expect(res.status, res.text).toBe(200)
    return res.body.rows as { status: string; reason: string | null; count: number; totalFen: number }[]
  }

  it('creates an order once: the same id answers the same order, with the department amount and a QR code', async () => {
    const { url, terminal } = backend
    const orderId = uuid()
    const first = await createOrder(url, terminal, { orderId })
    // The medicare department's premium (departments/adapters/medicare.ts), asked when the order is created.
    expect(first).toMatchObject({
      orderId,
      status: 'pending',
      totalFen: 40_000,
      method: 'wechat',
      reason: null,
    })
    expect(first.lines).toEqual([{ subject: '本人', amountFen: 40_000 }])
    expect(first.qrText).toContain(orderId)
    const limit = Date.parse(first.expiresAt as string) - Date.parse(first.createdAt as string)
    expect(limit).toBe(ORDER_TIME_LIMIT_SECONDS * 1000)
    const again = await createOrder(url, terminal, { orderId, method: 'alipay' })
    expect(again).toEqual(first)
    const card = await createOrder(url, terminal, { method: 'card' })
    expect(card.qrText).toBeNull()
  })

  it('refuses an order for an item that is not a payment, or unknown, naming the problem', async () => {
    const { url, terminal } = backend
    for (const [itemCode, words] of [
      ['HRSS-Q-0001', 'not a payment'],
      ['NOPE-0001', 'unknown item'],
    ]) {
      const res = await call(url, 'POST', '/api/terminal/orders', {
        token: terminal,
        body: { orderId: uuid(), itemCode, catalogVersion: 1, method: 'wechat' },
      })
      expect(res.status).toBe(400)
      expect(res.body.message).toContain(words)
    }
    const bad = await call(url, 'POST', '/api/terminal/orders', {
      token: terminal,
      body: { orderId: uuid(), itemCode: 'MED-PAY-0001', catalogVersion: 1, method: 'cash' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain('method')
  })

  it('settles by the gateway notice once: paid, failed with its reason, timed out; a second notice is refused', async () => {
    const { url, terminal, admin } = backend
    const paid = await createOrder(url, terminal)
    const failed = await createOrder(url, terminal, { method: 'card' })
    const late = await createOrder(url, terminal, { method: 'unionpay' })
    expect((await notice(url, admin.token, paid.orderId, { outcome: 'paid' })).body.status).toBe('paid')
    const f = await notice(url, admin.token, failed.orderId, {
      outcome: 'failed',
      reason: 'insufficientFunds',
    })
    expect(f.body).toMatchObject({ status: 'failed', reason: 'insufficientFunds' })
    expect((await notice(url, admin.token, late.orderId, { outcome: 'timedOut' })).body).toMatchObject({
      status: 'timedOut',
      reason: 'timeout',
    })
    const twice = await notice(url, admin.token, paid.orderId, { outcome: 'failed' })
    expect(twice.status).toBe(409)
    expect(twice.body.message).toContain('paid')
    const polled = await call(url, 'GET', `/api/terminal/orders/${paid.orderId}`, { token: terminal })
    expect(polled.body.status).toBe('paid')
    // Only an admin may play the gateway; a terminal cannot pay its own order.
    expect((await notice(url, terminal, failed.orderId, { outcome: 'paid' })).status).toBe(403)
  })

  it('cancels a pending order as abandoned by the resident; a paid order stays paid', async () => {
    const { url, terminal, admin } = backend
    const order = await createOrder(url, terminal)
    const cancel = (id: string) =>
      call(url, 'POST', `/api/terminal/orders/${id}/cancel`, { token: terminal, body: {} })
    expect((await cancel(order.orderId)).body).toMatchObject({ status: 'cancelled', reason: 'resident' })
    expect((await notice(url, admin.token, order.orderId, { outcome: 'paid' })).status).toBe(409)
    const paid = await createOrder(url, terminal)
    await notice(url, admin.token, paid.orderId, { outcome: 'paid' })
    expect((await cancel(paid.orderId)).body.status).toBe('paid')
  })

  it('times out an order nobody paid within the limit by itself; a paid notice after it is refused', async () => {
    const { url, terminal, admin } = backend
    const order = await createOrder(url, terminal)
    const moved = await call(url, 'PUT', '/api/admin/faults/clock', {
      token: admin.token,
      body: { offsetMs: (ORDER_TIME_LIMIT_SECONDS + 1) * 1000 },
    })
    expect(moved.status).toBe(200)
    try {
      const late = await notice(url, admin.token, order.orderId, { outcome: 'paid' })
      expect(late.status).toBe(409)
      expect(late.body.message).toContain('timedOut')
      const polled = await call(url, 'GET', `/api/terminal/orders/${order.orderId}`, { token: terminal })
      expect(polled.body).toMatchObject({ status: 'timedOut', reason: 'timeout' })
    } finally {
      await call(url, 'PUT', '/api/admin/faults/clock', { token: admin.token, body: { offsetMs: 0 } })
    }
  })

  it('stores a 缴费 record only with a paid order of this terminal, once; nothing else is stored', async () => {
    const { url, terminal, admin } = backend
    const before = (await call(url, 'GET', '/api/health')).status
    expect(before).toBe(200)
    const unpaid = await createOrder(url, terminal)
    const failed = await createOrder(url, terminal)
    await notice(url, admin.token, failed.orderId, { outcome: 'failed' })
    const none = record({ itemCode: 'MED-PAY-0001' })
    const withUnpaid = record({ itemCode: 'MED-PAY-0001', orderId: unpaid.orderId })
    const withFailed = record({ itemCode: 'MED-PAY-0001', orderId: failed.orderId })
    const unknown = record({ itemCode: 'MED-PAY-0001', orderId: uuid() })
    const res = await post([none, withUnpaid, withFailed, unknown])
    expect(res.body.outcomes.map((o: { status: string }) => o.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ])
    const messages = res.body.outcomes.map((o: { message: string }) => o.message)
    expect(messages[0]).toContain('needs a paid order')
    expect(messages[1]).toContain('pending, not paid')
    expect(messages[2]).toContain('failed, not paid')
    expect(messages[3]).toContain('no order')

    const paid = await paidRecord(url, terminal, admin.token)
    const ok = await post([paid])
    expect(ok.body.outcomes[0]).toMatchObject({ status: 'ok', replayed: false })
    expect(ok.body.outcomes[0].result.payment).toMatchObject({ amountFen: 40_000, orderId: paid.orderId })
    // A retry replays; another record with the same paid order is refused (no order pays twice).
    expect((await post([paid])).body.outcomes[0]).toMatchObject({ status: 'ok', replayed: true })
    const second = await post([record({ itemCode: 'MED-PAY-0001', orderId: paid.orderId })])
    expect(second.body.outcomes[0]).toMatchObject({ status: 'rejected', code: 400 })
    expect(second.body.outcomes[0].message).toContain('already settled another record')
  })

  it('refuses another terminal’s paid order', async () => {
    const { url, terminal, admin } = backend
    const paid = await paidRecord(url, terminal, admin.token)
    const created = await call(url, 'POST', '/api/admin/terminals', {
      token: admin.token,
      body: { id: 'T-PAY-OTHER', name: '另一台', location: '大厅', groups: [] },
    })
    expect(created.status, created.text).toBe(201)
    const enrol = await call(url, 'POST', '/api/terminals/enrol', { body: { code: created.body.enrolCode } })
    expect(enrol.status, enrol.text).toBe(200)
    const other = await call(url, 'POST', '/api/terminal/transactions', {
      token: enrol.body.token,
      body: { records: [paid] },
    })
    expect(other.body.outcomes[0]).toMatchObject({ status: 'rejected' })
    expect(other.body.outcomes[0].message).toContain('no order')
    expect(
      (await call(url, 'GET', `/api/terminal/orders/${paid.orderId}`, { token: enrol.body.token })).status,
    ).toBe(404)
  })

  it('refunds a paid record the department refused, once, and the resident’s answer names the refund', async () => {
    const { url, terminal, admin } = backend
    const set = (refusePayments: boolean) =>
      call(url, 'PUT', '/api/admin/departments/faults', {
        token: admin.token,
        body: { departments: { medicare: { latencyMs: 0, failureRate: 0, outage: false, refusePayments } } },
      })
    expect((await set(true)).status).toBe(200)
    try {
      const paid = await paidRecord(url, terminal, admin.token)
      const res = await post([paid])
      const payment = res.body.outcomes[0].result.payment
      expect(payment.refund).toMatchObject({ amountFen: 40_000, workingDays: REFUND_WORKING_DAYS })
      expect(payment.refund.refundId).toMatch(/^[0-9a-f-]{36}$/)
      expect((await post([paid])).body.outcomes[0].result.payment.refund).toEqual(payment.refund)
    } finally {
      await set(false)
    }
  })

  it('shows ops the paid, abandoned (per reason), failed and refunded orders of the day', async () => {
    const { url, terminal, admin } = backend
    const count = (rows: Awaited<ReturnType<typeof figures>>, status: string, reason: string | null = null) =>
      rows.find((r) => r.status === status && r.reason === reason) ?? { count: 0, totalFen: 0 }
    const before = await figures()
    await paidRecord(url, terminal, admin.token)
    const cancelled = await createOrder(url, terminal)
    await call(url, 'POST', `/api/terminal/orders/${cancelled.orderId}/cancel`, { token: terminal, body: {} })
    const late = await createOrder(url, terminal)
    await notice(url, admin.token, late.orderId, { outcome: 'timedOut' })
    const failed = await createOrder(url, terminal)
    await notice(url, admin.token, failed.orderId, { outcome: 'failed', reason: 'cardError' })
    const after = await figures()
    for (const [status, reason] of [
      ['paid', null],
      ['cancelled', 'resident'],
      ['timedOut', 'timeout'],
      ['failed', 'cardError'],
    ] as const) {
      expect(count(after, status, reason).count - count(before, status, reason).count, status).toBe(1)
      expect(count(after, status, reason).totalFen - count(before, status, reason).totalFen, status).toBe(
        40_000,
      )
    }
    // The refund of the test above, counted apart from the paid orders.
    expect(count(after, 'refund').count).toBe(1)
    const bad = await call(url, 'GET', '/api/ops/payments?from=2026-02-30&to=2026-03-01', {
      token: backend.ops.token,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain('calendar day')
    const asAdmin = await call(url, 'GET', `/api/ops/payments?from=${today()}&to=${today()}`, {
      token: admin.token,
    })
    expect(asAdmin.status).toBe(403)
  })
})

describe('the gateway’s notice route without FAULTS=on', () => {
  it('is not mounted: 404 even to an admin', async () => {
    const off = await spawnBackend({})
    try {
      const admin = await login(off.url, 'admin', ADMIN_PASSWORD)
      const res = await call(off.url, 'PUT', `/api/admin/faults/orders/${uuid()}`, {
        token: admin.token,
        body: { outcome: 'paid' },
      })
      expect(res.status).toBe(404)
      expect(res.body.error).toBe('not_found')
    } finally {
      await off.stop()
      await off.cleanup()
    }
  }, 30_000)
})
