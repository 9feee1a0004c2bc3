/**
 * The storage suite's payment orders, run against every store (SQLite in memory, PostgreSQL in a fresh database):
 * an order created twice is one order, only a pending order settles and only once, a paid notice after the time
 * limit is refused, pending orders past their limit time out by themselves, a paid order settles one record, a
 * refund is stored once per paid order, and the figures count per status and reason. A store passes only when it
 * answers exactly as the other does.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { NewOrder } from '../../mock-backend/src/db/orderRows'
import { STORES, useStore } from '../fixtures/node/backend/postgresStores'

const AT = '2026-03-02T01:00:00.000Z'
const LIMIT = '2026-03-02T01:03:00.000Z'

const order = (n: number, over: Partial<NewOrder> = {}): NewOrder => ({
  orderId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  kind: 'payment',
  refundOf: null,
  terminalId: 'T-1',
  districtCode: DEMO_DISTRICT_CODE,
  itemCode: 'MED-PAY-0001',
  lines: [{ subject: '本人', amountFen: 40_000 }],
  totalFen: 40_000,
  method: 'wechat',
  qrText: `https://pay.example.invalid/qr/${n}`,
  day: '2026-03-02',
  createdAt: AT,
  expiresAt: LIMIT,
  ...over,
})

describe.each(STORES)('%s store, payment orders', (kind) => {
  const under = useStore(kind)

  it('creates an order once: the same id answers the stored order, never a second one', async () => {
    const { orders } = under.store
    const first = await orders.create(order(1))
    expect(first).toEqual({
      ...order(1),
      status: 'pending',
      reason: null,
      settledAt: null,
      transactionKey: null,
    })
    const again = await orders.create(order(1, { totalFen: 1, method: 'card' }))
    expect(again).toEqual(first)
    expect(await orders.get(order(2).orderId)).toBeUndefined()
  })

  it('settles a pending order once; a later notice changes nothing, nor does one after the limit', async () => {
    const { orders } = under.store
    await orders.create(order(1))
    await orders.create(order(2))
    expect(await orders.settle(order(1), 'paid', null, '2026-03-02T01:01:00.000Z')).toBe(true)
    expect(await orders.settle(order(1), 'failed', 'declined', '2026-03-02T01:01:01.000Z')).toBe(false)
    expect(await orders.get(order(1).orderId)).toMatchObject({
      status: 'paid',
      reason: null,
      settledAt: '2026-03-02T01:01:00.000Z',
    })
    // Paid after the limit: refused; the order times out instead.
    expect(await orders.settle(order(2), 'paid', null, '2026-03-02T01:03:00.001Z')).toBe(false)
    expect(await orders.settle(order(2), 'timedOut', 'timeout', '2026-03-02T01:03:00.001Z')).toBe(true)
    expect((await orders.get(order(2).orderId))?.status).toBe('timedOut')
  })

  it('times out every pending order past its limit, and only those', async () => {
    const { orders } = under.store
    await orders.create(order(1))
    await orders.create(order(2, { expiresAt: '2026-03-02T01:10:00.000Z' }))
    await orders.create(order(3))
    await orders.settle(order(3), 'cancelled', 'resident', AT)
    expect(await orders.expire('2026-03-02T01:02:59.999Z')).toBe(0)
    expect(await orders.expire(LIMIT)).toBe(1)
    expect(await orders.get(order(1).orderId)).toMatchObject({
      status: 'timedOut',
      reason: 'timeout',
      settledAt: LIMIT,
    })
    expect((await orders.get(order(2).orderId))?.status).toBe('pending')
    expect((await orders.get(order(3).orderId))?.status).toBe('cancelled')
  })

  it('links a paid order to one record: the same key again, never another, never an unpaid order', async () => {
    const { orders } = under.store
    await orders.create(order(1))
    await orders.create(order(2))
    const key = '00000000-0000-7000-8000-000000000001'
    expect(await orders.link(order(1), key)).toBe(false)
    await orders.settle(order(1), 'paid', null, AT)
    expect(await orders.link(order(1), key)).toBe(true)
    expect(await orders.link(order(1), key)).toBe(true)
    expect(await orders.link(order(1), '00000000-0000-7000-8000-000000000002')).toBe(false)
    expect((await orders.get(order(1).orderId))?.transactionKey).toBe(key)
    expect(await orders.link(order(2), key)).toBe(false)
  })

  it('stores one refund per paid order and counts orders per status and reason, by district', async () => {
    const { orders } = under.store
    await orders.create(order(1))
    await orders.create(order(2, { totalFen: 2_000, lines: [{ subject: '本人', amountFen: 2_000 }] }))
    await orders.create(order(3))
    await orders.create(order(4, { districtCode: '441621' }))
    await orders.create(order(5, { day: '2026-03-03' }))
    await orders.settle(order(1), 'paid', null, AT)
    await orders.settle(order(2), 'paid', null, AT)
    await orders.settle(order(3), 'cancelled', 'resident', AT)
    await orders.settle(order(4, { districtCode: '441621' }), 'failed', 'declined', AT)
    const refund = order(9, { kind: 'refund', refundOf: order(1).orderId, qrText: null })
    expect(await orders.create(refund)).toMatchObject({ kind: 'refund', status: 'pending' })
    await expect(orders.create(order(10, { kind: 'refund', refundOf: order(1).orderId }))).rejects.toThrow()
    expect((await orders.refundOf(order(1).orderId))?.orderId).toBe(refund.orderId)
    expect(await orders.refundOf(order(2).orderId)).toBeUndefined()
    // A refund is never timed out: it is the centre's to pay back.
    await orders.expire('2026-03-09T00:00:00.000Z')
    expect((await orders.refundOf(order(1).orderId))?.status).toBe('pending')
    expect(await orders.figures('2026-03-02', '2026-03-02')).toEqual([
      { status: 'cancelled', reason: 'resident', count: 1, totalFen: 40_000 },
      { status: 'failed', reason: 'declined', count: 1, totalFen: 40_000 },
      { status: 'paid', reason: null, count: 2, totalFen: 42_000 },
      { status: 'refund', reason: null, count: 1, totalFen: 40_000 },
    ])
    expect(await orders.figures('2026-03-02', '2026-03-03', [DEMO_DISTRICT_CODE])).toEqual([
      { status: 'cancelled', reason: 'resident', count: 1, totalFen: 40_000 },
      { status: 'paid', reason: null, count: 2, totalFen: 42_000 },
      { status: 'refund', reason: null, count: 1, totalFen: 40_000 },
      { status: 'timedOut', reason: 'timeout', count: 1, totalFen: 40_000 },
    ])
  })
})
