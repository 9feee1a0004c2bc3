/**
 * Staff accounts against the real process: admins create, change, disable and reset accounts with exact
 * errors; the last active admin stays; a disabled account cannot log in and its sessions end; a password change
 * ends the user's other sessions and keeps the current one; scope narrows the fleet; `helper` reaches nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { MIN_PASSWORD_LENGTH } from '../../mock-backend/src/contract/constants'
import { call, login } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const backend = backendSession({ signIn: ['admin'] })
let url: string
let admin: string
beforeAll(() => {
  url = backend.url
  admin = backend.admin.token
})

/** Creates an account as admin and answers its generated password. */
async function create(username: string, role: string, scope?: string[]): Promise<string> {
  const res = await call(url, 'POST', '/api/admin/accounts', {
    token: admin,
    body: { username, role, ...(scope ? { scope } : {}) },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  expect(res.body.password).toHaveLength(16)
  return res.body.password
}

const me = async (token: string) => (await call(url, 'GET', '/api/auth/me', { token })).status
const problem = (res: { status: number; body: { error: string; message: string } }) => [
  res.status,
  res.body.error,
  res.body.message,
]

describe('accounts API', () => {
  it('creates an account with a generated password shown once, and lists it without any hash', async () => {
    const password = await create('clerk.li', 'ops', ['village'])
    const session = await login(url, 'clerk.li', password)
    expect(await me(session.token)).toBe(200)
    const list = await call(url, 'GET', '/api/admin/accounts', { token: admin })
    expect(list.body.find((a: { username: string }) => a.username === 'clerk.li')).toEqual({
      username: 'clerk.li',
      role: 'ops',
      scope: ['village'],
      orgCode: '440000',
      disabled: false,
      createdAt: expect.any(String),
      passwordChangedAt: null,
    })
    expect(list.text).not.toMatch(/scrypt|passwordHash|password_hash/)
  }, 60_000)

  it('refuses bad input with the exact problem', async () => {
    const post = (body: unknown) => call(url, 'POST', '/api/admin/accounts', { token: admin, body })
    expect(problem(await post({ username: 'X', role: 'ops' }))).toEqual([
      400,
      'validation',
      'body: username: username must be 2–32 of a-z 0-9 . _ -, starting with a letter',
    ])
    expect((await post({ username: 'someone', role: 'root' })).body.message).toMatch(/^body: role: /)
    expect(problem(await post({ username: 'admin', role: 'ops' }))).toEqual([
      409,
      'account_exists',
      'an account admin already exists',
    ])
    const put = (name: string, body: unknown) =>
      call(url, 'PUT', `/api/admin/accounts/${name}`, { token: admin, body })
    expect(problem(await put('nobody', { disabled: true }))).toEqual([
      404,
      'account_not_found',
      'no account nobody',
    ])
    expect(problem(await put('ops', {}))).toEqual([
      400,
      'validation',
      'body: give role, scope, orgCode or disabled',
    ])
    expect((await put('ops', { password: 'x' })).status).toBe(400)
  }, 60_000)

  it('keeps the last active admin: it cannot be disabled or demoted', async () => {
    const last = 'admin is the last active admin: enable or create another admin first'
    const put = (body: unknown) => call(url, 'PUT', '/api/admin/accounts/admin', { token: admin, body })
    expect(problem(await put({ disabled: true }))).toEqual([409, 'last_admin', last])
    expect(problem(await put({ role: 'ops' }))).toEqual([409, 'last_admin', last])
    expect(await me(admin)).toBe(200)
  }, 60_000)

  it('a disabled account cannot log in and its sessions end; enabled again, it logs in', async () => {
    const password = await create('clerk.wang', 'ops')
    const session = await login(url, 'clerk.wang', password)
    const off = await call(url, 'PUT', '/api/admin/accounts/clerk.wang', {
      token: admin,
      body: { disabled: true },
    })
    expect([off.status, off.body.disabled]).toEqual([200, true])
    expect(await me(session.token)).toBe(401)
    const refused = await call(url, 'POST', '/api/auth/login', { body: { username: 'clerk.wang', password } })
    expect(problem(refused)).toEqual([
      403,
      'account_disabled',
      'this account is disabled; ask an admin to enable it',
    ])
    const wrong = await call(url, 'POST', '/api/auth/login', {
      body: { username: 'clerk.wang', password: 'not the password' },
    })
    expect(wrong.status).toBe(401)
    await call(url, 'PUT', '/api/admin/accounts/clerk.wang', { token: admin, body: { disabled: false } })
    expect(await me((await login(url, 'clerk.wang', password)).token)).toBe(200)
  }, 60_000)

  it('a role change applies to the live session at once', async () => {
    const password = await create('clerk.zhao', 'ops')
    const session = await login(url, 'clerk.zhao', password)
    expect((await call(url, 'GET', '/api/ops/terminals', { token: session.token })).status).toBe(200)
    await call(url, 'PUT', '/api/admin/accounts/clerk.zhao', { token: admin, body: { role: 'helper' } })
    expect((await call(url, 'GET', '/api/ops/terminals', { token: session.token })).status).toBe(403)
    expect((await call(url, 'GET', '/api/auth/me', { token: session.token })).body.role).toBe('helper')
  }, 60_000)

  it('an admin reset ends every session of the user and the generated password works', async () => {
    const password = await create('clerk.chen', 'helper')
    const session = await login(url, 'clerk.chen', password)
    const reset = await call(url, 'POST', '/api/admin/accounts/clerk.chen/reset-password', {
      token: admin,
      body: {},
    })
    expect(reset.status).toBe(200)
    expect(reset.body.password).not.toBe(password)
    expect(reset.body.account.passwordChangedAt).toEqual(expect.any(String))
    expect(await me(session.token)).toBe(401)
    expect(
      (await call(url, 'POST', '/api/auth/login', { body: { username: 'clerk.chen', password } })).status,
    ).toBe(401)
    expect(await me((await login(url, 'clerk.chen', reset.body.password)).token)).toBe(200)
  }, 60_000)
})

describe('own password change', () => {
  it('ends the other session, keeps the current one, and the new password replaces the old', async () => {
    const password = await create('helper.liu', 'helper')
    const current = await login(url, 'helper.liu', password)
    const other = await login(url, 'helper.liu', password)
    const change = (body: unknown) => call(url, 'POST', '/api/auth/password', { token: current.token, body })
    expect(
      problem(await change({ currentPassword: 'wrong password', newPassword: 'a new long password' })),
    ).toEqual([403, 'wrong_password', 'currentPassword: wrong password'])
    expect(problem(await change({ currentPassword: password, newPassword: 'short' }))).toEqual([
      400,
      'password_too_short',
      `newPassword: at least ${MIN_PASSWORD_LENGTH} characters (got 5)`,
    ])
    expect(await me(other.token)).toBe(200)
    const done = await change({ currentPassword: password, newPassword: 'a new long password' })
    expect([done.status, done.body]).toEqual([200, { endedSessions: 1 }])
    expect(await me(current.token)).toBe(200)
    expect(await me(other.token)).toBe(401)
    expect(
      (await call(url, 'POST', '/api/auth/login', { body: { username: 'helper.liu', password } })).status,
    ).toBe(401)
    expect(await me((await login(url, 'helper.liu', 'a new long password')).token)).toBe(200)
  }, 60_000)

  it('needs the CSRF header with a cookie session, like every unsafe staff route', async () => {
    const password = await create('helper.he', 'helper')
    const s = await login(url, 'helper.he', password)
    const res = await call(url, 'POST', '/api/auth/password', {
      headers: { cookie: s.cookie },
      body: { currentPassword: password, newPassword: 'another long password' },
    })
    expect([res.status, res.body.error]).toEqual([403, 'csrf'])
  }, 60_000)
})

describe('scope', () => {
  it('shows ops and admins only the terminals of their groups, in the fleet list, its CSV and the admin list', async () => {
    const terminal = async (name: string, groups: string[]): Promise<string> =>
      (await call(url, 'POST', '/api/admin/terminals', { token: admin, body: { name, groups } })).body.id
    const village = await terminal('村委会一号机', ['village'])
    const town = await terminal('镇中心二号机', ['town-centre'])
    const opsPassword = await create('ops.village', 'ops', ['village'])
    const opsVillage = (await login(url, 'ops.village', opsPassword)).token
    const fleet = await call(url, 'GET', '/api/ops/terminals', { token: opsVillage })
    const ids = fleet.body.map((r: { id: string }) => r.id)
    expect(ids).toContain(village)
    expect(ids).not.toContain(town)
    expect(ids).not.toContain('T-DEMO-0001')
    const csv = await call(url, 'GET', '/api/ops/terminals?format=csv', { token: opsVillage })
    expect(csv.text).toContain(village)
    expect(csv.text).not.toContain(town)
    const everyone = await call(url, 'GET', '/api/ops/terminals', {
      token: (await login(url, 'ops.village', opsPassword)).token,
    })
    expect(everyone.body).toHaveLength(ids.length)

    const adminPassword = await create('admin.town', 'admin', ['town-centre'])
    const adminTown = (await login(url, 'admin.town', adminPassword)).token
    const list = (await call(url, 'GET', '/api/admin/terminals', { token: adminTown })).body.map(
      (t: { id: string }) => t.id,
    )
    expect(list).toContain(town)
    expect(list).toContain('T-DEMO-0001')
    expect(list).not.toContain(village)
    // An empty scope sees them all.
    const all = (await call(url, 'GET', '/api/admin/terminals', { token: admin })).body.map(
      (t: { id: string }) => t.id,
    )
    expect(all).toEqual(expect.arrayContaining([village, town, 'T-DEMO-0001']))
    // Widening the scope applies to the live session.
    await call(url, 'PUT', '/api/admin/accounts/ops.village', { token: admin, body: { scope: [] } })
    const widened = await call(url, 'GET', '/api/ops/terminals', { token: opsVillage })
    expect(widened.body.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(all))
  }, 60_000)
})
