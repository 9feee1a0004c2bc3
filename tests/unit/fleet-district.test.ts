/**
 * The fleet against a real backend process (FAULTS=on for its clock, the default catalog): a seeded week replays
 * on a second run, and the whole district-2023 year lands in the ops report as exactly 113,212 transactions, and
 * in the supervision of every channel as the report's 58,072 cases, 56,547 ratings, 5 bad ones followed up and 17
 * yellow cards (9 卫健局, 7 市场监管局, 1 住建局). The other channels add ~190 intake requests (31,025 cases, their
 * finishes and 56,547 ratings in pages of 500, one unit of work each) and a 1.5 s pass over the terminals' year:
 * measured on the shared 2-core machine, the year took 116 s with them and 147 s without them in the next run
 * under heavier load (load average 5), so their cost is within this machine's noise.
 * CI time: the week takes seconds. The year syncs weekly (`syncEveryDays: 7`, terminals sending a week's queue at
 * once): ~1 min here on 2 cores, against ~6.5 min syncing daily (~31,000 batches of ~3.7 records, each with a
 * heartbeat and a counters call: per-request cost, not per-record cost, dominates that run).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RatingsAnswer, YellowCardsAnswer } from '../../mock-backend/src/contract'
import { runFleet } from '../../mock-backend/src/fleet/run'
import {
  DISTRICT_BAD_RATINGS,
  DISTRICT_CASES,
  DISTRICT_RATINGS,
  DISTRICT_TRANSACTIONS,
} from '../../mock-backend/src/fleet/year/figures'
import { district2023, readCatalog } from '../../mock-backend/src/fleet/year/profile'
import { ROOT } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const CATALOG_FILE = join(ROOT, 'services-catalog/data/catalog.json')
const profile = district2023(readCatalog(CATALOG_FILE))
/** A week of the district's terminals, its share of transactions stated: for the replay check. */
const week = {
  ...profile,
  name: 'district-week',
  to: '2023-01-07',
  transactions: 2_000,
  caseFigures: undefined,
}

const ADMIN_PASSWORD = 'admin-test-pass-1'

/** One backend process for the block, with the fleet's run and the ops report's 2023 total. */
function fleetBackend() {
  // The profile decides which cases finish late: the simulated departments finish the terminals' cases on time.
  const backend = backendSession({
    env: { FAULTS: 'on', CATALOG_FILE, CASE_LATE_RATE: '0' },
    signIn: ['ops'],
  })
  const opsGet = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${backend.url}${path}`, {
      headers: { authorization: `Bearer ${backend.ops.token}` },
    })
    expect(res.status).toBe(200)
    return (await res.json()) as T
  }
  return {
    run: (p: typeof profile, syncEveryDays = 1) =>
      runFleet({
        url: backend.url,
        profile: p,
        adminPassword: ADMIN_PASSWORD,
        compression: 1e9,
        syncEveryDays,
      }),
    async dailyTotal(): Promise<number> {
      const res = await fetch(
        `${backend.url}/api/ops/daily-counts?from=2023-01-01&to=2023-12-31&by=department`,
        { headers: { authorization: `Bearer ${backend.ops.token}` } },
      )
      expect(res.status).toBe(200)
      return ((await res.json()) as { totals: { transactions: number } }).totals.transactions
    },
    ratings: () => opsGet<RatingsAnswer>('/api/ops/supervision/ratings?from=2023-01-01&to=2023-12-31'),
    yellowCards: () => opsGet<YellowCardsAnswer>('/api/ops/supervision/yellow-cards?from=2023-01&to=2023-12'),
  }
}

describe('fleet: a seeded week', () => {
  const fleet = fleetBackend()
  it('is stored once, and a second run of it adds nothing (replays every record)', async () => {
    const first = await fleet.run(week)
    expect(first.tally).toMatchObject({ sent: 2_000, stored: 2_000, replayed: 0, errors: 0 })
    expect(first.terminals).toBe(85)
    expect(await fleet.dailyTotal()).toBe(2_000)
    const second = await fleet.run(week)
    expect(second.tally).toMatchObject({ sent: 2_000, stored: 0, replayed: 2_000, errors: 0 })
    expect(await fleet.dailyTotal()).toBe(2_000)
  }, 120_000)
})

describe('fleet: the district’s 2023', () => {
  const fleet = fleetBackend()
  it('lands in the ops report as exactly 113,212 transactions, with no error', async () => {
    const year = await fleet.run(profile, 7)
    expect(year.tally).toMatchObject({
      sent: DISTRICT_TRANSACTIONS,
      stored: DISTRICT_TRANSACTIONS,
      errors: 0,
    })
    expect(await fleet.dailyTotal()).toBe(DISTRICT_TRANSACTIONS)

    const intake = year.channels!.cases
    expect(year.channels).toEqual({
      cases: intake,
      finished: intake,
      ratings: DISTRICT_RATINGS,
      followUpsClosed: 5,
    })
    const { figures, byChannel } = await fleet.ratings()
    expect(figures).toMatchObject({
      cases: DISTRICT_CASES,
      ratings: DISTRICT_RATINGS,
      good: 56_542,
      bad: DISTRICT_BAD_RATINGS,
      rectified: DISTRICT_BAD_RATINGS,
      rectificationRate: 1,
    })
    expect((figures.coverage! * 100).toFixed(2)).toBe('97.37')
    expect((figures.goodRate! * 100).toFixed(2)).toBe('99.99')
    expect(byChannel.map((c) => c.channel)).toEqual(['自助终端', '窗口', '网上'])
    expect(byChannel[0]!.cases).toBe(DISTRICT_CASES - intake)
    expect(byChannel[1]!.cases + byChannel[2]!.cases).toBe(intake)
    expect(byChannel.reduce((a, c) => a + c.ratings, 0)).toBe(DISTRICT_RATINGS)

    const cards = await fleet.yellowCards()
    expect(cards.rows).toHaveLength(17)
    expect(cards.rows.every((r) => !r.stillOpen)).toBe(true)
    expect(Object.fromEntries(cards.byDepartment.map((d) => [d.departmentName, d.count]))).toEqual({
      卫生健康: 9,
      市场监管: 7,
      住房建设: 1,
    })
    expect(cards.byChannel).toEqual([
      { channel: '自助终端', count: 0 },
      { channel: '窗口', count: 17 },
      { channel: '网上', count: 0 },
    ])
  }, 300_000)
})
