/**
 * Terminal identity (#14 item 1) against the real backend process: the loopback demo is off unless
 * DEMO_TERMINAL=on and even then refuses proxied requests; every start prints a one-time enrol link; admins revoke
 * (401 terminal_revoked at once), rotate (the old key works until re-enrolment, at most 7 days) and order a wipe
 * the terminal acknowledges; starting with the demo off revokes the demo key. Expiries run on the in-process
 * server's settable clock.
 */
import { request } from 'node:http'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LINK_TTL_MS, PROXY_HEADERS, ROTATE_GRACE_MS } from '../../mock-backend/src/auth/terminalKeys'
import { loadConfig } from '../../mock-backend/src/config'
import { databasePath } from '../../mock-backend/src/db/sqlite/open'
import {
  DEMO_TERMINAL_ID,
  DEMO_TOKEN_SETTING,
  prepareDemoTerminal,
} from '../../mock-backend/src/demoTerminal'
import { isSealed } from '../../mock-backend/src/privacy/fingerprints'
import { legacyHash, startAuthServer } from '../fixtures/node/backend/authServer'
import {
  ADMIN_PASSWORD,
  call,
  HEARTBEAT,
  login,
  OPS_PASSWORD,
  type SpawnedBackend,
  spawnBackend,
} from '../fixtures/node/backend/server'

/** POST demo-enrol over node:http, so the Host header is exactly what the test says. */
function demoEnrolWith(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: { error?: string; terminalId?: string; token?: string } }> {
  const { hostname, port } = new URL(url)
  return new Promise((done, fail) => {
    const req = request(
      { hostname, port, method: 'POST', path: '/api/terminals/demo-enrol', headers },
      (res) => {
        let text = ''
        res.on('data', (d: Buffer) => {
          text += d.toString()
        })
        res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
      },
    )
    req.on('error', fail)
    req.end()
  })
}

/** The code of the `?enrol=` link the process printed. */
const linkCode = (backend: SpawnedBackend) => {
  const match = /http:\/\/127\.0\.0\.1:\d+\/\?enrol=([A-Z2-9]{12})\b/.exec(backend.output())
  if (!match?.[1]) throw new Error(`no enrol link printed:\n${backend.output()}`)
  return match[1]
}

const heartbeat = (url: string, token: string) =>
  call(url, 'POST', '/api/terminal/heartbeat', { token, body: HEARTBEAT })

describe('DEMO_TERMINAL', () => {
  it('is off unless set to on, and any other value stops the server naming it', () => {
    expect(loadConfig({}).demoTerminal).toBe(false)
    expect(loadConfig({ DEMO_TERMINAL: 'on' }).demoTerminal).toBe(true)
    expect(loadConfig({}, { DEMO_TERMINAL: 'on' }).demoTerminal).toBe(true)
    expect(loadConfig({ DEMO_TERMINAL: 'off' }, { DEMO_TERMINAL: 'on' }).demoTerminal).toBe(false)
    expect(() => loadConfig({ DEMO_TERMINAL: 'yes' })).toThrow('DEMO_TERMINAL must be on or off, got "yes"')
  }, 60_000)
})

describe('a backend started with the defaults', () => {
  let backend: SpawnedBackend
  beforeAll(async () => {
    // The fixture turns the demo on for the other API tests; '' is the variable unset.
    backend = await spawnBackend({ env: { DEMO_TERMINAL: '' } })
  }, 60_000)
  afterAll(async () => {
    await backend.stop()
    backend.cleanup()
  }, 30_000)

  it('hands no key to a loopback browser', async () => {
    const res = await call(backend.url, 'POST', '/api/terminals/demo-enrol')
    expect(res.status).toBe(404)
    expect(res.body.error).toBe('demo_off')
  }, 60_000)

  it('prints a one-time link that enrols the demo terminal once', async () => {
    const code = linkCode(backend)
    const first = await call(backend.url, 'POST', '/api/terminals/enrol', { body: { code } })
    expect(first.status).toBe(200)
    expect(first.body.terminalId).toBe(DEMO_TERMINAL_ID)
    expect((await heartbeat(backend.url, first.body.token)).status).toBe(200)
    const again = await call(backend.url, 'POST', '/api/terminals/enrol', { body: { code } })
    expect(again.status).toBe(400)
    expect(again.body.error).toBe('enrol_code')
  }, 60_000)
})

