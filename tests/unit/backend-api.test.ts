import { beforeAll, describe, expect, it } from 'vitest'
import { loggedPath, PUBLIC_ROUTES } from '../../mock-backend/src/app'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { documentUrl } from '../../mock-backend/src/departments/answer'
import { appEndpoints, buildApp, type Endpoint, samplePath } from '../fixtures/node/backend/appRoutes'
import { backdateBackend } from '../fixtures/node/backend/history'
import { paidRecord } from '../fixtures/node/backend/payments'
import { STORES } from '../fixtures/node/backend/postgresStores'
import {
  ADMIN_PASSWORD,
  call,
  demoToken,
  login,
  OPS_PASSWORD,
  record,
  spawnBackend,
} from '../fixtures/node/backend/server'
import { backendSession, type StaffLogin } from '../fixtures/node/backend/session'

describe('request log', () => {
  it('masks path segments that could hold an ID number, phone, case number or name', () => {
    expect(loggedPath('/api/terminal/cases/44010619800101001X')).toBe('/api/terminal/cases/…')
    expect(loggedPath('/api/documents/SB2026112300001')).toBe('/api/documents/…')
    expect(loggedPath('/api/x/138 0013-8000/王小明')).toBe('/api/x/…/…')
    // What identifies a route or a terminal stays readable.
    expect(loggedPath('/api/admin/terminals/T-DEMO-0001')).toBe('/api/admin/terminals/T-DEMO-0001')
    expect(loggedPath('/api/ops/supervision/follow-ups/12/close')).toBe(
      '/api/ops/supervision/follow-ups/12/close',
    )
    expect(loggedPath(`/${'a'.repeat(5000)}`)).toHaveLength(200)
  })
})

/** Who may call an endpoint; every endpoint of the router must fall in one class, or the test fails. */
type Audience = 'public' | 'admin' | 'districtAdmin' | 'ops' | 'terminal' | 'staff' | 'intake' | 'helper'
const PUBLIC = new Set<string>(PUBLIC_ROUTES)
function audienceOf({ method, pattern }: Endpoint): Audience {
  if (PUBLIC.has(`${method} ${pattern}`)) return 'public'
  // A district's own catalog: an admin of a district, never the province's or a city's (403 district_only).
  if (pattern.startsWith('/api/admin/district-catalog')) return 'districtAdmin'
  if (pattern.startsWith('/api/admin/')) return 'admin'
  if (pattern.startsWith('/api/ops/')) return 'ops'
  if (pattern.startsWith('/api/terminal/')) return 'terminal'
  if (pattern.startsWith('/api/auth/')) return 'staff'
  if (pattern.startsWith('/api/intake/')) return 'intake'
  if (pattern.startsWith('/api/help/')) return 'helper'
  throw new Error(`${method} ${pattern}: say in the auth matrix who may call it`)
}
// Taken from the router (built with FAULTS=on, as this file's backend is), so a new route cannot be missed.
const ENDPOINTS = (await appEndpoints({ FAULTS: 'on' })).map((e) => ({ ...e, audience: audienceOf(e) }))

