/**
 * Dead letters reach ops: the heartbeat's optional count-and-reasons summary shows in fleet health with a
 * `dead-letters` flag. Only counts per "<kind> <status>" pass the contract, never a free text.
 */
import { describe, expect, it } from 'vitest'
import { call } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const backend = backendSession({ signIn: ['ops', 'terminal'] })

const heartbeat = {
  status: 'idle',
  queueLength: 0,
  oldestUnsentAt: null,
  lastSyncAt: null,
  storage: { usage: 1, quota: 100, persisted: true },
  printer: 'ok',
  appVersion: '0.1.0',
  catalogVersion: 1,
}

async function fleetRow() {
  const fleet = await call(backend.url, 'GET', '/api/ops/terminals', { token: backend.ops.token })
  return (fleet.body as Array<{ id: string; deadLetters: unknown; flags: string[] }>).find((r) =>
    r.id.startsWith('T-DEMO'),
  )
}

describe('dead letters in fleet health', () => {
  it('shows a terminal without the field (older app) as null, unflagged', async () => {
    const res = await call(backend.url, 'POST', '/api/terminal/heartbeat', {
      token: backend.terminal,
      body: heartbeat,
    })
    expect(res.status).toBe(200)
    const row = await fleetRow()
    expect(row?.deadLetters).toBeNull()
    expect(row?.flags).not.toContain('dead-letters')
  })

  it('shows the count and reasons, flagged', async () => {
    const deadLetters = { count: 3, reasons: { 'refused 400': 2, 'conflict 422': 1 } }
    const res = await call(backend.url, 'POST', '/api/terminal/heartbeat', {
      token: backend.terminal,
      body: { ...heartbeat, deadLetters },
    })
    expect(res.status).toBe(200)
    const row = await fleetRow()
    expect(row?.deadLetters).toEqual(deadLetters)
    expect(row?.flags).toContain('dead-letters')
  })

  it('refuses a reason that is free text (it could carry personal data)', async () => {
    const res = await call(backend.url, 'POST', '/api/terminal/heartbeat', {
      token: backend.terminal,
      body: { ...heartbeat, deadLetters: { count: 1, reasons: { '李四 44010619900101123X': 1 } } },
    })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/^body: deadLetters\.reasons\./)
  })
})
