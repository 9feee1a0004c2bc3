import { describe, expect, it } from 'vitest'
import type { CountFigures } from '../../kiosk/src/consoles/apiTypes'
import { aggregateByKey, itemsOfDepartment } from '../../kiosk/src/ops/aggregate'
import {
  completionRate,
  dailySeries,
  goodRate,
  headlineChange,
  percentChange,
  sumFigures,
  ZERO_FIGURES,
} from '../../kiosk/src/ops/metrics'

const figures = (over: Partial<CountFigures>): CountFigures => ({ ...ZERO_FIGURES, ...over })

describe('percentChange', () => {
  it('is relative to the previous value', () => {
    expect(percentChange(150, 100)).toBeCloseTo(0.5)
    expect(percentChange(50, 100)).toBeCloseTo(-0.5)
    expect(percentChange(0, 0)).toBeNull()
    expect(percentChange(10, 0)).toBeNull()
  })
})

describe('rates', () => {
  it('好评率 counts every rating that is not 差评 (基本满意 and above) over all ratings', () => {
    expect(goodRate(figures({ ratings: 10, rating5: 6, rating4: 2, rating3: 1, rating1: 1 }))).toBeCloseTo(
      0.9,
    )
    expect(goodRate(figures({}))).toBeNull()
  })
  it('办结率 is completions over services started, never over transactions', () => {
    expect(completionRate(figures({ starts: 8, completions: 6 }))).toBeCloseTo(0.75)
    // 查询 items complete without sending a transaction: the old ÷ transactions gave 300 %.
    expect(completionRate(figures({ transactions: 2, starts: 7, completions: 6 }))).toBeCloseTo(6 / 7)
    expect(completionRate(figures({ transactions: 4, completions: 3 }))).toBeNull()
  })
})

describe('headlineChange', () => {
  it('compares counts relatively and rates in percentage points', () => {
    const now = figures({ sessions: 120, ratings: 10, rating5: 9, rating1: 1 })
    const before = figures({ sessions: 100, ratings: 10, rating5: 8, rating2: 2 })
    expect(headlineChange('sessions', now, before)).toEqual({ kind: 'relative', value: expect.closeTo(0.2) })
    const points = headlineChange('goodRate', now, before)
    expect(points?.kind).toBe('points')
    expect(points?.value).toBeCloseTo(10)
  })
  it('has no change without a previous base', () => {
    expect(headlineChange('sessions', figures({ sessions: 5 }), figures({}))).toBeNull()
    expect(headlineChange('goodRate', figures({ ratings: 1, rating5: 1 }), figures({}))).toBeNull()
  })
})

describe('series and sums', () => {
  it('fills days without rows with zero and rates with null', () => {
    const rows = [{ ...figures({ sessions: 4, starts: 2, completions: 1 }), day: '2026-03-02' }]
    expect(dailySeries(['2026-03-01', '2026-03-02'], rows, 'sessions')).toEqual([0, 4])
    expect(dailySeries(['2026-03-01', '2026-03-02'], rows, 'completionRate')).toEqual([null, 0.5])
  })
  it('sums every count field', () => {
    const total = sumFigures([figures({ sessions: 1, rating3: 2 }), figures({ sessions: 2, rating3: 1 })])
    expect(total.sessions).toBe(3)
    expect(total.rating3).toBe(3)
  })
})

describe('aggregateByKey', () => {
  it('sums the per-day rows of each key and recomputes the good-rating rate', () => {
    const rows = [
      {
        ...figures({ sessions: 2, starts: 2, completions: 2, ratings: 2, rating5: 2 }),
        day: '2026-03-01',
        key: 'hrss',
        label: '人社局',
      },
      {
        ...figures({ sessions: 3, starts: 3, abandons: 3, ratings: 2, rating1: 2 }),
        day: '2026-03-02',
        key: 'hrss',
        label: '人社局',
      },
      { ...figures({ sessions: 1 }), day: '2026-03-02', key: 'police', label: '公安局' },
    ]
    const out = aggregateByKey(rows)
    expect(out).toHaveLength(2)
    expect(out[0]).toMatchObject({
      key: 'hrss',
      label: '人社局',
      sessions: 5,
      starts: 5,
      completions: 2,
      abandons: 3,
      ratings: 4,
      rating5: 2,
      rating1: 2,
    })
    expect(out[0]?.goodRate).toBeCloseTo(0.5)
    expect(out[1]?.goodRate).toBeNull()
  })
  it('finds the items of a department only when rows name it', () => {
    const items = [
      { ...figures({}), key: 'A-0001', department: 'hrss' },
      { ...figures({}), key: 'B-0001', department: 'police' },
    ]
    expect(itemsOfDepartment(aggregateByKey(items), 'hrss')?.map((r) => r.key)).toEqual(['A-0001'])
    expect(itemsOfDepartment([{ ...figures({}), key: 'A-0001' }], 'hrss')).toBeNull()
  })
})
