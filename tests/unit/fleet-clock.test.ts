/**
 * The settable backend clock: absent (404) without FAULTS=on; with it, admin-only, validated, and followed by
 * the backend's own time (a terminal's heartbeat answer carries it), while staff and terminal auth still hold.
 */
import { describe, expect, it } from 'vitest'
import { Clock } from '../../mock-backend/src/clock'
import { call } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const HEARTBEAT = {
  status: 'idle',
  queueLength: 0,
  oldestUnsentAt: null,
  lastSyncAt: null,
  storage: { usage: 1, quota: 10, persisted: true },
  printer: 'ok',
  appVersion: 'test',
  catalogVersion: 1,
}

describe('Clock', () => {
  it('follows its real clock plus the offset set, and refuses a jump past its bound', () => {
    const clock = new Clock(() => new Date('2026-01-01T00:00:00Z'))
    expect(clock.view()).toEqual({ now: '2026-01-01T00:00:00.000Z', offsetMs: 0 })
    expect(clock.set({ at: '2023-01-01T08:00:00+08:00' }).now).toBe('2023-01-01T00:00:00.000Z')
    expect(clock.set({ offsetMs: 1000 }).now).toBe('2026-01-01T00:00:01.000Z')
    expect(() => clock.set({ at: '1900-01-01T00:00:00Z' })).toThrow(RangeError)
    expect(clock.view().offsetMs).toBe(1000)
  })
})

describe('clock route without FAULTS=on', () => {
  const backend = backendSession({ signIn: ['admin'] })
  it('does not exist', async () => {
    const { admin, url } = backend
    expect((await call(url, 'GET', '/api/admin/faults/clock', { token: admin.token })).status).toBe(404)
    const put = await call(url, 'PUT', '/api/admin/faults/clock', {
      token: admin.token,
      body: { offsetMs: 0 },
    })
    expect(put.status).toBe(404)
  })
})

describe('clock route under FAULTS=on', () => {
  const backend = backendSession({ env: { FAULTS: 'on' } })

  it('is for admins only', async () => {
    const { ops, terminal, url } = backend
    expect((await call(url, 'GET', '/api/admin/faults/clock')).status).toBe(401)
    expect((await call(url, 'GET', '/api/admin/faults/clock', { token: ops.token })).status).toBe(403)
    expect((await call(url, 'GET', '/api/admin/faults/clock', { token: terminal })).status).toBe(403)
    const asOps = await call(url, 'PUT', '/api/admin/faults/clock', {
      token: ops.token,
      body: { offsetMs: 5 },
    })
    expect(asOps.status).toBe(403)
  })

  it('names a bad body', async () => {
    const { admin, url } = backend
    const bad = await call(url, 'PUT', '/api/admin/faults/clock', {
      token: admin.token,
      body: { at: 'noon' },
    })
    expect(bad.status).toBe(400)
    const far = await call(url, 'PUT', '/api/admin/faults/clock', {
      token: admin.token,
      body: { at: '1900-01-01T00:00:00Z' },
    })
    expect(far.status).toBe(400)
    expect(JSON.stringify(far.body)).toMatch(/at most/)
  })

  it('moves the backend time the terminals see, and back to real time', async () => {
    const { admin, terminal, url } = backend
    const set = await call(url, 'PUT', '/api/admin/faults/clock', {
      token: admin.token,
      body: { at: '2023-03-01T20:00:00+08:00' },
    })
    expect(set.status).toBe(200)
    const beat = await call(url, 'POST', '/api/terminal/heartbeat', { token: terminal, body: HEARTBEAT })
    expect(beat.status).toBe(200)
    expect(Date.parse((beat.body as { serverTime: string }).serverTime)).toBeLessThan(
      Date.parse('2023-03-01T12:01:00Z'),
    )
    // Staff sessions still hold on the moved clock, and a wrong key is still refused.
    expect((await call(url, 'GET', '/api/auth/me', { token: admin.token })).status).toBe(200)
    const wrong = await call(url, 'POST', '/api/terminal/heartbeat', { token: 'not-a-key', body: HEARTBEAT })
    expect(wrong.status).toBe(401)
    const back = await call(url, 'PUT', '/api/admin/faults/clock', {
      token: admin.token,
      body: { offsetMs: 0 },
    })
    expect((back.body as { offsetMs: number }).offsetMs).toBe(0)
    expect(Math.abs(Date.parse((back.body as { now: string }).now) - Date.now())).toBeLessThan(5_000)
  })
})
