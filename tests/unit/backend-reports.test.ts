import { beforeAll, describe, expect, it } from 'vitest'
import { COLUMN_FIELDS, rowsFromColumns } from '../../mock-backend/src/reports/columns'
import { backdateBackend } from '../fixtures/node/backend/history'
import { paidRecord } from '../fixtures/node/backend/payments'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { call, record } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

// The same route-level tests on both stores (SQLite in the data folder, PostgreSQL in the folder's database).
describe.each(STORES)('reports on %s', (store) => {
  // FAULTS=on: the 缴费 record is paid through the simulated gateway (payments/gateway.ts).
  const backend = backendSession({ store, env: { FAULTS: 'on' } })
  let url: string
  let ops: string
  const S = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']
  const S3 = '33333333-3333-4333-8333-333333333333'
  const S4 = '44444444-4444-4444-8444-444444444444'

  async function ingest(token: string, records: Record<string, unknown>[]): Promise<void> {
    const res = await call(url, 'POST', '/api/terminal/transactions', { token, body: { records } })
    expect(res.status).toBe(200)
    for (const o of res.body.outcomes) expect(o.status).toBe('ok')
  }

  async function counters(token: string, list: [string, string, string, number][]): Promise<void> {
    const res = await call(url, 'POST', '/api/terminal/counters', {
      token,
      body: { counters: list.map(([day, itemCode, metric, value]) => ({ day, itemCode, metric, value })) },
    })
    expect(res.status).toBe(200)
    for (const o of res.body.outcomes) expect(o).toEqual({ status: 'accepted', reason: 'merged' })
  }

  beforeAll(async () => {
    url = backend.url
    const admin = backend.admin.token
    ops = backend.ops.token
    const demo = backend.terminal
    const created = await call(url, 'POST', '/api/admin/terminals', {
      token: admin,
      body: { name: '=HYPERLINK("http://evil.example","点我")', location: '@SUM(A1)', groups: [] },
    })
    const t2 = (await call(url, 'POST', '/api/terminals/enrol', { body: { code: created.body.enrolCode } }))
      .body.token

    // Both terminals and the catalog have been in service since before the reported days.
    await backdateBackend(backend.server, '2025-12-30T09:00:00+08:00')

    await ingest(demo, [
      // 23:30 in Shanghai on 1 January: day 2026-01-01.
      record({ sessionId: S[0], itemCode: 'HRSS-Q-0001', createdAt: '2026-01-01T23:30:00+08:00' }),
      // 16:30 UTC on 1 January is 00:30 on 2 January in Shanghai.
      record({ sessionId: S[1], itemCode: 'HRSS-Q-0001', createdAt: '2026-01-01T16:30:00Z' }),
      await paidRecord(url, demo, admin, {
        sessionId: S[0],
        itemCode: 'MED-PAY-0001',
        createdAt: '2026-01-01T08:00:00+08:00',
      }),
      record({ sessionId: S3, itemCode: 'TAX-Q-0001', createdAt: '2026-01-01T15:59:59Z' }),
      record({ sessionId: S3, itemCode: 'HRSS-P-0002', createdAt: '2025-12-31T16:00:00Z' }),
    ])
    await ingest(t2, [
      record({ sessionId: S4, itemCode: 'HRSS-Q-0001', createdAt: '2026-01-01T12:00:00+08:00' }),
    ])
    await counters(demo, [
      ['2026-01-01', '', 'sessions', 2],
      ['2026-01-01', 'HRSS-Q-0001', 'completions', 1],
      ['2026-01-01', 'MED-PAY-0001', 'completions', 1],
      ['2026-01-01', 'HRSS-Q-0001', 'rating5', 2],
      ['2026-01-01', 'HRSS-Q-0001', 'rating4', 1],
      ['2026-01-01', 'MED-PAY-0001', 'rating2', 1],
      ['2026-01-01', 'HRSS-Q-0001', 'views', 40],
      ['2026-01-01', 'HRSS-Q-0001', 'starts', 2],
      ['2026-01-01', 'MED-PAY-0001', 'starts', 1],
      ['2026-01-01', 'TAX-Q-0001', 'starts', 1],
      ['2026-01-01', 'TAX-Q-0001', 'abandons', 1],
      ['2026-01-02', '', 'sessions', 1],
      ['2026-01-02', 'HRSS-Q-0001', 'rating3', 1],
      ['2026-01-03', '', 'sessions', 9],
    ])
    await counters(t2, [
      ['2026-01-01', '', 'sessions', 4],
      ['2026-01-01', 'HRSS-Q-0001', 'rating1', 1],
    ])
  }, 30_000)

  const daily = async (query: string) => {
    const res = await call(url, 'GET', `/api/ops/daily-counts?from=2026-01-01&to=2026-01-02${query}`, {
      token: ops,
    })
    expect(res.status).toBe(200)
    return res.body
  }

  describe('daily counts', () => {
    it('counts per Shanghai day, with totals', async () => {
      const r = await daily('')
      expect(r.by).toBe('day')
      expect(r.rows).toHaveLength(2)
      expect(r.rows[0]).toMatchObject({
        day: '2026-01-01',
        sessions: 6,
        transactions: 5,
        views: 40,
        starts: 4,
        completions: 2,
        abandons: 1,
        completionRate: 0.5,
        ratings: 5,
        rating1: 1,
        rating2: 1,
        rating3: 0,
        rating4: 1,
        rating5: 2,
        goodRate: 0.6,
      })
      expect(r.rows[1]).toMatchObject({
        day: '2026-01-02',
        sessions: 1,
        transactions: 1,
        starts: 0,
        completionRate: null,
        ratings: 1,
        rating3: 1,
        // 基本满意 is not a 差评, so it counts as 好评.
        goodRate: 1,
      })
      expect(r.totals).toMatchObject({
        sessions: 7,
        transactions: 6,
        views: 40,
        starts: 4,
        completions: 2,
        abandons: 1,
        completionRate: 0.5,
        ratings: 6,
        goodRate: 4 / 6,
      })
    })

    it('splits by item with distinct sessions among transactions', async () => {
      const r = await daily('&by=item')
      const row = (day: string, key: string) =>
        r.rows.find((x: { day: string; key: string }) => x.day === day && x.key === key)
      expect(row('2026-01-01', 'HRSS-Q-0001')).toMatchObject({
        label: '社保缴费查询',
        transactions: 2,
        sessions: 2,
        starts: 2,
        completions: 1,
        completionRate: 0.5,
        ratings: 4,
        goodRate: 0.75,
      })
      expect(row('2026-01-01', 'MED-PAY-0001')).toMatchObject({
        transactions: 1,
        sessions: 1,
        completions: 1,
        goodRate: 0,
      })
      expect(row('2026-01-01', 'TAX-Q-0001')).toMatchObject({
        transactions: 1,
        sessions: 1,
        ratings: 0,
        goodRate: null,
      })
      expect(row('2026-01-02', 'HRSS-Q-0001')).toMatchObject({ transactions: 1, sessions: 1, rating3: 1 })
      expect(r.rows).toHaveLength(5)
    })

    it('sums each key over the whole range with span=range (one row per key, day = from/to)', async () => {
      const r = await daily('&by=item&span=range')
      const hrss = r.rows.find((x: { key: string }) => x.key === 'HRSS-Q-0001')
      expect(hrss).toMatchObject({
        day: '2026-01-01/2026-01-02',
        transactions: 3,
        sessions: 3,
        starts: 2,
        completions: 1,
        rating3: 1,
        ratings: 5,
      })
      expect(r.rows.filter((x: { key: string }) => x.key === 'HRSS-Q-0001')).toHaveLength(1)
      const perDay = await daily('&by=item')
      expect(r.totals).toEqual(perDay.totals)
      const narrowed = await daily('&by=terminal&span=range&department=hrss')
      expect(narrowed.rows).toHaveLength(2)
      expect(narrowed.totals).toMatchObject({ transactions: 4, sessions: 4 })
      const bad = await call(url, 'GET', '/api/ops/daily-counts?from=2026-01-01&to=2026-01-02&span=range', {
        token: ops,
      })
      expect(bad.status).toBe(400)
      expect(bad.body.message).toContain('span')
    })

    it('narrows to one department and tags item rows with their department', async () => {
      const r = await daily('&by=item&department=hrss')
      expect(r.department).toBe('hrss')
      expect(r.rows.map((x: { key: string }) => x.key).sort()).toEqual([
        'HRSS-P-0002',
        'HRSS-Q-0001',
        'HRSS-Q-0001',
      ])
      expect(r.rows.every((x: { department: string }) => x.department === 'hrss')).toBe(true)
      expect(r.totals).toMatchObject({ transactions: 4, sessions: 4, completions: 1, ratings: 5 })
    })

    it('splits by department and by terminal', async () => {
      const d = await daily('&by=department')
      const hrss = d.rows.find(
        (x: { day: string; key: string }) => x.day === '2026-01-01' && x.key === 'hrss',
      )
      expect(hrss).toMatchObject({ label: '人社', transactions: 3, sessions: 3, completions: 1, ratings: 4 })
      const t = await daily('&by=terminal')
      const demo = t.rows.find(
        (x: { day: string; key: string }) => x.day === '2026-01-01' && x.key === 'T-DEMO-0001',
      )
      expect(demo).toMatchObject({
        label: '演示终端',
        sessions: 2,
        transactions: 4,
        completions: 2,
        ratings: 4,
      })
      const other = t.rows.find(
        (x: { day: string; key: string }) => x.day === '2026-01-01' && x.key !== 'T-DEMO-0001',
      )
      expect(other).toMatchObject({ sessions: 4, transactions: 1, ratings: 1, rating1: 1, goodRate: 0 })
    })

    it('answers layout=columns with the same figures as the row objects, cached or not', async () => {
      for (const query of [
        '',
        '&by=item',
        '&by=department',
        '&by=terminal',
        '&by=item&span=range',
        '&by=item&department=hrss',
      ]) {
        const rows = await daily(query)
        const columns = await daily(`${query}&layout=columns`)
        expect(columns.layout, query).toBe('columns')
        expect(columns.fields, query).toEqual([...COLUMN_FIELDS])
        expect(rowsFromColumns(columns), query).toEqual(rows)
      }
      const item = await daily('&by=item&layout=columns')
      // 12 numbers per row: key index + 11 figures; HRSS-Q-0001 on 1 January has 2 transactions.
      const [day, numbers] = item.days[0]
      expect(day).toBe('2026-01-01')
      const k = item.keys.indexOf('HRSS-Q-0001')
      const starts = numbers.map((_: number, i: number) => i).filter((i: number) => i % 12 === 0)
      const at = starts.find((i: number) => numbers[i] === k)
      expect(numbers.length % 12).toBe(0)
      expect(item.labels[k]).toBe('社保缴费查询')
      expect(item.departments[k]).toBe('hrss')
      expect(numbers[at + 2]).toBe(2)
      const bad = await call(url, 'GET', '/api/ops/daily-counts?from=2026-01-01&to=2026-01-02&layout=flat', {
        token: ops,
      })
      expect(bad.status).toBe(400)
      expect(bad.body.message).toContain('layout')
    })

    it('exports CSV with a BOM and neutralised formulas', async () => {
      const res = await fetch(
        `${url}/api/ops/daily-counts?from=2026-01-01&to=2026-01-02&by=terminal&format=csv`,
        {
          headers: { authorization: `Bearer ${ops}` },
        },
      )
      expect(res.headers.get('content-type')).toContain('text/csv')
      const bytes = new Uint8Array(await res.arrayBuffer())
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
      const lines = text.slice(1).trim().split('\r\n')
      expect(lines[0]).toBe(
        '日期,编码,名称,服务人数,办件量,浏览数,开始办理数,办结数,放弃数,办结率,评价数,非常不满意,不满意,基本满意,满意,非常满意,好评率',
      )
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`)
      expect(text).not.toMatch(/,=HYPERLINK/)
      expect(lines.at(-1)).toBe('合计,,,7,6,40,4,2,1,50.0%,6,1,1,1,1,2,66.7%')
    })

    it('names the bad query parameter', async () => {
      const bad = await call(url, 'GET', '/api/ops/daily-counts?from=2026-13-01&to=2026-01-02', {
        token: ops,
      })
      expect(bad.status).toBe(400)
      expect(bad.body.message).toContain('from')
      const reversed = await call(url, 'GET', '/api/ops/daily-counts?from=2026-02-01&to=2026-01-02', {
        token: ops,
      })
      expect(reversed.status).toBe(400)
      const by = await call(url, 'GET', '/api/ops/daily-counts?from=2026-01-01&to=2026-01-02&by=x', {
        token: ops,
      })
      expect(by.body.message).toContain('by')
    })
  })
})
