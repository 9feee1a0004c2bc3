/**
 * The year generator alone, without a backend: the report's totals hold exactly by construction, the same seed
 * gives the same records byte for byte, and the year has a weekday shape.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isValidIdNumber } from '../../kiosk/src/devices/idNumber'
import { TransactionRecord } from '../../mock-backend/src/contract'
import { apportion } from '../../mock-backend/src/fleet/year/apportion'
import {
  DISTRICT_ITEMS,
  DISTRICT_RESIDENTS,
  DISTRICT_TERMINALS,
  DISTRICT_TRANSACTIONS,
} from '../../mock-backend/src/fleet/year/figures'
import { district2023, readCatalog } from '../../mock-backend/src/fleet/year/profile'
import { resident } from '../../mock-backend/src/fleet/year/residents'
import { dayTotals, yearDays } from '../../mock-backend/src/fleet/year/stream'

const CATALOG = readCatalog(join(import.meta.dirname, '../../services-catalog/data/catalog.json'))

describe('apportion', () => {
  it('splits a total exactly, in proportion, ties to the lower index', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3])
    expect(apportion(7, [0, 2, 5])).toEqual([0, 2, 5])
    expect(apportion(0, [1, 2])).toEqual([0, 0])
    expect(() => apportion(3, [0, 0])).toThrow(/not all 0/)
    expect(() => apportion(2.5, [1])).toThrow(/whole number/)
  })
})

describe('district-2023', () => {
  const profile = district2023(CATALOG)

  it('has the report’s terminals, items and residents', () => {
    expect(profile.terminals).toHaveLength(DISTRICT_TERMINALS)
    expect(new Set(profile.terminals.map((t) => t.name)).size).toBe(DISTRICT_TERMINALS)
    expect(profile.items.length).toBeGreaterThanOrEqual(DISTRICT_ITEMS)
    expect(profile.residents).toBe(DISTRICT_RESIDENTS)
  })

  // Generating the whole year takes ~2 s on an idle core and ~5 s on a loaded one: past vitest's default 5 s.
  it('totals exactly 113,212 transactions over the year, every key unique and every record valid', {
    timeout: 60_000,
  }, () => {
    const totals = dayTotals(profile)
    expect(totals.size).toBe(365)
    expect([...totals.values()].reduce((a, n) => a + n, 0)).toBe(DISTRICT_TRANSACTIONS)
    const keys = new Set<string>()
    let sent = 0
    for (const day of yearDays(profile)) {
      let ofDay = 0
      for (const td of day.terminals) {
        ofDay += td.transactions.length
        for (const t of td.transactions) keys.add(t.record.key)
        expect(td.counters.find((c) => c.metric === 'sessions')?.value).toBeGreaterThan(0)
      }
      expect(ofDay).toBe(totals.get(day.day))
      sent += ofDay
      if (day.day === '2023-06-15') {
        for (const t of day.terminals[0]!.transactions)
          expect(TransactionRecord.safeParse(t.record).success).toBe(true)
      }
    }
    expect(sent).toBe(DISTRICT_TRANSACTIONS)
    expect(keys.size).toBe(DISTRICT_TRANSACTIONS)
  })

  it('is deterministic: the same seed gives the same records, another seed others', () => {
    const first = (seed?: string) => yearDays(district2023(CATALOG, seed)).next().value!
    expect(JSON.stringify(first())).toBe(JSON.stringify(first()))
    expect(first('other').terminals[0]!.transactions[0]!.record.key).not.toBe(
      first().terminals[0]!.transactions[0]!.record.key,
    )
  })

  it('is busier on weekdays than at weekends, and quiet on public holidays', () => {
    const totals = dayTotals(profile)
    const mean = (days: string[]) => days.reduce((a, d) => a + totals.get(d)!, 0) / days.length
    const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay()
    const all = [...totals.keys()]
    expect(mean(all.filter((d) => weekday(d) === 1))).toBeGreaterThan(
      2 * mean(all.filter((d) => weekday(d) === 0)),
    )
    // 2023-10-02 (a Monday) is in the National Day holiday; 2023-10-09 is an ordinary Monday.
    expect(totals.get('2023-10-02')!).toBeLessThan(totals.get('2023-10-09')! / 2)
  })

  it('gives residents stable, valid-looking identities of the district', () => {
    const a = resident(profile.seed, 42)
    expect(resident(profile.seed, 42)).toEqual(a)
    expect(a.idNumber).toMatch(/^441602\d{11}[\dX]$/)
    expect(isValidIdNumber(a.idNumber)).toBe(true)
    expect(resident(profile.seed, 43).idNumber).not.toBe(a.idNumber)
  })
})
