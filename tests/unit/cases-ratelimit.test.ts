/** The case limits (cases/caseLimits.ts): lookups and ratings per terminal and per resident, 429 with Retry-After. */

import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../mock-backend/src/app'
import { hashSecret } from '../../mock-backend/src/auth/tokens'
import { CASE_LIMITS } from '../../mock-backend/src/cases/caseLimits'
import { CASE_LOOKUPS_PER_MINUTE } from '../../mock-backend/src/cases/settings'
import { loadConfig } from '../../mock-backend/src/config'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { migrate } from '../../mock-backend/src/db/sqlite/migrations'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import { DepartmentSimulator } from '../../mock-backend/src/departments/simulator'
import type { Logger } from '../../mock-backend/src/logger'
import { createAppDeps } from '../../mock-backend/src/server'

const NOW = Date.parse('2026-11-23T01:00:00Z')
const ID = '44160019900101123X'
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as unknown as Logger

/** An in-memory backend with two enrolled terminals and a settable clock. */
async function setup() {
  const db = new Database(':memory:')
  migrate(db)
  const store = new SqliteStorage(db)
  for (const id of ['T-1', 'T-2']) {
    await store.insertTerminal({
      id,
      name: id,
      location: '',
      groups: [],
      districtCode: DEMO_DISTRICT_CODE,
      tokenHash: hashSecret(`token-of-${id}-0123456789`),
      codeHash: null,
      codeExpiresAt: null,
      now: new Date(NOW).toISOString(),
    })
  }
  const clock = { ms: NOW }
  const deps = await createAppDeps(loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'warn' }), store, {
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
  const byId = (terminal: string, idNumber = ID) =>
    app.request('/api/terminal/cases/lookup', {
      method: 'POST',
      headers: headers(terminal),
      body: JSON.stringify({ idNumber }),
    })
  const rate = (terminal: string, caseNumber = 'SB2026112300001') =>
    app.request('/api/terminal/ratings', {
      method: 'POST',
      headers: headers(terminal),
      body: JSON.stringify({ caseNumber, level: 5 }),
    })
  /** Opens `count` cases of the resident with ID on terminal T-1, numbered SB…00001 upwards. */
  const openCases = async (count: number) => {
    const subjectHash = await deps.cases.subjectHash(ID)
    return deps.cases.store.insertCases(
      Array.from({ length: count }, (_, i) => ({
        transactionKey: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        caseNumber: `SB20261123${String(i + 1).padStart(5, '0')}`,
        terminalId: 'T-1',
        districtCode: DEMO_DISTRICT_CODE,
        itemCode: 'POL-APPLY-0001',
        itemNameZh: '办证',
        itemNameEn: 'Permit',
        kind: '申办',
        department: 'police',
        departmentNameZh: '公安',
        departmentNameEn: 'Police',
        subjectHash,
        acceptedAt: new Date(NOW).toISOString(),
        acceptDay: '2026-11-23',
        limitDays: 3,
        limitUnit: '工作日',
        dueDay: '2026-11-26',
        calendarCovered: true,
        plan: [],
      })),
    )
  }
  const residentLookup = (terminal: string, idNumber: string, route: string) =>
    app.request(`/api/terminal/${route}`, {
      method: 'POST',
      headers: headers(terminal),
      body: JSON.stringify({ idNumber, itemCode: 'MZ-0001' }),
    })
  return { clock, byNumber, byId, rate, openCases, residentLookup }
}

