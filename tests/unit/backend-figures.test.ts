/**
 * The report figures (services-catalog/src/figures.ts) and the counters terminals send (contract METRICS) describe
 * the same counts: every metric a terminal counts is a counted figure, plus `transactions`, in the same order, and
 * the rollup tables have a column for each. A metric added to one list and not the others fails here.
 */
import { describe, expect, it } from 'vitest'
import { METRICS } from '../../mock-backend/src/contract'
import { ROLLUP_METRICS } from '../../mock-backend/src/db/rollups'
import { COLUMN_FIELDS } from '../../mock-backend/src/reports/columns'
import { COUNTED_FIGURES, emptyFigures, FIGURES, finishFigures } from '../../services-catalog/src/figures'

describe('report figures', () => {
  it('count what terminals count, plus transactions, in the layout=columns order', () => {
    const [sessions, ...perItem] = METRICS
    expect(COUNTED_FIGURES).toEqual([sessions, 'transactions', ...perItem])
    expect(COLUMN_FIELDS).toEqual(COUNTED_FIGURES)
    expect([...ROLLUP_METRICS]).toEqual([...METRICS])
  })

  it('start at zero (rates null) in row order and derive 办结率, ratings and 好评率 once', () => {
    expect(Object.keys(emptyFigures())).toEqual([...FIGURES])
    const f = finishFigures({
      ...emptyFigures(),
      starts: 8,
      completions: 6,
      rating1: 1,
      rating3: 1,
      rating5: 2,
    })
    expect(f).toMatchObject({ completionRate: 0.75, ratings: 4, goodRate: 0.75 })
    expect(finishFigures(emptyFigures())).toMatchObject({ completionRate: null, ratings: 0, goodRate: null })
  })
})
