import { describe, expect, it } from 'vitest'
import {
  activeTerminals,
  completeUntilMs,
  isProvisionalDay,
  provisionalDays,
} from '../../kiosk/src/ops/provisional'

// 2026-03-03 10:00 in Shanghai.
const now = new Date('2026-03-03T02:00:00Z')
const seenNow = '2026-03-03T01:59:00Z'

describe('provisional days', () => {
  it('a day is final once every active terminal synced after its end', () => {
    const terminals = [
      { lastSeenAt: seenNow, lastSyncAt: '2026-03-02T16:05:00Z' }, // 3 Mar 00:05 Shanghai
      { lastSeenAt: seenNow, lastSyncAt: '2026-03-03T01:00:00Z' },
    ]
    expect(isProvisionalDay('2026-03-02', terminals, now)).toBe(false)
    expect(isProvisionalDay('2026-03-03', terminals, now)).toBe(true)
  })
  it('one lagging terminal keeps the days after its last sync provisional', () => {
    const terminals = [
      { lastSeenAt: seenNow, lastSyncAt: '2026-03-03T01:00:00Z' },
      { lastSeenAt: seenNow, lastSyncAt: '2026-03-01T10:00:00Z' }, // 1 Mar 18:00 Shanghai
    ]
    expect([...provisionalDays(['2026-02-28', '2026-03-01', '2026-03-02'], terminals, now)]).toEqual([
      '2026-03-01',
      '2026-03-02',
    ])
  })
  it('a sync exactly at the end of the day makes it final', () => {
    const terminals = [{ lastSeenAt: seenNow, lastSyncAt: '2026-03-01T16:00:00Z' }]
    expect(isProvisionalDay('2026-03-01', terminals, now)).toBe(false)
  })
  it('an active terminal that never synced keeps every day provisional', () => {
    const terminals = [{ lastSeenAt: seenNow, lastSyncAt: null }]
    expect(completeUntilMs(terminals, now)).toBeNull()
    expect(isProvisionalDay('2020-01-01', terminals, now)).toBe(true)
  })
  it('retired terminals (unseen for over a week) do not hold figures back', () => {
    const terminals = [
      { lastSeenAt: '2026-02-01T00:00:00Z', lastSyncAt: '2026-02-01T00:00:00Z' },
      { lastSeenAt: null, lastSyncAt: null },
      { lastSeenAt: seenNow, lastSyncAt: '2026-03-03T01:00:00Z' },
    ]
    expect(activeTerminals(terminals, now)).toHaveLength(1)
    expect(isProvisionalDay('2026-03-02', terminals, now)).toBe(false)
  })
  it('with no active terminal nothing is provisional', () => {
    expect(provisionalDays(['2026-03-03'], [], now).size).toBe(0)
  })
})
