/**
 * `POST /api/terminal/counters` against the real process: each counter is answered on its own with a reason
 * code (accepted, quarantined or rejected), never the request whole. A day must lie between the terminal's
 * enrolment day and tomorrow, an item must be in a version published by that day, a value over the contract's
 * MAX_COUNTER_VALUE is quarantined where ops see it, and an admin's reset of a terminal's day stores floors that
 * a re-sync of the same absolute values cannot get past.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_COUNTER_VALUE } from '../../mock-backend/src/contract/constants'
import { shanghaiDay } from '../../mock-backend/src/time'
import { backdateBackend } from '../fixtures/node/backend/history'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { call, FIXTURE_CATALOG } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

// The same route-level tests on both stores (SQLite in the data folder, PostgreSQL in the folder's database).
describe.each(STORES)('counters on %s', (store) => {
  const backend = backendSession({ store })

  const DAY_MS = 24 * 3600 * 1000
  const today = shanghaiDay(Date.now())
  const daysAgo = (n: number) => shanghaiDay(Date.now() - n * DAY_MS)
  /** The demo terminal and catalog version 1 are back-dated to this day; the new terminal enrols today. */
  const SINCE = daysAgo(10)
  /** An item only version 2 (published today) has. */
  const NEW_ITEM = 'HRSS-Q-0099'

  const merged = { status: 'accepted', reason: 'merged' }
  const absorbed = { status: 'accepted', reason: 'at_or_below_floor' }
  const quarantined = (i: number) => ({
    status: 'quarantined',
    reason: 'over_bound',
    message: `counters.${i}.value: over the bound of ${MAX_COUNTER_VALUE}; kept aside for ops`,
  })

  let fresh: { id: string; token: string }

  async function push(token: string, counters: unknown[]) {
    const res = await call(backend.url, 'POST', '/api/terminal/counters', { token, body: { counters } })
    expect(res.status).toBe(200)
    return res.body as { accepted: number; outcomes: unknown[] }
  }

  /** Sessions and completions of the demo terminal's day, as the ops report shows them. */
  async function figures(day: string, by = 'day') {
    const res = await call(backend.url, 'GET', `/api/ops/daily-counts?from=${day}&to=${day}&by=${by}`, {
      token: backend.ops.token,
    })
    expect(res.status).toBe(200)
    return res.body.rows as Record<string, unknown>[]
  }

  async function reset(terminalId: string, day: unknown, token = backend.admin.token) {
    return call(backend.url, 'POST', `/api/admin/terminals/${terminalId}/counter-reset`, {
      token,
      body: { day },
    })
  }

  beforeAll(async () => {
    await backdateBackend(backend.server, `${SINCE}T09:00:00+08:00`)
    // Version 2, published today through the admin API, adds one item.
    const catalog = JSON.parse(readFileSync(FIXTURE_CATALOG, 'utf8'))
    const first = catalog.items[0]
    catalog.items.push({
      ...first,
      code: NEW_ITEM,
      name: { zh: `${first.name.zh}（新）`, en: `${first.name.en} (new)` },
    })
    const checked = await call(backend.url, 'POST', '/api/admin/catalog/validate', {
      token: backend.admin.token,
      headers: { 'x-file-name': 'catalog-v2.json' },
      body: catalog,
    })
    expect(checked.body.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([])
    expect(checked.body.ok).toBe(true)
    const published = await call(backend.url, 'POST', '/api/admin/catalog/publish', {
      token: backend.admin.token,
      body: { candidateId: checked.body.candidateId },
    })
    expect(published.status).toBe(200)
    const created = await call(backend.url, 'POST', '/api/admin/terminals', {
      token: backend.admin.token,
      body: { name: '计数测试机', location: '测试', groups: [] },
    })
    const enrolled = await call(backend.url, 'POST', '/api/terminals/enrol', {
      body: { code: created.body.enrolCode },
    })
    fresh = { id: created.body.id, token: enrolled.body.token }
  })

  describe('counters answered one by one, each with its reason', () => {
    it('gives every bad counter its exact outcome and merges the good ones', async () => {
      const day = daysAgo(3)
      const answer = await push(backend.terminal, [
        { day, itemCode: 'HRSS-Q-0001', metric: 'completions', value: 4 },
        { day, itemCode: 'HRSS-Q-0001', metric: 'views', value: MAX_COUNTER_VALUE + 1 },
        { day: '2026-02-30', itemCode: '', metric: 'sessions', value: 1 },
        { day: shanghaiDay(Date.now() + 2 * DAY_MS), itemCode: '', metric: 'sessions', value: 1 },
        { day: daysAgo(11), itemCode: '', metric: 'sessions', value: 1 },
        { day, itemCode: NEW_ITEM, metric: 'views', value: 1 },
        { day, itemCode: 'NOT-IN-ANY-0001', metric: 'views', value: 1 },
        { day, itemCode: '', metric: 'clicks', value: 1 },
        'not a counter',
        { day, itemCode: '', metric: 'sessions', value: MAX_COUNTER_VALUE },
        { day: today, itemCode: NEW_ITEM, metric: 'views', value: 2 },
      ])
      const tomorrow = shanghaiDay(Date.now() + DAY_MS)
      expect(answer.outcomes).toEqual([
        merged,
        quarantined(1),
        { status: 'rejected', reason: 'not_a_day', message: 'counters.2.day: not a calendar day' },
        {
          status: 'rejected',
          reason: 'after_tomorrow',
          message: `counters.3.day: after tomorrow (${tomorrow})`,
        },
        {
          status: 'rejected',
          reason: 'before_enrolment',
          message: `counters.4.day: before the terminal's enrolment (${SINCE})`,
        },
        {
          status: 'rejected',
          reason: 'unpublished_item',
          message: `counters.5.itemCode: ${NEW_ITEM} was in no catalog published by ${day}`,
        },
        {
          status: 'rejected',
          reason: 'unpublished_item',
          message: `counters.6.itemCode: NOT-IN-ANY-0001 was in no catalog published by ${day}`,
        },
        {
          status: 'rejected',
          reason: 'malformed',
          message: expect.stringMatching(/^counters\.7\.metric: /),
        },
        { status: 'rejected', reason: 'malformed', message: expect.stringMatching(/^counters\.8: /) },
        merged,
        merged,
      ])
      expect(answer.accepted).toBe(3)
      // Only the merged values reached the reports; the quarantined views did not.
      expect(await figures(day)).toEqual([
        expect.objectContaining({ day, completions: 4, sessions: MAX_COUNTER_VALUE, views: 0 }),
      ])
    })

    it('refuses days before the enrolment day of a terminal enrolled today, and accepts today and tomorrow', async () => {
      const answer = await push(fresh.token, [
        { day: daysAgo(1), itemCode: '', metric: 'sessions', value: 1 },
        { day: today, itemCode: '', metric: 'sessions', value: 1 },
        { day: shanghaiDay(Date.now() + DAY_MS), itemCode: '', metric: 'sessions', value: 1 },
      ])
      expect(answer.outcomes).toEqual([
        {
          status: 'rejected',
          reason: 'before_enrolment',
          message: `counters.0.day: before the terminal's enrolment (${today})`,
        },
        merged,
        merged,
      ])
    })

    it('still refuses a body that is not a counters envelope as a whole', async () => {
      const res = await call(backend.url, 'POST', '/api/terminal/counters', {
        token: backend.terminal,
        body: { counters: 'x' },
      })
      expect(res.status).toBe(400)
      expect(res.body.error).toBe('validation')
    })
  })

  describe('quarantine and the admin floor', () => {
    const day = daysAgo(2)
    const HUGE = 10_000_000

    it('shows ops each quarantined counter, its largest value and how often it came', async () => {
      await push(backend.terminal, [{ day, itemCode: 'TAX-Q-0001', metric: 'starts', value: HUGE - 5 }])
      await push(backend.terminal, [{ day, itemCode: 'TAX-Q-0001', metric: 'starts', value: HUGE }])
      const res = await call(backend.url, 'GET', '/api/ops/counter-quarantine', { token: backend.ops.token })
      expect(res.status).toBe(200)
      const mine = res.body.rows.filter((r: { day: string }) => r.day === day)
      expect(mine).toEqual([
        {
          terminalId: 'T-DEMO-0001',
          terminalName: expect.any(String),
          day,
          itemCode: 'TAX-Q-0001',
          metric: 'starts',
          value: HUGE,
          times: 2,
          firstAt: expect.any(String),
          lastAt: expect.any(String),
        },
      ])
      // Terminals cannot read it, and the reset is for admins only.
      expect(
        (await call(backend.url, 'GET', '/api/ops/counter-quarantine', { token: backend.terminal })).status,
      ).toBe(403)
      expect((await reset('T-DEMO-0001', day, backend.ops.token)).status).toBe(403)
    })

    it('resets a day to zero and holds a floor that a re-sync of the same values cannot pass', async () => {
      // An inflated but in-bound value, merged, and a real one beside it.
      const inflated = { day, itemCode: 'HRSS-Q-0001', metric: 'views', value: 45_000 }
      const sessions = { day, itemCode: '', metric: 'sessions', value: 12 }
      const starts = { day, itemCode: 'TAX-Q-0001', metric: 'starts', value: HUGE }
      expect((await push(backend.terminal, [inflated, sessions])).outcomes).toEqual([merged, merged])
      expect(await figures(day)).toEqual([
        expect.objectContaining({ views: 45_000, sessions: 12, starts: 0 }),
      ])

      const done = await reset('T-DEMO-0001', day)
      expect(done.status).toBe(200)
      expect(done.body).toEqual({ terminalId: 'T-DEMO-0001', day, reset: 2, floors: 3, cleared: 1 })
      const zero = [expect.objectContaining({ views: 0, sessions: 0, starts: 0 })]
      expect(await figures(day)).toEqual(zero)
      const quarantine = await call(backend.url, 'GET', '/api/ops/counter-quarantine', {
        token: backend.ops.token,
      })
      expect(quarantine.body.rows.filter((r: { day: string }) => r.day === day)).toEqual([])

      // The terminal syncs its unchanged absolute values: nothing comes back.
      expect((await push(backend.terminal, [inflated, sessions, starts])).outcomes).toEqual([
        absorbed,
        absorbed,
        absorbed,
      ])
      expect(await figures(day)).toEqual(zero)
      // It keeps counting on from its own values: only what came after the reset counts.
      const later = await push(backend.terminal, [
        { ...inflated, value: 45_003 },
        { ...sessions, value: 13 },
        { ...starts, value: HUGE + 2 },
      ])
      expect(later.outcomes).toEqual([merged, merged, merged])
      expect(await figures(day)).toEqual([expect.objectContaining({ views: 3, sessions: 1, starts: 2 })])

      // A second reset stacks on the first: the floor is the terminal's whole claim, not the stored remainder.
      expect((await reset('T-DEMO-0001', day)).body).toMatchObject({ reset: 3, floors: 3, cleared: 0 })
      expect((await push(backend.terminal, [{ ...inflated, value: 45_003 }])).outcomes).toEqual([absorbed])
      expect((await push(backend.terminal, [{ ...inflated, value: 45_004 }])).outcomes).toEqual([merged])
      expect(await figures(day)).toEqual([expect.objectContaining({ views: 1, sessions: 0 })])
    })

    it('names the problem of a bad reset', async () => {
      expect((await reset('T-DEMO-0001', '2026-02-30')).body).toEqual({
        error: 'validation',
        message: 'day: not a calendar day',
      })
      expect((await reset('T-NOPE', day)).status).toBe(404)
      expect((await reset('bad id', day)).status).toBe(400)
    })
  })
})
