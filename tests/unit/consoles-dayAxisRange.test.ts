import { describe, expect, it } from 'vitest'
import { DAY_SECONDS, dayAxisRange } from '../../kiosk/src/ops/dayAxisRange'

const noon = Date.UTC(2026, 10, 27, 4) / 1000

describe('the trend chart x axis', () => {
  it('centres a one-day range on that day instead of padding it out by years', () => {
    const [min, max] = dayAxisRange([noon], noon, noon + 86_400_000)
    expect([min, max]).toEqual([noon - DAY_SECONDS / 2, noon + DAY_SECONDS / 2])
  })

  it('keeps the range uPlot computed when there are several days', () => {
    expect(dayAxisRange([noon, noon + DAY_SECONDS], noon, noon + DAY_SECONDS)).toEqual([
      noon,
      noon + DAY_SECONDS,
    ])
  })
})
