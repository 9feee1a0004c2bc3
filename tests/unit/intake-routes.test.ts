/**
 * The intake API against the real process (FAKE_NOW): a system account of role intake submits other channels'
 * cases, their status changes and ratings; retries store nothing twice, bad input names the entry and field, and
 * ops see the figures per channel.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { call, login, record, uuid } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

// Monday 2026-11-23 09:00 in Shanghai; the clock then runs at normal speed.
const MONDAY = '2026-11-23T09:00:00+08:00'
const EARLIER = '2026-11-23T08:00:00+08:00'

describe('intake API (system accounts of other channels)', () => {
  const backend = backendSession({
    env: { FAKE_NOW: MONDAY, CASE_LATE_RATE: '0', CASE_REFUSE_RATE: '0' },
    signIn: ['admin', 'ops', 'terminal'],
  })
  let system: string
  const window = {
    key: uuid(),
    channel: '窗口',
    itemCode: 'POL-APPLY-0001',
    caseNumber: 'ck2026112300001',
    acceptedAt: EARLIER,
  }
  const portal = {
    key: uuid(),
    channel: '网上',
    itemCode: 'POL-APPT-0001',
    caseNumber: 'WB2026112300001',
    acceptedAt: EARLIER,
  }
  let terminalCase: string
  const post = (path: string, body: unknown, token = system) =>
    call(backend.url, 'POST', `/api/intake/${path}`, { token, body })

  beforeAll(async () => {
    const created = await call(backend.url, 'POST', '/api/admin/accounts', {
      token: backend.admin.token,
      body: { username: 'window-system', role: 'intake' },
    })
    expect(created.status).toBe(201)
    system = (await login(backend.url, 'window-system', created.body.password)).token
    const apply = record({
      itemCode: 'POL-APPLY-0001',
      subject: { idNumber: '44160019900101123X' },
      fields: { phone: '13800138000' },
    })
    const res = await call(backend.url, 'POST', '/api/terminal/transactions', {
      token: backend.terminal,
      body: { records: [apply] },
    })
    expect(res.status).toBe(200)
    terminalCase = apply.key as string
  }, 60_000)

  it('opens the cases once: a retry replays, a changed retry is a conflict naming the field', async () => {
    const first = await post('cases', { cases: [window, portal] })
    expect(first.status).toBe(200)
    expect(first.body.outcomes).toEqual([
      { key: window.key, status: 'stored', caseNumber: 'CK2026112300001', dueDay: '2026-11-23' },
      { key: portal.key, status: 'stored', caseNumber: 'WB2026112300001', dueDay: '2026-11-23' },
    ])
    const again = await post('cases', { cases: [window, portal] })
    expect(again.body.outcomes.map((o: { status: string }) => o.status)).toEqual(['replayed', 'replayed'])
    const changed = await post('cases', { cases: [{ ...window, itemCode: 'POL-APPT-0001' }] })
    expect(changed.status).toBe(409)
    expect(changed.body.message).toBe(
      `body: cases.0.itemCode: case ${window.key} was stored with another itemCode`,
    )
  })

  it('refuses bad cases before storing any, naming the entry and field', async () => {
    const fresh = () => ({ ...window, key: uuid() })
    const cases = [
      [{ ...fresh(), channel: '自助终端' }, 'cases.0.channel'],
      [
        { ...fresh(), itemCode: 'HRSS-Q-0001' },
        'cases.0.itemCode: HRSS-Q-0001 is a 查询 item; only 申办 and 预约 items are cases',
      ],
      [{ ...fresh(), itemCode: 'NOPE-0001' }, 'cases.0.itemCode: NOPE-0001 is not in the published catalog'],
      [{ ...fresh(), acceptedAt: '2026-11-24T09:00:00+08:00' }, 'cases.0.acceptedAt: is in the future'],
      [
        { ...fresh(), acceptedAt: '2026-10-01T09:00:00+08:00' },
        'cases.0.acceptedAt: is more than 31 days ago',
      ],
      [{ ...fresh(), caseNumber: 'C-1' }, 'cases.0.caseNumber'],
      [{ ...fresh(), district: '4416' }, 'cases.0.district: must be a six-digit division code'],
      // A city with districts below it, and a district code the tree does not hold.
      [
        { ...fresh(), district: '441600' },
        'cases.0.district: 441600 is not a district of the organisation tree',
      ],
      [
        { ...fresh(), district: '441699' },
        'cases.0.district: 441699 is not a district of the organisation tree',
      ],
    ] as const
    for (const [c, message] of cases) {
      const res = await post('cases', { cases: [c] })
      expect(res.status, message).toBe(400)
      expect(res.body.message).toContain(message)
    }
    const twice = fresh()
    const repeated = await post('cases', { cases: [twice, twice] })
    expect(repeated.status).toBe(400)
    expect(repeated.body.message).toBe(`body: cases.1.key: ${twice.key} appears twice in this request`)
    const good = fresh()
    expect((await post('cases', { cases: [good, { ...fresh(), itemCode: 'NOPE-0001' }] })).status).toBe(400)
    // Nothing of a refused request is stored: the good case is new on its own.
    expect((await post('cases', { cases: [good] })).body.outcomes[0].status).toBe('stored')
  })

  it("stores a channel's status changes once, and refuses them for a terminal's planned case", async () => {
    const finished = { key: window.key, status: '办结', at: '2026-11-23T08:30:00+08:00' }
    const res = await post('case-events', { events: [finished] })
    expect(res.status).toBe(200)
    expect(res.body.outcomes).toEqual([{ key: window.key, status: 'stored' }])
    expect((await post('case-events', { events: [finished] })).body.outcomes[0].status).toBe('replayed')
    const planned = await post('case-events', { events: [{ ...finished, key: terminalCase }] })
    expect(planned.status).toBe(409)
    expect(planned.body.message).toContain('events.0.key: case')
    const unknown = await post('case-events', { events: [{ ...finished, key: uuid() }] })
    expect(unknown.status).toBe(404)
    const early = await post('case-events', {
      events: [{ ...finished, key: portal.key, at: '2026-11-23T07:00:00+08:00' }],
    })
    expect(early.status).toBe(400)
    expect(early.body.message).toBe('body: events.0.at: is before the case was accepted')
    const future = await post('case-events', {
      events: [{ ...finished, key: portal.key, at: '2026-11-25T07:00:00+08:00' }],
    })
    expect(future.body.message).toBe('body: events.0.at: is in the future')
  })

  it('takes one rating per case of any channel; a bad one opens a follow-up; ops see the figures per channel', async () => {
    const bad = { caseKey: window.key, level: 2, key: uuid() }
    const terminalRating = { caseKey: terminalCase, level: 5, key: uuid() }
    const res = await post('ratings', { ratings: [bad, terminalRating] })
    expect(res.status).toBe(200)
    expect(res.body.outcomes).toEqual([
      { caseKey: window.key, status: 'stored', followUpId: expect.any(Number) },
      { caseKey: terminalCase, status: 'stored', followUpId: null },
    ])
    const again = await post('ratings', { ratings: [bad] })
    expect(again.body.outcomes[0]).toMatchObject({ status: 'replayed' })
    const second = await post('ratings', { ratings: [{ ...bad, key: uuid(), level: 5 }] })
    expect(second.status).toBe(409)
    expect(second.body.message).toBe(
      `body: ratings.0.caseKey: case ${window.key} is rated already (一事一评)`,
    )
    const unknown = await post('ratings', { ratings: [{ ...bad, caseKey: uuid() }] })
    expect(unknown.status).toBe(404)
    const level = await post('ratings', { ratings: [{ ...bad, level: 6 }] })
    expect(level.status).toBe(400)
    expect(level.body.message).toContain('ratings.0.level')

    const figures = await call(
      backend.url,
      'GET',
      '/api/ops/supervision/ratings?from=2026-11-01&to=2026-11-30',
      {
        token: backend.ops.token,
      },
    )
    expect(figures.status).toBe(200)
    const byChannel = Object.fromEntries(
      figures.body.byChannel.map((c: { channel: string; cases: number; ratings: number; bad: number }) => [
        c.channel,
        [c.cases, c.ratings, c.bad],
      ]),
    )
    // 窗口: the case above and the good one stored by the refused-input test.
    expect(byChannel).toEqual({ 自助终端: [1, 1, 0], 窗口: [2, 1, 1], 网上: [1, 0, 0] })
    expect(figures.body.figures).toMatchObject({ cases: 4, ratings: 2, bad: 1 })
    const csv = await fetch(
      `${backend.url}/api/ops/supervision/ratings?from=2026-11-01&to=2026-11-30&format=csv`,
      {
        headers: { authorization: `Bearer ${backend.ops.token}` },
      },
    )
    const text = await csv.text()
    expect(text).toContain('渠道,办件量,评价数,评价覆盖度,好评率,差评数,差评整改率\r\n')
    expect(text).toContain('窗口,2,1,50.00%,0.00%,1,0.00%\r\n')
    expect(text).toContain('网上,1,0,0.00%,,0,\r\n')
  })

  it('lets a system account use nothing but the intake routes', async () => {
    expect((await call(backend.url, 'GET', '/api/ops/supervision/ratings', { token: system })).status).toBe(
      403,
    )
    expect((await post('cases', { cases: [window] }, backend.ops.token)).status).toBe(403)
    expect((await post('cases', { cases: [window] }, backend.terminal)).status).toBe(403)
  })
})