describe('case lookup rate limit', () => {
  it(`allows ${CASE_LOOKUPS_PER_MINUTE} lookups a minute per terminal, by number and by ID together, then 429`, async () => {
    const { byNumber, byId } = await setup()
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
    const { clock, byNumber } = await setup()
    for (let i = 0; i < CASE_LOOKUPS_PER_MINUTE; i++) await byNumber('T-1')
    expect((await byNumber('T-1')).status).toBe(429)
    expect((await byNumber('T-2')).status).toBe(404)
    clock.ms += 61_000
    expect((await byNumber('T-1')).status).toBe(404)
  })

  it(`limits lookups by ID to ${CASE_LIMITS.lookupsPerId.limit} an hour per ID number, from any terminal`, async () => {
    const { clock, byId } = await setup()
    for (let i = 0; i < CASE_LIMITS.lookupsPerId.limit; i++)
      expect((await byId(i % 2 === 0 ? 'T-1' : 'T-2')).status, `lookup ${i + 1}`).toBe(200)
    const blocked = await byId('T-2')
    expect(blocked.status).toBe(429)
    const body = (await blocked.json()) as { error: string; message: string }
    expect(body.message).toMatch(
      /^too many lookups for this ID number \(at most 10 an hour\); try again in \d+ s$/,
    )
    expect(body.message).not.toContain(ID)
    expect((await byId('T-2', '440000199001011234')).status).toBe(200)
    clock.ms += CASE_LIMITS.lookupsPerId.windowMs + 1
    expect((await byId('T-1')).status).toBe(200)
  })

  it(`limits ratings to ${CASE_LIMITS.ratingsPerTerminal.limit} a minute per terminal, counted before validation, apart from lookups`, async () => {
    const { byNumber, rate } = await setup()
    for (let i = 0; i <= CASE_LOOKUPS_PER_MINUTE; i++) await byNumber('T-1')
    for (let i = 0; i < CASE_LIMITS.ratingsPerTerminal.limit; i++)
      expect((await rate('T-1', i % 2 === 0 ? 'SB2026112300001' : 'x')).status, `rating ${i + 1}`).not.toBe(
        429,
      )
    const blocked = await rate('T-1')
    expect(blocked.status).toBe(429)
    expect(((await blocked.json()) as { message: string }).message).toMatch(
      /^too many ratings from this terminal/,
    )
    expect((await rate('T-2')).status).toBe(404)
  })

  it(`limits ratings of one resident's cases to ${CASE_LIMITS.ratingsPerId.limit} an hour, by the keyed hash of the ID`, async () => {
    const { rate, openCases } = await setup()
    await openCases(CASE_LIMITS.ratingsPerId.limit + 1)
    const number = (i: number) => `SB20261123${String(i + 1).padStart(5, '0')}`
    for (let i = 0; i < CASE_LIMITS.ratingsPerId.limit; i++)
      expect((await rate('T-1', number(i))).status).toBe(201)
    const blocked = await rate('T-1', number(CASE_LIMITS.ratingsPerId.limit))
    expect(blocked.status).toBe(429)
    expect(((await blocked.json()) as { message: string }).message).toMatch(
      /^too many ratings of this resident's cases \(at most 10 an hour\)/,
    )
  })
})

describe.each([
  ['电子证照', 'licences', CASE_LIMITS.licencesPerTerminal],
  ['household register', 'household', CASE_LIMITS.householdsPerTerminal],
] as const)('%s lookup rate limit', (_, route, { limit: perTerminal, what }) => {
  it(`allows ${perTerminal} a minute per terminal, malformed ones counted, then 429 naming the limit`, async () => {
    const { clock, residentLookup } = await setup()
    const lookup = (terminal: string, idNumber: string) => residentLookup(terminal, idNumber, route)
    // Different residents, a malformed number among them.
    for (let i = 0; i < perTerminal; i++) {
      const res = await lookup('T-1', i === 3 ? 'not-a-number' : `4416001990010${String(1000 + i)}X`)
      expect(res.status, `lookup ${i + 1}`).not.toBe(429)
    }
    const blocked = await lookup('T-1', '441600199001019999')
    expect(blocked.status).toBe(429)
    expect(((await blocked.json()) as { message: string }).message).toMatch(
      new RegExp(`^too many ${what} \\(at most ${perTerminal} a minute\\)`),
    )
    expect((await lookup('T-2', '441600199001019999')).status).not.toBe(429)
    clock.ms += 61_000
    expect((await lookup('T-1', '441600199001019999')).status).not.toBe(429)
  })
})