// Every route-level test below runs on both stores: the same process, on SQLite in its data folder and on
// PostgreSQL (DATABASE_URL, a database of the folder's own).
describe.each(STORES)('backend API on %s', (store) => {
  const backend = backendSession({ store, env: { FAULTS: 'on' } })
  let url: string
  let admin: StaffLogin
  let ops: StaffLogin
  let terminal: string
  /** A 帮办坐席 account: it may log in and use its own session, and nothing of the consoles yet. */
  let helper: StaffLogin
  let helperPassword: string
  /** A system account of another channel (the window system): it may use /api/intake/* and nothing else. */
  let intake: StaffLogin
  /** An admin of the demo district (源城区): the one who publishes its additions and withdrawals. */
  let districtAdmin: StaffLogin
  beforeAll(async () => {
    ;({ url, admin, ops, terminal } = backend)
    const created = await call(url, 'POST', '/api/admin/accounts', {
      token: admin.token,
      body: { username: 'helper1', role: 'helper' },
    })
    expect(created.status).toBe(201)
    helperPassword = created.body.password
    helper = await login(url, 'helper1', helperPassword)
    const system = await call(url, 'POST', '/api/admin/accounts', {
      token: admin.token,
      body: { username: 'window-system', role: 'intake' },
    })
    expect(system.status).toBe(201)
    intake = await login(url, 'window-system', system.body.password)
    const yuancheng = await call(url, 'POST', '/api/admin/accounts', {
      token: admin.token,
      body: { username: 'yuancheng-admin', role: 'admin', orgCode: '441602' },
    })
    expect(yuancheng.status).toBe(201)
    districtAdmin = await login(url, 'yuancheng-admin', yuancheng.body.password)
  }, 30_000)

  describe('public routes', () => {
    it('answers health with security headers and no-store', async () => {
      const res = await call(url, 'GET', '/api/health')
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ ok: true, apiVersion: API_VERSION, db: 'ok' })
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(res.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/)
      expect(res.headers.get('cache-control')).toBe('no-store')
    })

    it('hands out the same demo token every time', async () => {
      expect(await demoToken(url)).toBe(terminal)
    })

    it('still enrols the demo terminal for a kiosk holding a stale token', async () => {
      const res = await call(url, 'POST', '/api/terminals/demo-enrol', { token: 'stale'.repeat(9) })
      expect(res.status).toBe(200)
      expect(res.body.token).toBe(terminal)
    })

    it('refuses non-JSON bodies with 415 and broken JSON with 400', async () => {
      const form = await call(url, 'POST', '/api/auth/login', {
        body: 'username=admin',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      expect(form.status).toBe(415)
      const broken = await call(url, 'POST', '/api/terminal/heartbeat', {
        token: terminal,
        body: '{"status":',
      })
      expect(broken.status).toBe(400)
      expect(broken.body.error).toBe('invalid_json')
    })

    it('refuses an unknown API version with 409', async () => {
      const res = await call(url, 'GET', '/api/health', {
        headers: { 'x-api-version': String(API_VERSION + 1) },
      })
      expect(res.status).toBe(409)
      expect(res.body).toMatchObject({ error: 'api_version', serverVersion: API_VERSION })
      expect(
        (await call(url, 'GET', '/api/health', { headers: { 'x-api-version': String(API_VERSION) } })).status,
      ).toBe(200)
    })

    it('answers unknown /api paths with 404 JSON and a missing build with 503', async () => {
      const res = await call(url, 'GET', '/api/nope')
      expect(res.status).toBe(404)
      expect(res.body.error).toBe('not_found')
      // A known path asked without a principal is refused before its method is even looked at.
      expect((await call(url, 'DELETE', '/api/ops/terminals')).status).toBe(401)
      const page = await call(url, 'GET', '/some/page')
      expect(page.status).toBe(503)
      expect(page.text).toContain('npm run build')
      const redirect = await fetch(`${url}/admin`, { redirect: 'manual' })
      expect(redirect.status).toBe(301)
      expect(redirect.headers.get('location')).toBe('/admin/')
    })

    it('refuses bodies over 1 MB with 413 JSON', async () => {
      const big = JSON.stringify({ records: [], pad: 'x'.repeat(1_100_000) })
      const res = await call(url, 'POST', '/api/terminal/transactions', { token: terminal, body: big })
      expect(res.status).toBe(413)
      expect(res.body.error).toBe('too_large')
    })
  })

  describe('staff login', () => {
    it('sets an HttpOnly SameSite=Strict cookie scoped to /api and answers me', async () => {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ops', password: OPS_PASSWORD }),
      })
      expect(res.status).toBe(200)
      const cookie = res.headers.get('set-cookie') ?? ''
      expect(cookie).toMatch(/^sid=/)
      expect(cookie).toContain('HttpOnly')
      expect(cookie).toContain('SameSite=Strict')
      expect(cookie).toContain('Path=/api')
      const me = await call(url, 'GET', '/api/auth/me', { headers: { cookie: cookie.split(';')[0]! } })
      expect(me.body).toMatchObject({ username: 'ops', role: 'ops' })
    })

    it('rejects a wrong password with 401 and names the field on bad input', async () => {
      const res = await call(url, 'POST', '/api/auth/login', {
        body: { username: 'admin', password: 'nope' },
      })
      expect(res.status).toBe(401)
      const bad = await call(url, 'POST', '/api/auth/login', { body: { username: 'admin' } })
      expect(bad.status).toBe(400)
      expect(bad.body.message).toContain('password')
    })

    it('logout ends the session', async () => {
      const s = await login(url, 'ops', OPS_PASSWORD)
      expect((await call(url, 'POST', '/api/auth/logout', { token: s.token })).status).toBe(204)
      expect((await call(url, 'GET', '/api/auth/me', { token: s.token })).status).toBe(401)
    })
  })

  describe('auth matrix', () => {
    it('covers every route family, and the public allow-list names only real routes', () => {
      const ids = ENDPOINTS.map((e) => `${e.method} ${e.pattern}`)
      for (const route of PUBLIC_ROUTES) expect(ids).toContain(route)
      for (const expected of [
        'GET /api/ops/supervision/yellow-cards',
        'POST /api/ops/supervision/follow-ups/:id/close',
        'GET /api/terminal/cases/:caseNumber',
        'POST /api/terminal/ratings',
        'GET /api/documents/:reference',
        'PUT /api/admin/faults/ingest',
        'PUT /api/admin/departments/faults',
        'POST /api/intake/cases',
        'POST /api/intake/ratings',
        'POST /api/terminal/callbacks',
        'GET /api/help/callbacks/:key/number',
        'GET /api/ops/help-figures',
        'POST /api/terminal/orders',
        'GET /api/terminal/orders/:orderId',
        'POST /api/terminal/orders/:orderId/cancel',
        'PUT /api/admin/faults/orders/:orderId',
        'GET /api/ops/payments',
      ])
        expect(ids).toContain(expected)
    })

    it('registers no endpoint as ALL: only middleware (c, next) and the 404 catch-all', async () => {
      // requirePrincipal treats non-ALL routes as the endpoints; an app.all endpoint would escape it.
      const all = (await buildApp()).routes
        .filter((r) => r.method === 'ALL' && r.path.startsWith('/api') && r.handler.length < 2)
        .map((r) => r.path)
      expect(all).toEqual(['/api/*'])
    })

    it('mounts no fault routes without FAULTS=on: they answer 404 even to an admin', async () => {
      expect((await appEndpoints({})).filter((e) => e.pattern.includes('fault'))).toEqual([])
      const off = await spawnBackend({ store })
      try {
        const offAdmin = await login(off.url, 'admin', ADMIN_PASSWORD)
        for (const path of ['/api/admin/faults/ingest', '/api/admin/departments/faults']) {
          const res = await call(off.url, 'GET', path, { token: offAdmin.token })
          expect(res.status, path).toBe(404)
          expect(res.body.error).toBe('not_found')
        }
      } finally {
        await off.stop()
        await off.cleanup()
      }
    }, 30_000)

    it.each(ENDPOINTS)('$method $pattern: $audience', async ({ method, pattern, audience }) => {
      const path = samplePath(pattern)
      const body = method === 'GET' ? undefined : {}
      const anonymous = await call(url, method, path, { body })
      const garbage = await call(url, method, path, { body, token: 'x'.repeat(43) })
      if (audience === 'public') {
        expect(anonymous.status).not.toBe(401)
        expect(anonymous.status).toBeLessThan(500)
        return
      }
      expect(anonymous.status).toBe(401)
      expect(garbage.status).toBe(401)
      const forbidden = {
        admin: [ops.token, helper.token, intake.token, terminal],
        districtAdmin: [admin.token, ops.token, helper.token, intake.token, terminal],
        ops: [admin.token, helper.token, intake.token, terminal],
        terminal: [admin.token, ops.token, helper.token, intake.token],
        intake: [admin.token, ops.token, helper.token, terminal],
        helper: [admin.token, ops.token, intake.token, terminal],
        staff: [],
      }[audience]
      for (const token of forbidden) expect((await call(url, method, path, { body, token })).status).toBe(403)
      // A fresh session for the staff routes, since one of them is logout: a helper's, the least role. Logged in
      // only for those (a login costs a password hash: once per endpoint, it was most of this file's time).
      const right =
        audience === 'staff'
          ? (await login(url, 'helper1', helperPassword)).token
          : {
              admin: admin.token,
              districtAdmin: districtAdmin.token,
              ops: ops.token,
              terminal,
              intake: intake.token,
              helper: helper.token,
            }[audience]
      const ok = await call(url, method, path, { body, token: right })
      expect([401, 403]).not.toContain(ok.status)
      expect(ok.status).toBeLessThan(500)
    })

    it('cookie sessions need the CSRF header on unsafe methods, bearer tokens do not', async () => {
      const body = { departments: {} }
      const noCsrf = await call(url, 'PUT', '/api/admin/departments/faults', {
        body,
        headers: { cookie: admin.cookie },
      })
      expect(noCsrf.status).toBe(403)
      expect(noCsrf.body.error).toBe('csrf')
      const withCsrf = await call(url, 'PUT', '/api/admin/departments/faults', {
        body,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      })
      expect(withCsrf.status).toBe(200)
      const get = await call(url, 'GET', '/api/admin/terminals', { headers: { cookie: admin.cookie } })
      expect(get.status).toBe(200)
    })

    it('terminal routes refuse staff tokens and anonymous callers', async () => {
      expect((await call(url, 'GET', '/api/terminal/catalog')).status).toBe(401)
      expect((await call(url, 'GET', '/api/terminal/catalog', { token: admin.token })).status).toBe(403)
    })
  })

  describe('terminal catalog', () => {
    it('filters by terminal groups and answers 304 for a matching ETag', async () => {
      const res = await call(url, 'GET', '/api/terminal/catalog', { token: terminal })
      expect(res.status).toBe(200)
      const codes = res.body.items.map((i: { code: string }) => i.code).sort()
      expect(codes).toEqual(['HRSS-P-0002', 'HRSS-Q-0001', 'MED-PAY-0001', 'POL-APPLY-0001', 'TAX-Q-0001'])
      expect(res.body.search.map((s: { code: string }) => s.code).sort()).toEqual(codes)
      expect(res.body.version).toBe(1)
      const etag = res.headers.get('etag')!
      expect(etag).toBeTruthy()
      const again = await call(url, 'GET', '/api/terminal/catalog', {
        token: terminal,
        headers: { 'if-none-match': etag },
      })
      expect(again.status).toBe(304)

      const created = await call(url, 'POST', '/api/admin/terminals', {
        token: admin.token,
        body: { name: '村委会终端', location: '东村村委会', groups: ['village'] },
      })
      expect(created.status).toBe(201)
      const enrol = await call(url, 'POST', '/api/terminals/enrol', {
        body: { code: created.body.enrolCode },
      })
      expect(enrol.status).toBe(200)
      expect(enrol.body.terminalId).toBe(created.body.id)
      const reuse = await call(url, 'POST', '/api/terminals/enrol', {
        body: { code: created.body.enrolCode },
      })
      expect(reuse.status).toBe(400)
      expect(reuse.body.error).toBe('enrol_code')
      const village = await call(url, 'GET', '/api/terminal/catalog', {
        token: enrol.body.token,
        headers: { 'if-none-match': etag },
      })
      expect(village.status).toBe(200)
      expect(village.headers.get('etag')).not.toBe(etag)
      const villageCodes = village.body.items.map((i: { code: string }) => i.code)
      expect(villageCodes).toContain('POL-APPT-0001')
      expect(villageCodes).not.toContain('TAX-Q-0001')
    })
  })

  describe('transaction ingest', () => {
    it('stores once, replays with replayed:true and answers conflict 422 for a changed payload', async () => {
      const r = record()
      const first = await call(url, 'POST', '/api/terminal/transactions', {
        token: terminal,
        body: { records: [r] },
      })
      expect(first.status).toBe(200)
      const o = first.body.outcomes[0]
      expect(o).toMatchObject({ key: r.key, status: 'ok', replayed: false })
      expect(o.result.kind).toBe('查询')
      expect(o.result.reference).toMatch(/^CX\d{13}$/)
      expect(JSON.stringify(o.result)).not.toContain('44160019900101123X')

      const reordered = Object.fromEntries(Object.entries(r).reverse())
      const replay = await call(url, 'POST', '/api/terminal/transactions', {
        token: terminal,
        body: { records: [reordered] },
      })
      expect(replay.body.outcomes[0]).toEqual({ ...o, replayed: true })

      const changed = await call(url, 'POST', '/api/terminal/transactions', {
        token: terminal,
        body: { records: [{ ...r, fields: { note: 'different' } }] },
      })
      expect(changed.body.outcomes[0]).toMatchObject({ key: r.key, status: 'conflict', code: 422 })
    })

    it('answers each record in order: ok, rejected unknown, rejected not offered, duplicate in batch', async () => {
      const a = await paidRecord(url, terminal, admin.token)
      const unknown = record({ itemCode: 'NOPE-0001' })
      const notOffered = record({ itemCode: 'POL-APPT-0001', fields: { date: '2026-12-01' } })
      const res = await call(url, 'POST', '/api/terminal/transactions', {
        token: terminal,
        body: { records: [a, unknown, notOffered, a] },
      })
      const [ok, rej1, rej2, dup] = res.body.outcomes
      expect(ok).toMatchObject({ status: 'ok', replayed: false })
      expect(ok.result.payment.amountFen).toBeGreaterThan(0)
      expect(rej1).toMatchObject({ status: 'rejected', code: 400 })
      expect(rej1.message).toContain('NOPE-0001')
      expect(rej2).toMatchObject({ status: 'rejected', code: 400 })
      expect(rej2.message).toContain('not offered')
      expect(dup).toMatchObject({ status: 'ok', replayed: true, result: ok.result })
    })

    it('serves a printed document behind its QR link, only with the right key', async () => {
      const printed = record({ itemCode: 'HRSS-P-0002' })
      const res = await call(url, 'POST', '/api/terminal/transactions', {
        token: terminal,
        body: { records: [printed] },
      })
      const doc = res.body.outcomes[0].result.document
      expect(doc.title).toBe('参保证明打印')
      // New documents link to the mobile case page (handoff-mobile-api.test.ts); links printed before still work.
      expect(doc.url).toBe(res.body.outcomes[0].result.caseLink)
      const legacy = { url: documentUrl(res.body.outcomes[0].result.reference, printed.key as string) }
      const page = await call(url, 'GET', legacy.url)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toContain('text/html')
      expect(page.text).toContain('<h1>参保证明打印</h1>')
      expect(page.text).toContain('4416**********123X')
      const wrong = await call(url, 'GET', legacy.url.replace(/k=.*/, `k=${'A'.repeat(22)}`))
      expect(wrong.status).toBe(404)
    })

    it('rejects a missing required field by name and validates records with zod', async () => {
      const res = await call(url, 'POST', '/api/terminal/transactions', {
        token: terminal,
        body: { records: [record({ itemCode: 'POL-APPLY-0001' })] },
      })
      expect(res.body.outcomes[0]).toMatchObject({ status: 'rejected', message: 'fields.phone: required' })
      const bad = await call(url, 'POST', '/api/terminal/transactions', {
        token: terminal,
        body: { records: [record({ key: 'not-a-uuid' })] },
      })
      expect(bad.status).toBe(400)
      expect(bad.body.message).toContain('records.0.key')
    })

    it('answers retry 503 while a department is down and ok once it is back', async () => {
      const put = (outage: boolean) =>
        call(url, 'PUT', '/api/admin/departments/faults', {
          token: admin.token,
          body: { departments: { tax: { latencyMs: 0, failureRate: 0, outage } } },
        })
      expect((await put(true)).status).toBe(200)
      const r = record({ itemCode: 'TAX-Q-0001' })
      const down = await call(url, 'POST', '/api/terminal/transactions', {
        token: terminal,
        body: { records: [r] },
      })
      expect(down.body.outcomes[0]).toMatchObject({ status: 'retry', code: 503 })
      const faults = await call(url, 'GET', '/api/admin/departments/faults', { token: admin.token })
      expect(faults.body.departments.tax.outage).toBe(true)
      await put(false)
      const up = await call(url, 'POST', '/api/terminal/transactions', {
        token: terminal,
        body: { records: [r] },
      })
      expect(up.body.outcomes[0]).toMatchObject({ status: 'ok', replayed: false })
    })
  })

  describe('counters and heartbeat', () => {
    it('keeps the maximum per terminal/day/item/metric, whatever the order', async () => {
      // The demo terminal and the catalog have been in service since before the counted day.
      await backdateBackend(backend.server, '2026-10-01T09:00:00+08:00')
      const send = (value: number) =>
        call(url, 'POST', '/api/terminal/counters', {
          token: terminal,
          body: {
            counters: [
              { day: '2026-10-05', itemCode: 'HRSS-Q-0001', metric: 'completions', value },
              { day: '2026-10-05', itemCode: '', metric: 'sessions', value: value * 2 },
            ],
          },
        })
      expect((await send(5)).body).toEqual({
        accepted: 2,
        outcomes: [
          { status: 'accepted', reason: 'merged' },
          { status: 'accepted', reason: 'merged' },
        ],
      })
      await send(3)
      await send(7)
      await send(7)
      await send(6)
      const res = await call(url, 'GET', '/api/ops/daily-counts?from=2026-10-05&to=2026-10-05', {
        token: ops.token,
      })
      expect(res.body.rows).toHaveLength(1)
      expect(res.body.rows[0]).toMatchObject({ day: '2026-10-05', completions: 7, sessions: 14 })
      const badDay = await call(url, 'POST', '/api/terminal/counters', {
        token: terminal,
        body: { counters: [{ day: '2026-02-30', itemCode: '', metric: 'sessions', value: 1 }] },
      })
      // Refused for that counter alone, naming it (the request itself is answered).
      expect(badDay.status).toBe(200)
      expect(badDay.body).toEqual({
        accepted: 0,
        outcomes: [
          { status: 'rejected', reason: 'not_a_day', message: 'counters.0.day: not a calendar day' },
        ],
      })
    })

    it('stores the heartbeat and shows it in fleet health', async () => {
      const hb = {
        status: 'idle',
        queueLength: 3,
        oldestUnsentAt: new Date(Date.now() - 30 * 3600 * 1000).toISOString(),
        lastSyncAt: new Date().toISOString(),
        storage: { usage: 10, quota: 100, persisted: true },
        printer: 'paperOut',
        appVersion: '0.1.0',
        catalogVersion: 1,
      }
      const res = await call(url, 'POST', '/api/terminal/heartbeat', { token: terminal, body: hb })
      expect(res.body).toMatchObject({ ok: true, catalogVersion: 1 })
      const fleet = await call(url, 'GET', '/api/ops/terminals', { token: ops.token })
      const demo = fleet.body.find((t: { id: string }) => t.id === 'T-DEMO-0001')
      expect(demo).toMatchObject({ online: true, queueLength: 3, printer: 'paperOut' })
      expect(demo.flags).toEqual(expect.arrayContaining(['backlog', 'printer']))
      expect(demo.flags).not.toContain('silent')
      const other = fleet.body.find((t: { id: string }) => t.id !== 'T-DEMO-0001')
      expect(other.flags).toContain('silent')
    })
  })

  describe('login rate limit', () => {
    it('answers 429 with Retry-After after 5 failed attempts in a minute, even for the right password', async () => {
      const fresh = await spawnBackend({ store })
      const url = fresh.url
      for (let i = 0; i < 5; i++) {
        const res = await call(url, 'POST', '/api/auth/login', {
          body: { username: 'admin', password: `wrong${i}` },
        })
        expect(res.status).toBe(401)
      }
      const blocked = await call(url, 'POST', '/api/auth/login', {
        body: { username: 'admin', password: ADMIN_PASSWORD },
      })
      expect(blocked.status).toBe(429)
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(blocked.body.error).toBe('rate_limited')
      await fresh.stop()
      await fresh.cleanup()
    }, 30_000)
  })
})
