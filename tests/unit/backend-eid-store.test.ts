/**
 * store.eid on both stores (SQLite in memory, PostgreSQL in a database of this file's own): a token id is taken
 * once until its code expires, then forgotten (the table holds only live codes); attempts add up per district, day
 * and outcome, and a read covers the account's districts only.
 */
import { describe, expect, it } from 'vitest'
import { STORES, useStore } from '../fixtures/node/backend/postgresStores'

const JTI = '5d0c2b6e-9d59-4a57-8f0e-2f3c9b1a7e01'
const OTHER = '5d0c2b6e-9d59-4a57-8f0e-2f3c9b1a7e02'
const T0 = Date.UTC(2026, 2, 2, 2, 0, 0)

describe.each(STORES)('电子身份证 storage on %s', (kind) => {
  const under = useStore(kind)

  it('takes a token id once while its code lives, and forgets it after', async () => {
    const { eid } = under.store
    expect(await eid.useOnce(JTI, T0 + 60_000, T0)).toBe(true)
    expect(await eid.useOnce(JTI, T0 + 60_000, T0 + 1_000)).toBe(false)
    // Another code's check, after the first expired, deletes the first: the same id would be taken again.
    expect(await eid.useOnce(OTHER, T0 + 180_000, T0 + 120_000)).toBe(true)
    expect(await eid.useOnce(JTI, T0 + 200_000, T0 + 121_000)).toBe(true)
  })

  it('adds attempts up per district, day and outcome, and reads only the districts asked for', async () => {
    const { eid } = under.store
    for (const [day, district, outcome] of [
      ['2026-03-02', '441602', 'accepted'],
      ['2026-03-02', '441602', 'accepted'],
      ['2026-03-02', '441602', 'replayed'],
      ['2026-03-02', '441621', 'forged'],
      ['2026-03-03', '441602', 'expired'],
    ] as const)
      await eid.countAttempt(day, district, outcome)
    expect(await eid.attempts('2026-03-02', '2026-03-02', ['441602'])).toEqual([
      { day: '2026-03-02', districtCode: '441602', outcome: 'accepted', count: 2 },
      { day: '2026-03-02', districtCode: '441602', outcome: 'replayed', count: 1 },
    ])
    expect((await eid.attempts('2026-03-01', '2026-03-31', undefined)).map((r) => r.count)).toEqual([
      2, 1, 1, 1,
    ])
    expect(await eid.attempts('2026-03-01', '2026-03-31', [])).toEqual([])
  })
})
