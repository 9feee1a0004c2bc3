/**
 * Per-terminal settings an admin sets: the maintenance PIN (only its PBKDF2 hash is stored and sent) and the
 * idle time (IDLE_SECONDS, per terminal or for a whole group). Both reach the terminal in the enrolment
 * answer and in every heartbeat answer, so a remote reset arrives at the next contact; so does the backend's
 * RETENTION_DAYS, which the terminal applies to what it keeps.
 */
import { pbkdf2Sync } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { IDLE_SECONDS, PIN_PBKDF2_ITERATIONS } from '../../mock-backend/src/contract/constants'
import { NO_ANSWER_SECONDS } from '../../mock-backend/src/contract/helpDeskRules'
import { call } from '../fixtures/node/backend/server'
import { backendSession, type StaffLogin } from '../fixtures/node/backend/session'

const DEMO_PIN = '20261127'
/** Not the default, so the settings must carry the backend's own figure. */
const RETENTION_DAYS = 90
const backend = backendSession({ env: { DEMO_PIN, RETENTION_DAYS: String(RETENTION_DAYS) } })
let url: string
let admin: StaffLogin
let terminal: string
beforeAll(() => {
  ;({ url, admin, terminal } = backend)
})

const heartbeat = {
  status: 'idle',
  queueLength: 0,
  oldestUnsentAt: null,
  lastSyncAt: null,
  storage: { usage: 0, quota: 0, persisted: false },
  printer: 'ok',
  appVersion: 'test',
  catalogVersion: 0,
}

/** PBKDF2-HMAC-SHA-256 as the terminal computes it. */
const pinHashOf = (pin: string, salt: string, iterations: number) =>
  pbkdf2Sync(pin, Buffer.from(salt, 'hex'), iterations, 32, 'sha256').toString('hex')

const createTerminal = (body: Record<string, unknown>) =>
  call(url, 'POST', '/api/admin/terminals', { token: admin.token, body })
const update = (id: string, body: Record<string, unknown>) =>
  call(url, 'PUT', `/api/admin/terminals/${id}`, { token: admin.token, body })
const enrol = async (code: string) => call(url, 'POST', '/api/terminals/enrol', { body: { code } })
const beat = (token: string) => call(url, 'POST', '/api/terminal/heartbeat', { token, body: heartbeat })

describe('maintenance PIN', () => {
  it('seeds the demo terminal from DEMO_PIN and sends only its hash', async () => {
    const res = await beat(terminal)
    expect(res.status).toBe(200)
    const { pin, idleSeconds, retentionDays } = res.body.settings
    expect(idleSeconds).toBe(IDLE_SECONDS.default)
    expect(retentionDays).toBe(RETENTION_DAYS)
    expect(pin.iterations).toBe(PIN_PBKDF2_ITERATIONS)
    expect(pin.salt).toMatch(/^[0-9a-f]{32}$/)
    expect(pin.hash).toBe(pinHashOf(DEMO_PIN, pin.salt, pin.iterations))
    expect(res.text).not.toContain(DEMO_PIN)
    const demo = await call(url, 'POST', '/api/terminals/demo-enrol')
    expect(demo.body.settings).toEqual(res.body.settings)
  })

  it('is set at creation, arrives with enrolment, and the console sees only that one is set', async () => {
    const created = await createTerminal({ name: '东村终端', groups: ['pin-village'], pin: '135790' })
    expect(created.status).toBe(201)
    const enrolled = await enrol(created.body.enrolCode)
    expect(enrolled.status).toBe(200)
    const { pin } = enrolled.body.settings
    expect(pin.hash).toBe(pinHashOf('135790', pin.salt, pin.iterations))
    const listed = await call(url, 'GET', '/api/admin/terminals', { token: admin.token })
    const row = listed.body.find((t: { id: string }) => t.id === created.body.id)
    expect(row).toMatchObject({ pinSet: true, idleSeconds: IDLE_SECONDS.default })
    expect(listed.text).not.toContain(pin.hash)
    expect(listed.text).not.toContain('135790')
  })

  it('a terminal created without a PIN is enrolled with none (its maintenance screen stays locked)', async () => {
    const created = await createTerminal({ name: '无密码终端' })
    const enrolled = await enrol(created.body.enrolCode)
    expect(enrolled.body.settings).toEqual({
      idleSeconds: IDLE_SECONDS.default,
      pin: null,
      retentionDays: RETENTION_DAYS,
      // Issue 16: no centre contact yet, and the default no-answer timeout.
      help: { noAnswerSeconds: NO_ANSWER_SECONDS.default, contact: null },
      // Issue 19: the page pairs with the terminal's device agent with this (an HMAC-SHA256, base64url).
      agentPairingSecret: expect.stringMatching(/^[\w-]{43}$/),
    })
  })

  it('the device-agent pairing secret follows the terminal key: a rotation gives the re-enrolled key a new one', async () => {
    const created = await createTerminal({ name: '轮换终端' })
    const first = await enrol(created.body.enrolCode)
    const secret = first.body.settings.agentPairingSecret
    expect((await beat(first.body.token)).body.settings.agentPairingSecret).toBe(secret)
    const rotated = await call(url, 'POST', `/api/admin/terminals/${created.body.id}/rotate`, {
      token: admin.token,
    })
    expect(rotated.status).toBe(200)
    // In the grace period the old key still gets the old secret: the agent is not moved before the page is.
    expect((await beat(first.body.token)).body.settings.agentPairingSecret).toBe(secret)
    const second = await enrol(rotated.body.enrolCode)
    const next = second.body.settings.agentPairingSecret
    expect(next).toMatch(/^[\w-]{43}$/)
    expect(next).not.toBe(secret)
    expect((await beat(second.body.token)).body.settings.agentPairingSecret).toBe(next)
  })

  it('a remote reset reaches the terminal with its next heartbeat answer, under a new salt', async () => {
    const created = await createTerminal({ name: '重置终端', pin: '111111' })
    const enrolled = await enrol(created.body.enrolCode)
    const before = enrolled.body.settings.pin
    const reset = await update(created.body.id, { pin: '24681357' })
    expect(reset.status).toBe(200)
    expect(reset.body).toMatchObject({ id: created.body.id, pinSet: true })
    const answer = await beat(enrolled.body.token)
    const after = answer.body.settings.pin
    expect(after.salt).not.toBe(before.salt)
    expect(after.hash).toBe(pinHashOf('24681357', after.salt, after.iterations))
  })

  it('refuses a PIN that is not 6 to 8 digits, naming the rule', async () => {
    for (const pin of ['12345', '123456789', '12a456', ' 123456']) {
      const res = await createTerminal({ name: '坏密码', pin })
      expect(res.status).toBe(400)
      expect(res.body.message).toBe('body: pin: pin must be 6 to 8 digits')
    }
    const res = await update('T-DEMO-0001', { pin: 2580 })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/^body: pin: /)
  })
})