describe('DEMO_TERMINAL=on', () => {
  let backend: SpawnedBackend
  let port: string
  beforeAll(async () => {
    backend = await spawnBackend({ env: { DEMO_TERMINAL: 'on' } })
    port = new URL(backend.url).port
  }, 60_000)
  afterAll(async () => {
    await backend.stop()
    backend.cleanup()
  }, 30_000)

  it('answers a browser on this machine with a loopback Host', async () => {
    for (const host of [`127.0.0.1:${port}`, 'localhost', `localhost:${port}`, '[::1]:8080']) {
      const res = await demoEnrolWith(backend.url, { host })
      expect(res.status, host).toBe(200)
      expect(res.body.terminalId).toBe(DEMO_TERMINAL_ID)
    }
  }, 60_000)

  it('refuses every request carrying a proxy header', async () => {
    for (const header of PROXY_HEADERS) {
      const res = await demoEnrolWith(backend.url, { host: `127.0.0.1:${port}`, [header]: '127.0.0.1' })
      expect(res.status, header).toBe(403)
      expect(res.body).toEqual({
        error: 'demo_proxied',
        message: `the demo terminal is not handed out through a proxy (${header} header)`,
      })
    }
  }, 60_000)

  it('refuses a Host that is not loopback, as a proxy passing the public name sends', async () => {
    for (const host of ['kiosk.example.gov.cn', '10.0.0.5:8080', '127.0.0.1.example.com']) {
      const res = await demoEnrolWith(backend.url, { host })
      expect(res.status, host).toBe(403)
      expect(res.body.error).toBe('demo_host')
    }
  }, 60_000)

  it('keeps the demo key sealed, and starting without DEMO_TERMINAL=on revokes it', async () => {
    const { token } = (await demoEnrolWith(backend.url, { host: `127.0.0.1:${port}` })).body as {
      token: string
    }
    expect((await heartbeat(backend.url, token)).status).toBe(200)
    await backend.stop()
    const db = new Database(databasePath(backend.dataDir), { readonly: true })
    const stored = (
      db.prepare('SELECT value FROM settings WHERE key = ?').get(DEMO_TOKEN_SETTING) as {
        value: string
      }
    ).value
    db.close()
    expect(isSealed(stored)).toBe(true)
    expect(stored).not.toContain(token)

    const off = await spawnBackend({ dataDir: backend.dataDir, env: { DEMO_TERMINAL: 'off' } })
    try {
      const refused = await heartbeat(off.url, token)
      expect(refused.status).toBe(401)
      expect(refused.body.error).toBe('terminal_revoked')
      // The link of this start enrols it again, with a new key.
      const enrolled = await call(off.url, 'POST', '/api/terminals/enrol', { body: { code: linkCode(off) } })
      expect(enrolled.status).toBe(200)
      expect((await heartbeat(off.url, enrolled.body.token)).status).toBe(200)
    } finally {
      await off.stop()
    }
    backend = await spawnBackend({ dataDir: backend.dataDir, env: { DEMO_TERMINAL: 'on' } })
  }, 60_000)
})

