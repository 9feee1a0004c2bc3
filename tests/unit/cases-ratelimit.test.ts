/** The per-terminal limit on 办件 lookups: 429 with Retry-After and a clear message; ratings are not limited. */

import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../mock-backend/src/app'
import { hashSecret } from '../../mock-backend/src/auth/tokens'
import { CASE_LOOKUPS_PER_MINUTE } from '../../mock-backend/src/cases/settings'
import { loadConfig } from '../../mock-backend/src/config'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { migrate } from '../../mock-backend/src/db/migrations'
import { Store } from '../../mock-backend/src/db/store'
import { DepartmentSimulator } from '../../mock-backend/src/departments/simulator'
import type { Logger } from '../../mock-backend/src/logger'
import { createAppDeps } from '../../mock-backend/src/server'

const NOW = Date.parse('2026-11-23T01:00:00Z')
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as unknown as Logger

/** An in-memory backend with two enrolled terminals and a settable clock. */
function setup() {
  const db = new Database(':memory:')
  migrate(db)
  const store = new Store(db)
  for (const id of ['T-1', 'T-2']) {
    store.insertTerminal({
      id,
      name: id,
      location: '',
      groups: [],
      tokenHash: hashSecret(`token-of-${id}-0123456789`),
      codeHash: null,
      codeExpiresAt: null,
      now: new Date(NOW).toISOString(),
    })
  }
  const clock = { ms: NOW }
  const deps = createAppDeps(loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'warn' }), store, {
    logger: silent,
    departments: new DepartmentSimulator('seed', {}, async () => {}),
    now: () => new Date(clock.ms),
    appVersion: 'test',
  })
  const app = createApp(deps)
  const headers = (terminal: string) => ({
    Authorization: `Bearer token-of-${terminal}-0123456789`,
    'X-Api-Version': String(API_VERSION),
    'Content-Type': 'application/json',
  })
  const byNumber = (terminal: string, n = 'SB2026112300001') =>
    app.request(`/api/terminal/cases/${n}`, { headers: headers(terminal) })
  const byId = (terminal: string) =>
    app.request('/api/terminal/cases/lookup', {
      method: 'POST',
      headers: headers(terminal),
      body: JSON.stringify({ idNumber: '44160019900101123X' }),
    })
  const rate = (terminal: string) =>
    app.request('/api/terminal/ratings', {
      method: 'POST',
      headers: headers(terminal),
      body: JSON.stringify({ caseNumber: 'SB2026112300001', level: 5 }),
    })
  return { clock, byNumber, byId, rate }
}

describe('case lookup rate limit', () => {
  it(`allows ${CASE_LOOKUPS_PER_MINUTE} lookups a minute per terminal, by number and by ID together, then 429`, async () => {
    const { byNumber, byId } = setup()
    for (let i = 0; i < CASE_LOOKUPS_PER_MINUTE; i++) {
      const res = i % 2 === 0 ? await byNumber('T-1') : await byId('T-1')
      expect(res.status, `lookup ${i + 1}`).not.toBe(429)
    }
    const blocked = await byNumber('T-1')
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    expect(Number(blocked.headers.get('Retry-After'))).toBeLessThanOrEqual(60)
    const body = (await blocked.json()) as { error: string; message: string }
    expect(body.error).toBe('rate_limited')
    expect(body.message).toMatch(/too many case lookups from this terminal/)
    expect((await byId('T-1')).status).toBe(429)
    // Malformed numbers count too (a script guessing numbers gains nothing from bad input).
    expect((await byNumber('T-1', 'x')).status).toBe(429)
  })

  it('is per terminal, and the window slides: a minute later lookups work again', async () => {
    const { clock, byNumber } = setup()
    for (let i = 0; i < CASE_LOOKUPS_PER_MINUTE; i++) await byNumber('T-1')
    expect((await byNumber('T-1')).status).toBe(429)
    expect((await byNumber('T-2')).status).toBe(404)
    clock.ms += 61_000
    expect((await byNumber('T-1')).status).toBe(404)
  })

  it('does not limit ratings (one per case anyway)', async () => {
    const { byNumber, rate } = setup()
    for (let i = 0; i <= CASE_LOOKUPS_PER_MINUTE; i++) await byNumber('T-1')
    expect((await rate('T-1')).status).toBe(404)
  })
})
