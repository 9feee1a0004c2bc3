/**
 * The fleet against a real backend process (FAULTS=on for its clock, the default catalog): a seeded week replays
 * on a second run, and the whole district-2023 year lands in the ops report as exactly 113,212 transactions.
 * CI time: the week takes seconds. The year syncs weekly (`syncEveryDays: 7`, terminals sending a week's queue at
 * once): ~1 min here on 2 cores, against ~6.5 min syncing daily (~31,000 batches of ~3.7 records, each with a
 * heartbeat and a counters call: per-request cost, not per-record cost, dominates that run).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runFleet } from '../../mock-backend/src/fleet/run'
import { DISTRICT_TRANSACTIONS } from '../../mock-backend/src/fleet/year/figures'
import { district2023, readCatalog } from '../../mock-backend/src/fleet/year/profile'
import { ROOT } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const CATALOG_FILE = join(ROOT, 'services-catalog/data/catalog.json')
const profile = district2023(readCatalog(CATALOG_FILE))
/** A week of the district, its share of transactions stated: for the replay check. */
const week = { ...profile, name: 'district-week', to: '2023-01-07', transactions: 2_000 }

const ADMIN_PASSWORD = 'admin-test-pass-1'

/** One backend process for the block, with the fleet's run and the ops report's 2023 total. */
function fleetBackend() {
  const backend = backendSession({ env: { FAULTS: 'on', CATALOG_FILE }, signIn: ['ops'] })
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
  }, 300_000)
})