describe('revoke, rotate and wipe through the admin API', () => {
  let backend: SpawnedBackend
  let admin: Awaited<ReturnType<typeof login>>
  beforeAll(async () => {
    backend = await spawnBackend()
    admin = await login(backend.url, 'admin', ADMIN_PASSWORD)
  }, 60_000)
  afterAll(async () => {
    await backend.stop()
    backend.cleanup()
  }, 30_000)
  const adminCall = (method: string, path: string, body?: unknown) =>
    call(backend.url, method, path, { token: admin.token, body })
  const newTerminal = async () => {
    const created = await adminCall('POST', '/api/admin/terminals', { name: '村委会终端' })
    const enrolled = await call(backend.url, 'POST', '/api/terminals/enrol', {
      body: { code: created.body.enrolCode },
    })
    return { id: created.body.id as string, token: enrolled.body.token as string }
  }

  it('revokes at once: every terminal route answers 401 terminal_revoked', async () => {
    const t = await newTerminal()
    const revoked = await adminCall('POST', `/api/admin/terminals/${t.id}/revoke`, {})
    expect(revoked.status).toBe(200)
    expect(revoked.body.revokedAt).not.toBeNull()
    for (const [method, path, body] of [
      ['POST', '/api/terminal/heartbeat', HEARTBEAT],
      ['POST', '/api/terminal/transactions', { records: [] }],
      ['POST', '/api/terminal/counters', { counters: [] }],
      ['GET', '/api/terminal/catalog', undefined],
      ['GET', '/api/terminal/cases/ABC123', undefined],
    ] as const) {
      const res = await call(backend.url, method, path, { token: t.token, body })
      expect(res.status, path).toBe(401)
      expect(res.body, path).toEqual({
        error: 'terminal_revoked',
        message: 'this terminal key was revoked: enrol again with a code from an admin',
        wipe: false,
      })
    }
    // A new code from rotate enrols it again; the revoked key stays dead.
    const rotated = await adminCall('POST', `/api/admin/terminals/${t.id}/rotate`, {})
    expect(rotated.body.oldKeyUntil).toBe(rotated.body.expiresAt)
    const again = await call(backend.url, 'POST', '/api/terminals/enrol', {
      body: { code: rotated.body.enrolCode },
    })
    expect(again.status).toBe(200)
    expect((await heartbeat(backend.url, again.body.token)).status).toBe(200)
    expect((await heartbeat(backend.url, t.token)).status).toBe(401)
  }, 60_000)

  it('rotates: the old key works until the terminal enrols with the new code', async () => {
    const t = await newTerminal()
    const rotated = await adminCall('POST', `/api/admin/terminals/${t.id}/rotate`, {})
    expect(rotated.status).toBe(200)
    expect(rotated.body.enrolCode).toMatch(/^[A-Z2-9]{12}$/)
    expect((await heartbeat(backend.url, t.token)).status).toBe(200)
    const next = await call(backend.url, 'POST', '/api/terminals/enrol', {
      body: { code: rotated.body.enrolCode },
    })
    expect((await heartbeat(backend.url, next.body.token)).status).toBe(200)
    expect((await heartbeat(backend.url, t.token)).status).toBe(401)
    const listed = (await adminCall('GET', '/api/admin/terminals')).body.find(
      (r: { id: string }) => r.id === t.id,
    )
    expect(listed).toMatchObject({ enrolled: true, revokedAt: null, keyExpiresAt: null })
  }, 60_000)

  it('orders a wipe told at the next contact: heartbeat answer, or the 401 of a revoked key', async () => {
    const live = await newTerminal()
    expect((await heartbeat(backend.url, live.token)).body.wipe).toBe(false)
    expect(
      (await adminCall('POST', `/api/admin/terminals/${live.id}/wipe`, {})).body.wipeRequestedAt,
    ).not.toBeNull()
    expect((await heartbeat(backend.url, live.token)).body.wipe).toBe(true)
    expect(
      (await call(backend.url, 'POST', '/api/terminal/wiped', { token: live.token, body: {} })).status,
    ).toBe(200)
    expect((await heartbeat(backend.url, live.token)).body.wipe).toBe(false)

    const gone = await newTerminal()
    await adminCall('POST', `/api/admin/terminals/${gone.id}/revoke`, {})
    await adminCall('POST', `/api/admin/terminals/${gone.id}/wipe`, {})
    const refused = await heartbeat(backend.url, gone.token)
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({ error: 'terminal_revoked', wipe: true })
    // A revoked key may still report the wipe done, and nothing else.
    expect(
      (await call(backend.url, 'POST', '/api/terminal/wiped', { token: gone.token, body: {} })).status,
    ).toBe(200)
    const rows = (await adminCall('GET', '/api/admin/terminals')).body as {
      id: string
      wipedAt: string | null
    }[]
    for (const id of [live.id, gone.id]) {
      const row = rows.find((r) => r.id === id)
      expect(row?.wipedAt, id).not.toBeNull()
      expect(row, id).toMatchObject({ wipeRequestedAt: null })
    }
    expect((await heartbeat(backend.url, gone.token)).body).toMatchObject({ wipe: false })
  }, 60_000)

  it('leaves revoke, rotate and wipe to admins', async () => {
    const ops = await login(backend.url, 'ops', OPS_PASSWORD)
    for (const action of ['revoke', 'rotate', 'wipe']) {
      const res = await call(backend.url, 'POST', `/api/admin/terminals/${DEMO_TERMINAL_ID}/${action}`, {
        token: ops.token,
        body: {},
      })
      expect(res.status, action).toBe(403)
    }
    const missing = await adminCall('POST', '/api/admin/terminals/T-NOPE/revoke', {})
    expect(missing.status).toBe(404)
    expect(missing.body.message).toBe('terminal T-NOPE does not exist')
  }, 60_000)
})

describe('expiries on a simulated clock', () => {
  it('a rotated key stops after ROTATE_GRACE_MS when the terminal never re-enrols', async () => {
    const server = await startAuthServer([
      { username: 'admin', role: 'admin', passwordHash: legacyHash('pw') },
    ])
    try {
      const code = await prepareDemoTerminal(server.store, server.deps.fingerprints, false, server.clock.ms)
      const { token } = (await call(server.url, 'POST', '/api/terminals/enrol', { body: { code } })).body as {
        token: string
      }
      const admin = (await (await server.login('admin', 'pw')).json()) as { token: string }
      const rotated = await call(server.url, 'POST', `/api/admin/terminals/${DEMO_TERMINAL_ID}/rotate`, {
        token: admin.token,
        body: {},
      })
      expect(rotated.body.oldKeyUntil).toBe(new Date(server.clock.ms + ROTATE_GRACE_MS).toISOString())
      server.clock.ms += ROTATE_GRACE_MS - 1
      expect((await heartbeat(server.url, token)).status).toBe(200)
      server.clock.ms += 1
      const stopped = await heartbeat(server.url, token)
      expect(stopped.status).toBe(401)
      expect(stopped.body.message).toBe(
        'this terminal key was rotated and its grace period is over: enrol again with the new code',
      )
    } finally {
      await server.close()
    }
  }, 60_000)

  it('the printed link expires after DEMO_LINK_TTL_MS', async () => {
    const server = await startAuthServer([])
    try {
      const code = await prepareDemoTerminal(server.store, server.deps.fingerprints, false, server.clock.ms)
      server.clock.ms += DEMO_LINK_TTL_MS + 1
      const late = await call(server.url, 'POST', '/api/terminals/enrol', { body: { code } })
      expect(late.status).toBe(400)
      expect(late.body.error).toBe('enrol_code')
    } finally {
      await server.close()
    }
  }, 60_000)
})
