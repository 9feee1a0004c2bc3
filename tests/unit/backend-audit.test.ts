/**
 * The audit log against the real process: each audited action leaves one entry with actor, role, time, address
 * and target; the ID lookup is recorded by its keyed hash and the number is in no byte of the database files; no
 * entry holds resident data; admins page through it and nobody else reads it.
 */
import { existsSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '../../mock-backend/src/contract/constants'
import { databasePath } from '../../mock-backend/src/db/sqlite/open'
import { createOrder, notice } from '../fixtures/node/backend/payments'
import {
  call,
  FIXTURE_CATALOG,
  HELPER_PASSWORD,
  login,
  OPS_PASSWORD,
  record,
  uuid,
} from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const ID = '44160019900101123X'
const NAME = '张三'
const PHONE = '13800138000'

const backend = backendSession({ env: { FAULTS: 'on', CASE_REFUSE_RATE: '0' } })
let url: string
let admin: string
beforeAll(() => {
  url = backend.url
  admin = backend.admin.token
})

interface Entry {
  id: number
  at: string
  actorKind: string
  actor: string
  role: string
  address: string
  action: string
  target: string
  detail: Record<string, unknown>
}

async function entries(query = 'limit=200'): Promise<Entry[]> {
  const res = await call(url, 'GET', `/api/admin/audit?${query}`, { token: admin })
  expect(res.status).toBe(200)
  return res.body.entries
}

const only = async (action: string) => (await entries()).filter((e) => e.action === action)

describe('audit log', () => {
  it('records publish and rollback with the admin as actor', async () => {
    const upload = await fetch(`${url}/api/admin/catalog/validate`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/json',
        'x-file-name': 'c.json',
      },
      body: readFileSync(FIXTURE_CATALOG),
    })
    const { candidateId } = (await upload.json()) as { candidateId: string }
    const published = await call(url, 'POST', '/api/admin/catalog/publish', {
      token: admin,
      body: { candidateId },
    })
    expect(published.status).toBe(200)
    const rolled = await call(url, 'POST', '/api/admin/catalog/rollback', {
      token: admin,
      body: { version: 1 },
    })
    expect(rolled.status).toBe(200)
    const [publish] = await only('catalog.publish')
    expect(publish).toMatchObject({
      actorKind: 'staff',
      actor: 'admin',
      role: 'admin',
      address: '127.0.0.1',
      target: `v${published.body.version}`,
    })
    expect(Math.abs(Date.parse(publish?.at ?? '') - Date.now())).toBeLessThan(60_000)
    expect((await only('catalog.rollback'))[0]).toMatchObject({
      actor: 'admin',
      target: `v${rolled.body.version}`,
      detail: { rolledBackTo: 1 },
    })
  }, 60_000)

  it('records terminal creation by the admin and enrolment by the terminal itself', async () => {
    const created = await call(url, 'POST', '/api/admin/terminals', {
      token: admin,
      body: { name: '村委会一号机', groups: ['village'] },
    })
    const enrolled = await call(url, 'POST', '/api/terminals/enrol', {
      body: { code: created.body.enrolCode },
    })
    expect(enrolled.status).toBe(200)
    expect((await only('terminal.create'))[0]).toMatchObject({
      actor: 'admin',
      target: created.body.id,
      detail: { groups: 'village', districtCode: '441602' },
    })
    expect((await only('terminal.enrol'))[0]).toMatchObject({
      actorKind: 'terminal',
      actor: created.body.id,
      role: 'terminal',
      target: created.body.id,
    })
  }, 60_000)

  it('records revoke, rotate, wipe, a PIN reset and a counter reset, each with the admin as actor', async () => {
    const created = await call(url, 'POST', '/api/admin/terminals', {
      token: admin,
      body: { name: '村委会二号机', groups: ['village'], pin: '24681357' },
    })
    expect(created.status).toBe(201)
    const id: string = created.body.id
    const steps: [string, string, Record<string, unknown>?][] = [
      ['PUT', `/api/admin/terminals/${id}`, { name: '村委会二号机', groups: ['village'], pin: '13572468' }],
      ['PUT', `/api/admin/terminals/${id}`, { districtCode: '441625' }],
      ['POST', `/api/admin/terminals/${id}/rotate`, {}],
      ['POST', `/api/admin/terminals/${id}/wipe`, {}],
      ['POST', `/api/admin/terminals/${id}/revoke`, {}],
      ['POST', `/api/admin/terminals/${id}/counter-reset`, { day: '2026-01-05' }],
    ]
    for (const [method, path, body] of steps) {
      const res = await call(url, method, path, { token: admin, body })
      expect([path, res.status]).toEqual([path, 200])
    }
    expect((await only('terminal.move'))[0]).toMatchObject({
      target: id,
      detail: { from: '441602', to: '441625' },
    })
    for (const action of ['terminal.pin', 'terminal.rotate', 'terminal.wipe', 'terminal.revoke']) {
      expect((await only(action))[0]).toMatchObject({ actor: 'admin', role: 'admin', target: id })
    }
    const reset = (await only('counter.reset'))[0]
    expect(reset).toMatchObject({ actor: 'admin', target: id, detail: { day: '2026-01-05' } })
    // The PIN itself is never recorded, not even in the detail.
    expect(JSON.stringify(await entries())).not.toMatch(/13572468|24681357/)
  }, 60_000)

  it('records account creation, changes, disabling, enabling and resets', async () => {
    const create = await call(url, 'POST', '/api/admin/accounts', {
      token: admin,
      body: { username: 'clerk.li', role: 'ops', scope: ['village'] },
    })
    expect(create.status).toBe(201)
    const put = (body: unknown) => call(url, 'PUT', '/api/admin/accounts/clerk.li', { token: admin, body })
    await put({ role: 'helper', scope: [] })
    await put({ disabled: true })
    await put({ disabled: false })
    const reset = await call(url, 'POST', '/api/admin/accounts/clerk.li/reset-password', {
      token: admin,
      body: {},
    })
    const own = await login(url, 'clerk.li', reset.body.password)
    const changed = await call(url, 'POST', '/api/auth/password', {
      token: own.token,
      body: { currentPassword: reset.body.password, newPassword: 'a long new password' },
    })
    expect(changed.status).toBe(200)
    const accountEntries = (await entries()).filter((e) => e.action.startsWith('account.')).reverse()
    expect(accountEntries.map((e) => [e.action, e.target, e.detail])).toEqual([
      ['account.create', 'clerk.li', { role: 'ops', scope: 'village', orgCode: '440000' }],
      ['account.update', 'clerk.li', { role: 'helper', scope: '', orgCode: '440000', previousRole: 'ops' }],
      ['account.disable', 'clerk.li', {}],
      ['account.enable', 'clerk.li', {}],
      ['account.reset', 'clerk.li', {}],
      ['account.password', 'clerk.li', { endedSessions: 0 }],
    ])
    expect(accountEntries.at(-1)).toMatchObject({ actorKind: 'staff', actor: 'clerk.li', role: 'helper' })
    expect(JSON.stringify(accountEntries)).not.toContain(create.body.password)
  }, 60_000)

  it('records a district added to the organisation tree', async () => {
    const added = await call(url, 'POST', '/api/admin/divisions', {
      token: admin,
      body: { code: '441698', nameZh: '审计新区', nameEn: 'Audit District' },
    })
    expect(added.status).toBe(201)
    expect((await only('division.add'))[0]).toMatchObject({ actor: 'admin', role: 'admin', target: '441698' })
  }, 60_000)

  it('records fault changes', async () => {
    await call(url, 'PUT', '/api/admin/faults/ingest', { token: admin, body: { failNext: 0 } })
    await call(url, 'PUT', '/api/admin/departments/faults', {
      token: admin,
      body: { departments: { police: { failureRate: 0 } } },
    })
    expect((await only('fault.ingest'))[0]).toMatchObject({
      actor: 'admin',
      target: 'ingest',
      detail: { failNext: 0 },
    })
    expect((await only('fault.departments'))[0]).toMatchObject({ actor: 'admin', target: 'police' })
    // The simulated gateway's notice: the order as the target, the outcome as the detail.
    const order = await createOrder(url, backend.terminal)
    await notice(url, admin, order.orderId, { outcome: 'failed', reason: 'declined' })
    expect((await only('fault.payment'))[0]).toMatchObject({
      actor: 'admin',
      target: order.orderId,
      detail: { outcome: 'failed', reason: 'declined' },
    })
  }, 60_000)

  it('records an ID lookup by its keyed hash, follow-up closing, and keeps no resident data anywhere', async () => {
    const terminal = backend.terminal
    const apply = record({
      itemCode: 'POL-APPLY-0001',
      subject: { idNumber: ID, name: NAME },
      fields: { phone: PHONE },
    })
    const sent = await call(url, 'POST', '/api/terminal/transactions', {
      token: terminal,
      body: { records: [apply] },
    })
    expect(sent.body.outcomes[0].status).toBe('ok')
    const reference = sent.body.outcomes[0].result.reference
    const lookup = await call(url, 'POST', '/api/terminal/cases/lookup', {
      token: terminal,
      body: { idNumber: ID },
    })
    expect(lookup.status).toBe(200)
    const [looked] = await only('case.lookup_id')
    expect(looked).toMatchObject({ actorKind: 'terminal', actor: 'T-DEMO-0001', role: 'terminal' })
    expect(looked?.target).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // The very hash the case holds, so an admin can tell which case was looked up.
    const db = new Database(databasePath(backend.server.dataDir), { readonly: true })
    try {
      const held = db.prepare('SELECT subject_hash AS h FROM cases WHERE case_number = ?').get(reference) as {
        h: string
      }
      expect(looked?.target).toBe(held.h)
    } finally {
      db.close()
    }

    const rated = await call(url, 'POST', '/api/terminal/ratings', {
      token: terminal,
      body: { caseNumber: reference, level: 1 },
    })
    expect(rated.status).toBe(201)
    const ops = (await login(url, 'ops', OPS_PASSWORD)).token
    const id = (await call(url, 'GET', '/api/ops/supervision/follow-ups', { token: ops })).body.rows[0].id
    await call(url, 'POST', `/api/ops/supervision/follow-ups/${id}`, {
      token: ops,
      body: { contactNote: `已回访 ${PHONE}`, rectification: '优化流程', outcome: '认可' },
    })
    const closed = await call(url, 'POST', `/api/ops/supervision/follow-ups/${id}/close`, { token: ops })
    expect(closed.status).toBe(200)
    expect((await only('followup.close'))[0]).toMatchObject({ actor: 'ops', role: 'ops', target: String(id) })

    const all = JSON.stringify(await entries())
    for (const secret of [ID, ID.slice(0, 17), NAME, PHONE]) expect(all).not.toContain(secret)
    // Not in any byte of the database files either (the audit row holds only the keyed hash).
    const file = databasePath(backend.server.dataDir)
    for (const suffix of ['', '-wal']) {
      if (!existsSync(file + suffix)) continue
      const bytes = readFileSync(file + suffix)
      expect(bytes.includes(Buffer.from(ID)), `${suffix || 'db'}`).toBe(false)
    }
  }, 60_000)

  it("records each page another channel's system submits: its channels, statuses or levels and counts, no case data", async () => {
    const created = await call(url, 'POST', '/api/admin/accounts', {
      token: admin,
      body: { username: 'portal-system', role: 'intake' },
    })
    const system = (await login(url, 'portal-system', created.body.password)).token
    const post = (path: string, body: unknown) =>
      call(url, 'POST', `/api/intake/${path}`, { token: system, body })
    const accepted = new Date(Date.now() - 60_000).toISOString()
    const portal = {
      key: uuid(),
      channel: '网上',
      itemCode: 'POL-APPLY-0001',
      caseNumber: 'WB2026010100321',
      acceptedAt: accepted,
    }
    expect((await post('cases', { cases: [portal] })).status).toBe(200)
    expect((await post('cases', { cases: [portal] })).status).toBe(200)
    const done = { key: portal.key, status: '办结', at: new Date(Date.now() - 30_000).toISOString() }
    expect((await post('case-events', { events: [done] })).status).toBe(200)
    expect(
      (await post('ratings', { ratings: [{ caseKey: portal.key, level: 2, key: uuid() }] })).status,
    ).toBe(200)
    // A refused page changes nothing and is not recorded.
    expect((await post('cases', { cases: [{ ...portal, key: uuid(), itemCode: 'NOPE-0001' }] })).status).toBe(
      400,
    )

    const who = { actorKind: 'staff', actor: 'portal-system', role: 'intake' }
    expect(await only('intake.cases')).toEqual([
      expect.objectContaining({ ...who, target: '网上', detail: { replayed: 1 } }),
      expect.objectContaining({ ...who, target: '网上', detail: { stored: 1 } }),
    ])
    expect(await only('intake.events')).toEqual([
      expect.objectContaining({ ...who, target: '办结', detail: { stored: 1 } }),
    ])
    expect(await only('intake.ratings')).toEqual([
      expect.objectContaining({ ...who, target: '2', detail: { stored: 1, followUps: 1 } }),
    ])
    expect(JSON.stringify(await entries())).not.toContain('WB2026010100321')
  }, 60_000)

  it('records the helper who saw a call-back task’s number, never the number', async () => {
    const key = uuid()
    const stored = await call(url, 'POST', '/api/terminal/callbacks', {
      token: backend.terminal,
      body: { key, phone: PHONE, itemCode: null, requestedAt: new Date().toISOString() },
    })
    expect(stored.status).toBe(201)
    const helper = await login(url, 'helper', HELPER_PASSWORD)
    await call(url, 'POST', `/api/help/callbacks/${key}/take`, { token: helper.token, body: {} })
    expect(
      (await call(url, 'GET', `/api/help/callbacks/${key}/number`, { token: helper.token })).body.phone,
    ).toBe(PHONE)
    expect(await only('callback.number')).toEqual([
      expect.objectContaining({ actorKind: 'staff', actor: 'helper', role: 'helper', target: key }),
    ])
    expect(JSON.stringify(await entries())).not.toContain(PHONE)
  })

  it('records a district admin’s publish and rollback of its items, named by district and version', async () => {
    const created = await call(url, 'POST', '/api/admin/accounts', {
      token: admin,
      body: { username: 'yuancheng-admin', role: 'admin', orgCode: '441602' },
    })
    const district = (await login(url, 'yuancheng-admin', created.body.password)).token
    const publish = (withdrawals: string[]) =>
      call(url, 'POST', '/api/admin/district-catalog/publish', { token: district, body: { withdrawals } })
    expect((await publish(['TAX-Q-0001'])).status).toBe(200)
    expect((await publish([])).status).toBe(200)
    const rolled = await call(url, 'POST', '/api/admin/district-catalog/rollback', {
      token: district,
      body: { version: 1 },
    })
    expect(rolled.status).toBe(200)
    const who = { actorKind: 'staff', actor: 'yuancheng-admin', role: 'admin' }
    expect(await only('district-catalog.publish')).toEqual([
      expect.objectContaining({ ...who, target: '441602 v2', detail: { additions: 0, withdrawals: 0 } }),
      expect.objectContaining({ ...who, target: '441602 v1', detail: { additions: 0, withdrawals: 1 } }),
    ])
    expect(await only('district-catalog.rollback')).toEqual([
      expect.objectContaining({ ...who, target: '441602 v3', detail: { rolledBackTo: 1 } }),
    ])
  })

  it('covers every action the routes above can take, pages newest first, and filters by action', async () => {
    const recorded = new Set((await entries()).map((e) => e.action))
    // Revoke, rotate and wipe are recorded by their routes, which land with the terminal-identity part.
    // A consented 帮办 view is recorded over the signalling WebSocket, not a route: help-signalling.test.ts covers it.
    const overWebSocket = new Set<string>(['help.consent_view'])
    expect(AUDIT_ACTIONS.filter((a) => !recorded.has(a) && !overWebSocket.has(a))).toEqual([])
    const first = await call(url, 'GET', '/api/admin/audit?limit=2', { token: admin })
    expect(first.body.entries).toHaveLength(2)
    expect(first.body.entries[0].id).toBeGreaterThan(first.body.entries[1].id)
    expect(first.body.next).toBe(first.body.entries[1].id)
    const second = await call(url, 'GET', `/api/admin/audit?limit=2&before=${first.body.next}`, {
      token: admin,
    })
    expect(second.body.entries[0].id).toBeLessThan(first.body.next)
    const accounts = await entries('action=account.create')
    expect(accounts.map((e) => e.target)).toEqual(['yuancheng-admin', 'portal-system', 'clerk.li'])
    const bad = await call(url, 'GET', '/api/admin/audit?limit=0', { token: admin })
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringMatching(/^query: limit/)])
    const ops = (await login(url, 'ops', OPS_PASSWORD)).token
    expect((await call(url, 'GET', '/api/admin/audit', { token: ops })).status).toBe(403)
  }, 60_000)
})
