import { beforeAll, describe, expect, it } from 'vitest'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { call, login, OPS_PASSWORD, record, spawnBackend, uuid } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

// A real backend process on a fake clock: Monday 2026-11-23 09:00 in Shanghai. Every case finishes late
// (CASE_LATE_RATE=1) so the restart a day later must show a yellow card.
const MONDAY = '2026-11-23T09:00:00+08:00'
const TUESDAY = '2026-11-24T10:00:00+08:00'
const ID = '44160019900101123X'

// On both stores: the restart a day later reopens the same data (kiosk.sqlite, or the data folder's database).
describe.each(STORES)('case routes against the real process (FAKE_NOW) on %s', (store) => {
  const backend = backendSession({
    store,
    env: { FAKE_NOW: MONDAY, CASE_LATE_RATE: '1', CASE_REFUSE_RATE: '0' },
    signIn: ['ops', 'terminal'],
  })
  let token: string
  let ops: string
  let reference: string
  let transactionKey: string

  beforeAll(async () => {
    token = backend.terminal
    ops = backend.ops.token
    const apply = record({
      itemCode: 'POL-APPLY-0001',
      subject: { idNumber: ID },
      fields: { phone: '13800138000' },
    })
    const query = record({ itemCode: 'HRSS-Q-0001' })
    const res = await call(backend.server.url, 'POST', '/api/terminal/transactions', {
      token,
      body: { records: [apply, query] },
    })
    expect(res.status).toBe(200)
    expect(res.body.outcomes.map((o: { status: string }) => o.status)).toEqual(['ok', 'ok'])
    reference = res.body.outcomes[0].result.reference
    transactionKey = apply.key as string
  }, 60_000)

  it('makes the 申办 record a case, looked up by number (any letter case) and by ID number', async () => {
    const byNumber = await call(backend.server.url, 'GET', `/api/terminal/cases/${reference.toLowerCase()}`, {
      token,
    })
    expect(byNumber.status).toBe(200)
    const [c] = byNumber.body.cases
    expect(c).toMatchObject({
      caseNumber: reference,
      transactionKey,
      kind: '申办',
      status: '已受理',
      dueDay: '2026-11-23',
      limit: { days: 0, immediate: true },
      calendarCovered: true,
      rated: false,
    })
    // The fake clock starts at FAKE_NOW and then runs at normal speed.
    expect(c.history).toHaveLength(1)
    expect(c.history[0].status).toBe('已受理')
    expect(Date.parse(c.history[0].at) - Date.parse(MONDAY)).toBeGreaterThanOrEqual(0)
    expect(Date.parse(c.history[0].at) - Date.parse(MONDAY)).toBeLessThan(60_000)
    expect(byNumber.body.calendar).toMatchObject({ source: 'chinese-days', lastYear: 2026 })
    expect(JSON.stringify(byNumber.body)).not.toContain(ID)

    const byId = await call(backend.server.url, 'POST', '/api/terminal/cases/lookup', {
      token,
      body: { idNumber: ID },
    })
    expect(byId.status).toBe(200)
    expect(byId.body.cases.map((x: { caseNumber: string }) => x.caseNumber)).toEqual([reference])
    // A 查询 transaction is not a case.
    expect(
      (await call(backend.server.url, 'GET', '/api/terminal/cases/CX2026112300001', { token })).status,
    ).toBe(404)
  })

  it('rejects bad lookups with the field named and guards the routes', async () => {
    const bad = await call(backend.server.url, 'GET', '/api/terminal/cases/SB-1', { token })
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringMatching(/^caseNumber:/)])
    const badId = await call(backend.server.url, 'POST', '/api/terminal/cases/lookup', {
      token,
      body: { idNumber: '123' },
    })
    expect([badId.status, badId.body.message]).toEqual([400, expect.stringMatching(/idNumber/)])
    expect((await call(backend.server.url, 'GET', `/api/terminal/cases/${reference}`)).status).toBe(401)
    expect((await call(backend.server.url, 'GET', '/api/ops/supervision/summary', { token })).status).toBe(
      403,
    )
    expect(
      (await call(backend.server.url, 'GET', `/api/terminal/cases/${reference}`, { token: ops })).status,
    ).toBe(403)
  })

  it('takes one rating per case and opens a follow-up for a bad one', async () => {
    const key = uuid()
    const first = await call(backend.server.url, 'POST', '/api/terminal/ratings', {
      token,
      body: { caseNumber: reference, level: 1, key },
    })
    expect(first.status).toBe(201)
    expect(first.body.followUp).toMatchObject({ dueDay: '2026-12-14' })
    const retry = await call(backend.server.url, 'POST', '/api/terminal/ratings', {
      token,
      body: { caseNumber: reference, level: 1, key },
    })
    expect([retry.status, retry.body.replayed]).toEqual([200, true])
    const second = await call(backend.server.url, 'POST', '/api/terminal/ratings', {
      token,
      body: { transactionKey, level: 5 },
    })
    const unknown = await call(backend.server.url, 'POST', '/api/terminal/ratings', {
      token,
      body: { transactionKey: uuid(), level: 5 },
    })
    // Already rated and unknown answer alike: same status, code and body.
    expect([second.status, second.body.error]).toEqual([404, 'case_not_ratable'])
    expect(second.body).toEqual(unknown.body)
    const badLevel = await call(backend.server.url, 'POST', '/api/terminal/ratings', {
      token,
      body: { transactionKey, level: 6 },
    })
    expect([badLevel.status, badLevel.body.message]).toEqual([400, expect.stringMatching(/^body: level/)])
  })

  it('shows ops the case as 预警 today and the open follow-up', async () => {
    const res = await call(backend.server.url, 'GET', '/api/ops/supervision/summary', { token: ops })
    expect(res.status).toBe(200)
    expect(res.body.today).toBe('2026-11-23')
    expect(
      res.body.warnings.rows.map((w: { case: { caseNumber: string }; daysLeft: number }) => [
        w.case.caseNumber,
        w.daysLeft,
      ]),
    ).toEqual([[reference, 0]])
    expect(res.body.warnings.byDepartment).toEqual([
      { department: 'police', departmentName: '公安', count: 1 },
    ])
    expect(res.body.followUps).toHaveLength(1)
    expect(res.body.ratings.figures).toMatchObject({
      cases: 1,
      ratings: 1,
      coverage: 1,
      bad: 1,
      rectified: 0,
    })
    expect(JSON.stringify(res.body)).not.toMatch(/subjectHash|ratingKey/)
  })

  it('after a restart a day later (same data, later FAKE_NOW) the case is a yellow card; ops close the follow-up; CSV exports', async () => {
    await backend.server.stop()
    backend.server = await spawnBackend({
      store,
      dataDir: backend.server.dataDir,
      env: { FAKE_NOW: TUESDAY, CASE_LATE_RATE: '1' },
    })
    ops = (await login(backend.server.url, 'ops', OPS_PASSWORD)).token
    const cards = await call(
      backend.server.url,
      'GET',
      '/api/ops/supervision/yellow-cards?from=2026-11&to=2026-11',
      {
        token: ops,
      },
    )
    expect(cards.status).toBe(200)
    expect(
      cards.body.rows.map((r: { case: { caseNumber: string }; month: string }) => [
        r.case.caseNumber,
        r.month,
      ]),
    ).toEqual([[reference, '2026-11']])
    expect(cards.body.byDepartmentMonth).toEqual([
      { department: 'police', departmentName: '公安', month: '2026-11', count: 1 },
    ])

    const csv = await call(
      backend.server.url,
      'GET',
      '/api/ops/supervision/yellow-cards?from=2026-11&to=2026-11&format=csv',
      {
        token: ops,
      },
    )
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(csv.headers.get('content-disposition')).toContain('yellow-cards-2026-11-2026-11.csv')
    const raw = await fetch(
      `${backend.server.url}/api/ops/supervision/yellow-cards?from=2026-11&to=2026-11&format=csv`,
      {
        headers: { authorization: `Bearer ${ops}` },
      },
    )
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.text).toContain(reference)

    const list = await call(backend.server.url, 'GET', '/api/ops/supervision/follow-ups', { token: ops })
    const id = list.body.rows[0].id
    const early = await call(backend.server.url, 'POST', `/api/ops/supervision/follow-ups/${id}/close`, {
      token: ops,
    })
    expect(early.status).toBe(400)
    const patch = await call(backend.server.url, 'POST', `/api/ops/supervision/follow-ups/${id}`, {
      token: ops,
      body: { contactNote: '已电话回访', rectification: '优化叫号流程', outcome: '群众认可' },
    })
    expect(patch.status).toBe(200)
    // Recording the contact stamps it with the case clock: an ISO instant just after FAKE_NOW, never null.
    expect(patch.body.contactedAt).toEqual(expect.any(String))
    expect(patch.body.contactedAt).toBe(new Date(patch.body.contactedAt).toISOString())
    const contactedMs = Date.parse(patch.body.contactedAt) - Date.parse(TUESDAY)
    expect(contactedMs).toBeGreaterThanOrEqual(0)
    expect(contactedMs).toBeLessThan(5 * 60_000)
    const closed = await call(backend.server.url, 'POST', `/api/ops/supervision/follow-ups/${id}/close`, {
      token: ops,
    })
    expect([closed.status, closed.body.closedBy]).toEqual([200, 'ops'])
    const ratings = await call(
      backend.server.url,
      'GET',
      '/api/ops/supervision/ratings?from=2026-11-01&to=2026-11-30',
      {
        token: ops,
      },
    )
    expect(ratings.body.figures).toMatchObject({ rectified: 1, rectificationRate: 1 })
    const ratingsCsv = await call(
      backend.server.url,
      'GET',
      '/api/ops/supervision/ratings?from=2026-11-01&to=2026-11-30&format=csv',
      { token: ops },
    )
    expect(ratingsCsv.text).toContain('差评整改率,100.00%')
  }, 60_000)

  it('refuses to start with an unreadable FAKE_NOW, naming it', async () => {
    await expect(spawnBackend({ env: { FAKE_NOW: 'yesterday' } })).rejects.toThrow(/FAKE_NOW/)
  }, 30_000)
})
