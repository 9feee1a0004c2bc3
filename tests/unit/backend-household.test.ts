/**
 * 为谁办理 through the real backend process, on both stores: the household register route (terminal only, masked,
 * an item must serve family, the ID's check digit verified); a 家庭缴费 order of three lines paid once, the
 * department refusing one member (already paid this year elsewhere) so that member's line alone is refunded; a
 * 家人 record naming its member by handle; 代办 refused when it cannot stand; and the ops share of 代办 per item.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_ID_CARD } from '../../kiosk/src/devices/simulated'
import { createOrder, notice } from '../fixtures/node/backend/payments'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { call, record } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const HOLDER = DEMO_ID_CARD.idNumber
const AGENT = { idNumber: HOLDER, name: DEMO_ID_CARD.name }

type Member = {
  handle: string
  maskedName: string
  maskedId: string
  relationship: string
  amountFen?: number
}

describe.each(STORES)('household register and 家庭缴费 on %s', (store) => {
  const backend = backendSession({ store, env: { FAULTS: 'on' } })
  const household = async (body: Record<string, unknown>, token = backend.terminal) =>
    call(backend.url, 'POST', '/api/terminal/household', { token, body })
  const members = async (itemCode: string, fields?: Record<string, string>) => {
    const res = await household({ idNumber: HOLDER, itemCode, ...(fields ? { fields } : {}) })
    expect(res.status, res.text).toBe(200)
    return res.body.members as Member[]
  }
  const post = (records: unknown[]) =>
    call(backend.url, 'POST', '/api/terminal/transactions', { token: backend.terminal, body: { records } })

  it('answers the holder and the family, masked and by handle, to a terminal only', async () => {
    const list = await members('HRSS-P-0002')
    expect(list.map((m) => [m.relationship, m.maskedName, m.maskedId])).toEqual([
      ['本人', '李*', `${HOLDER.slice(0, 4)}**********${HOLDER.slice(-4)}`],
      ['配偶', '王*', expect.stringMatching(/^4416\*{10}\d{3}[\dX]$/)],
      ['子女', '李*彤', expect.stringMatching(/^4416\*{10}\d{3}[\dX]$/)],
      ['父母', '李*福', expect.stringMatching(/^4416\*{10}\d{3}[\dX]$/)],
    ])
    const text = JSON.stringify(list)
    expect(text).not.toContain(HOLDER)
    expect(text).not.toMatch(/\d{17}[\dX]/)
    expect(new Set(list.map((m) => m.handle)).size).toBe(4)
    // The same holder gets the same handles (the kiosk can name a member later); no amounts without a 缴费.
    expect(await members('HRSS-P-0002')).toEqual(list)
    expect(list.every((m) => m.amountFen === undefined)).toBe(true)

    expect((await household({ idNumber: HOLDER, itemCode: 'HRSS-P-0002' }, 'x'.repeat(43))).status).toBe(401)
    const ops = await household({ idNumber: HOLDER, itemCode: 'HRSS-P-0002' }, backend.ops.token)
    expect([401, 403]).toContain(ops.status)
  })

  it('refuses an item that does not serve family, and an ID number with a wrong check digit, naming each', async () => {
    const notFamily = await household({ idNumber: HOLDER, itemCode: 'HRSS-Q-0001' })
    expect(notFamily.status).toBe(422)
    expect(notFamily.body.message).toContain('does not serve family')
    const wrong = `${HOLDER.slice(0, 17)}${HOLDER[17] === '0' ? '1' : '0'}`
    const bad = await household({ idNumber: wrong, itemCode: 'HRSS-P-0002' })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain('checkDigit')
  })

  it('pays three members in one order; the refused member alone is refunded, the others succeed', async () => {
    const { url, terminal, admin } = backend
    const list = await members('MED-PAY-0001', {})
    // The department's one rule (the medicare premium) for every member.
    expect(list.map((m) => m.amountFen)).toEqual([40_000, 40_000, 40_000, 40_000])
    const family = list.filter((m) => m.relationship !== '本人')
    const order = await createOrder(url, terminal, {
      household: { idNumber: HOLDER, members: family.map((m) => m.handle) },
    })
    expect(order.totalFen).toBe(120_000)
    const lines = order.lines as { subject: string; amountFen: number }[]
    expect(lines.map((l) => l.subject)).toEqual(
      family.map((m) => `${m.relationship} ${m.maskedName} ${m.maskedId}`),
    )
    expect(JSON.stringify(order)).not.toContain(HOLDER.slice(4, 14))
    expect((await notice(url, admin.token, order.orderId, { outcome: 'paid' })).status).toBe(200)

    const paid = record({
      itemCode: 'MED-PAY-0001',
      orderId: order.orderId,
      subject: AGENT,
      agent: AGENT,
      servedFor: '家人',
    })
    const res = await post([paid])
    expect(res.status, res.text).toBe(200)
    const [outcome] = res.body.outcomes
    expect(outcome.status).toBe('ok')
    const payment = outcome.result.payment
    expect(payment.lines.map((l: { refused?: string }) => Boolean(l.refused))).toEqual([false, false, true])
    expect(payment.lines[2].refused).toContain('已在其他渠道缴费')
    expect(payment.refund).toMatchObject({ amountFen: 40_000 })

    const figures = await call(url, 'GET', `/api/ops/payments?from=${today()}&to=${today()}`, {
      token: backend.ops.token,
    })
    const refunds = (figures.body.rows as { status: string; count: number; totalFen: number }[]).filter(
      (r) => r.status === 'refund',
    )
    expect(refunds).toEqual([expect.objectContaining({ count: 1, totalFen: 40_000 })])
    // The same record again answers the same result and makes no second refund.
    const again = await post([paid])
    expect(again.body.outcomes[0]).toMatchObject({ status: 'ok', replayed: true })
    expect(again.body.outcomes[0].result.payment.refund).toEqual(payment.refund)
  })

  it('a department refusing every payment refuses each member line, and the whole order is refunded once', async () => {
    const { url, terminal, admin } = backend
    const faults = (departments: Record<string, unknown>) =>
      call(url, 'PUT', '/api/admin/departments/faults', { token: admin.token, body: { departments } })
    const [, spouse, child] = await members('MED-PAY-0001', {})
    const order = await createOrder(url, terminal, {
      household: { idNumber: HOLDER, members: [spouse!.handle, child!.handle] },
    })
    await notice(url, admin.token, order.orderId, { outcome: 'paid' })
    expect((await faults({ medicare: { refusePayments: true } })).status).toBe(200)
    try {
      const res = await post([
        record({
          itemCode: 'MED-PAY-0001',
          orderId: order.orderId,
          subject: AGENT,
          agent: AGENT,
          servedFor: '家人',
        }),
      ])
      const payment = res.body.outcomes[0].result.payment
      expect(payment.lines.every((l: { refused?: string }) => l.refused?.includes('already paid'))).toBe(true)
      expect(payment.refund.amountFen).toBe(order.totalFen)
    } finally {
      await faults({})
    }
  })

  it('refuses an order naming someone outside the household, and a 家庭缴费 of an item not serving family', async () => {
    const { url, terminal } = backend
    const outsider = await call(url, 'POST', '/api/terminal/orders', {
      token: terminal,
      body: {
        orderId: crypto.randomUUID(),
        itemCode: 'MED-PAY-0001',
        catalogVersion: 1,
        method: 'wechat',
        household: { idNumber: HOLDER, members: ['not-a-handle'] },
      },
    })
    expect(outsider.status).toBe(400)
    expect(outsider.body.message).toContain('not a member of this household')
  })

  it('stores 家人 and 他人 records with the relationship, refuses 代办 that cannot stand, and counts the share', async () => {
    const [, spouse] = await members('HRSS-P-0002')
    const forSpouse = record({
      itemCode: 'HRSS-P-0002',
      agent: AGENT,
      subject: AGENT,
      servedFor: '家人',
      member: spouse!.handle,
    })
    const self = record({ itemCode: 'HRSS-P-0002' })
    const selfAsFamily = record({
      itemCode: 'HRSS-P-0002',
      agent: AGENT,
      subject: AGENT,
      servedFor: '他人',
      relationship: '配偶',
    })
    const notServed = record({
      itemCode: 'HRSS-Q-0001',
      agent: AGENT,
      servedFor: '家人',
      member: spouse!.handle,
    })
    const noAgent = record({ itemCode: 'HRSS-P-0002', servedFor: '家人', member: spouse!.handle })
    const strangerHandle = record({
      itemCode: 'HRSS-P-0002',
      agent: AGENT,
      servedFor: '家人',
      member: 'x'.repeat(22),
    })
    const res = await post([forSpouse, self, selfAsFamily, notServed, noAgent, strangerHandle])
    expect(res.status, res.text).toBe(200)
    const outcomes = res.body.outcomes as { status: string; message?: string }[]
    expect(outcomes.map((o) => o.status)).toEqual([
      'ok',
      'ok',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ])
    expect(outcomes[2]!.message).toContain('does not serve 他人')
    expect(outcomes[3]!.message).toContain('does not serve 家人')
    expect(outcomes[4]!.message).toContain('names the identified agent')
    expect(outcomes[5]!.message).toContain('家庭成员不存在')
    const sameSelf = record({
      itemCode: 'MED-PAY-0001',
      agent: AGENT,
      subject: AGENT,
      servedFor: '本人',
    })
    expect((await post([sameSelf])).body.outcomes[0].message).toContain(
      'only a record served for 家人 or 他人',
    )

    const day = '2026-11-27'
    const share = await call(backend.url, 'GET', `/api/ops/agency?from=${day}&to=${day}`, {
      token: backend.ops.token,
    })
    expect(share.status, share.text).toBe(200)
    const rows = share.body.rows as { itemCode: string; records: number; family: number; others: number }[]
    expect(rows.find((r) => r.itemCode === 'HRSS-P-0002')).toEqual({
      itemCode: 'HRSS-P-0002',
      itemName: { zh: '参保证明打印', en: 'Insurance certificate' },
      records: 2,
      family: 1,
      others: 0,
    })
    // The two 家庭缴费 of the tests before are 代办 for family too.
    expect(rows.find((r) => r.itemCode === 'MED-PAY-0001')).toMatchObject({ family: 2, others: 0 })
    const terminalAsks = await call(backend.url, 'GET', `/api/ops/agency?from=${day}&to=${day}`, {
      token: backend.terminal,
    })
    expect([401, 403]).toContain(terminalAsks.status)
  })
})
