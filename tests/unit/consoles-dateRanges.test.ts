import { describe, expect, it } from 'vitest'
import { countsCsvUrl, countsQuery } from '../../kiosk/src/ops/countsUrl'
import {
  addDays,
  endOfDayMs,
  isDay,
  listDays,
  previousRange,
  quickRange,
  rangeLength,
  rangeProblem,
  shanghaiDay,
} from '../../kiosk/src/ops/dateRanges'
import { routePath } from '../../mock-backend/src/contract/fetchRoute'
import { OPS_ROUTES } from '../../mock-backend/src/contract/staffRoutes'

describe('shanghaiDay', () => {
  it('rolls over at 16:00 UTC (midnight in Shanghai)', () => {
    expect(shanghaiDay(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01')
    expect(shanghaiDay(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02')
  })
})

describe('quickRange', () => {
  // 2026-03-02 00:30 in Shanghai, still 1 March in UTC.
  const now = new Date('2026-03-01T16:30:00Z')
  it('today is the Shanghai day', () => {
    expect(quickRange('today', now)).toEqual({ from: '2026-03-02', to: '2026-03-02' })
  })
  it('近7天 and 近30天 include today', () => {
    expect(quickRange('last7', now)).toEqual({ from: '2026-02-24', to: '2026-03-02' })
    expect(rangeLength(quickRange('last30', now))).toBe(30)
    expect(quickRange('last30', now).from).toBe('2026-02-01')
  })
  it('本月 and 本年 start on the first', () => {
    expect(quickRange('thisMonth', now)).toEqual({ from: '2026-03-01', to: '2026-03-02' })
    expect(quickRange('thisYear', now)).toEqual({ from: '2026-01-01', to: '2026-03-02' })
  })
})

describe('previousRange', () => {
  it('is the period of equal length just before', () => {
    expect(previousRange({ from: '2026-03-02', to: '2026-03-02' })).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
    })
    expect(previousRange({ from: '2026-02-24', to: '2026-03-02' })).toEqual({
      from: '2026-02-17',
      to: '2026-02-23',
    })
    const prev = previousRange({ from: '2024-03-01', to: '2024-03-31' })
    expect(prev).toEqual({ from: '2024-01-30', to: '2024-02-29' })
    expect(rangeLength(prev)).toBe(31)
  })
})

describe('day helpers', () => {
  it('validates calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true)
    expect(isDay('2026-02-29')).toBe(false)
    expect(isDay('2026-2-1')).toBe(false)
  })
  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })
  it('lists every day of a range', () => {
    expect(listDays({ from: '2026-02-27', to: '2026-03-02' })).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ])
  })
  it('ends a day at the next Shanghai midnight', () => {
    expect(new Date(endOfDayMs('2026-03-01')).toISOString()).toBe('2026-03-01T16:00:00.000Z')
  })
  it('names what is wrong with a custom range', () => {
    expect(rangeProblem({ from: '2026-03-01', to: '2026-03-05' })).toBeNull()
    expect(rangeProblem({ from: 'x', to: '2026-03-05' })).toBe('fromInvalid')
    expect(rangeProblem({ from: '2026-03-01', to: '2026-13-01' })).toBe('toInvalid')
    expect(rangeProblem({ from: '2026-03-05', to: '2026-03-01' })).toBe('reversed')
    expect(rangeProblem({ from: '2020-01-01', to: '2026-03-01' })).toBe('tooLong')
  })
})

describe('daily-counts requests', () => {
  const range = { from: '2026-03-01', to: '2026-03-07' }
  /** The URL a JSON call of the route with this query fetches. */
  const countsUrl = (...args: Parameters<typeof countsQuery>) =>
    routePath(OPS_ROUTES.dailyCounts, undefined, countsQuery(...args))
  it('omits by for daily rows and adds format=csv for exports', () => {
    expect(countsUrl(range, 'day')).toBe('/api/ops/daily-counts?from=2026-03-01&to=2026-03-07')
    expect(countsCsvUrl(range, 'department')).toBe(
      '/api/ops/daily-counts?from=2026-03-01&to=2026-03-07&by=department&format=csv',
    )
    expect(countsUrl(range, 'item', { department: 'hrss' })).toContain('by=item&department=hrss')
  })
  it('asks for whole-range rows only where the backend has them (not by day)', () => {
    expect(countsUrl(range, 'terminal', { wholeRange: true })).toBe(
      '/api/ops/daily-counts?from=2026-03-01&to=2026-03-07&by=terminal&span=range',
    )
    expect(countsUrl(range, 'day', { wholeRange: true })).not.toContain('span')
  })
})