describe('idle timeout', () => {
  it('refuses values outside 30–300 s with the exact problem', async () => {
    const cases: [unknown, string][] = [
      [29, 'body: idleSeconds: idleSeconds must be at least 30'],
      [301, 'body: idleSeconds: idleSeconds must be at most 300'],
      [45.5, 'body: idleSeconds: idleSeconds must be a whole number of seconds'],
      ['60', 'body: idleSeconds: idleSeconds must be a number of seconds'],
    ]
    for (const [idleSeconds, message] of cases) {
      const one = await update('T-DEMO-0001', { idleSeconds })
      expect([one.status, one.body.message]).toEqual([400, message])
      const group = await call(url, 'PUT', '/api/admin/terminal-groups/town-centre/idle', {
        token: admin.token,
        body: { idleSeconds },
      })
      expect([group.status, group.body.message]).toEqual([400, message])
    }
    const created = await createTerminal({ name: '超时终端', idleSeconds: 10 })
    expect([created.status, created.body.message]).toEqual([
      400,
      'body: idleSeconds: idleSeconds must be at least 30',
    ])
  })

  it('sets every terminal of a group at once, and the heartbeat answer carries it', async () => {
    const a = await createTerminal({ name: '北村一号', groups: ['north-village'] })
    const b = await createTerminal({ name: '北村二号', groups: ['north-village', 'town-centre'] })
    const other = await createTerminal({ name: '南村', groups: ['south-village'], idleSeconds: 45 })
    const res = await call(url, 'PUT', '/api/admin/terminal-groups/north-village/idle', {
      token: admin.token,
      body: { idleSeconds: 150 },
    })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      group: 'north-village',
      idleSeconds: 150,
      terminals: [a.body.id, b.body.id].sort(),
    })
    const listed = await call(url, 'GET', '/api/admin/terminals', { token: admin.token })
    const idleOf = (id: string) => listed.body.find((t: { id: string }) => t.id === id).idleSeconds
    expect([idleOf(a.body.id), idleOf(b.body.id), idleOf(other.body.id)]).toEqual([150, 150, 45])

    const enrolled = await enrol(b.body.enrolCode)
    expect(enrolled.body.settings.idleSeconds).toBe(150)
    await update(b.body.id, { idleSeconds: 240 })
    expect((await beat(enrolled.body.token)).body.settings.idleSeconds).toBe(240)
  })

  it('answers 404 for a group no terminal is in, and 400 for a malformed group name', async () => {
    const none = await call(url, 'PUT', '/api/admin/terminal-groups/nowhere/idle', {
      token: admin.token,
      body: { idleSeconds: 90 },
    })
    expect([none.status, none.body.message]).toEqual([404, 'no terminal is in group nowhere'])
    const bad = await call(url, 'PUT', '/api/admin/terminal-groups/Bad_Group/idle', {
      token: admin.token,
      body: { idleSeconds: 90 },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/^group: /)
  })
})
