/** Headline figures of the ops dashboard and their change against the previous period. */

import { completionRateOf, emptyFigures, RATE_FIGURES } from '../../../services-catalog/src/figures'
import { goodRateOf } from '../../../services-catalog/src/rating'
import type { CountFigures } from '../consoles/apiTypes'

/** The five headline figures, in display order. */
export const HEADLINES = ['sessions', 'transactions', 'completionRate', 'ratings', 'goodRate'] as const
/** One headline figure. */
export type Headline = (typeof HEADLINES)[number]

/** Rates (figures.ts RATE_FIGURES) are compared in percentage points, counts as relative change. */
export const RATE_HEADLINES: ReadonlySet<Headline> = new Set(HEADLINES.filter((h) => RATE_FIGURES.has(h)))

/** Relative change (0.25 = +25 %); null when the previous value is 0 (no base to compare with). */
export function percentChange(current: number, previous: number): number | null {
  if (previous === 0) return null
  return (current - previous) / previous
}

/** 办结率 as the backend reports it (services-catalog/src/figures.ts: completions ÷ starts). */
export function completionRate(f: CountFigures): number | null {
  return completionRateOf(f)
}

/** 好评率 as the backend reports it (services-catalog/src/rating.ts: 基本满意 and above ÷ all ratings). */
export function goodRate(f: CountFigures): number | null {
  return goodRateOf(f)
}

/** The value of one headline (or any trend metric) for a set of figures. */
export function figureValue(f: CountFigures, metric: Headline): number | null {
  switch (metric) {
    case 'completionRate':
      return completionRate(f)
    case 'goodRate':
      return goodRate(f)
    default:
      return f[metric]
  }
}

/** A change to show under a headline: relative for counts, percentage points for rates. */
export type Change = { kind: 'relative'; value: number } | { kind: 'points'; value: number } | null

/** Compares one headline between the current and previous period. */
export function headlineChange(metric: Headline, current: CountFigures, previous: CountFigures): Change {
  const now = figureValue(current, metric)
  const before = figureValue(previous, metric)
  if (now === null || before === null) return null
  if (RATE_HEADLINES.has(metric)) return { kind: 'points', value: (now - before) * 100 }
  const change = percentChange(now, before)
  return change === null ? null : { kind: 'relative', value: change }
}

const { completionRate: _completionRate, goodRate: _goodRate, ...zeroCounts } = emptyFigures()
/** Figures that are all zero, for days without rows: every counted figure of figures.ts, and `ratings`. */
export const ZERO_FIGURES: CountFigures = Object.freeze(zeroCounts)

/** Sums rows into one set of figures (the fallback when an answer has no totals). */
export function sumFigures(rows: readonly CountFigures[]): CountFigures {
  const total = { ...ZERO_FIGURES }
  for (const row of rows) {
    for (const key of Object.keys(ZERO_FIGURES) as (keyof typeof ZERO_FIGURES)[]) {
      total[key] = (total[key] as number) + (Number(row[key]) || 0)
    }
  }
  return total
}

/** One value per day of `days` for the trend chart; days without a row count as zero (rates: null). */
export function dailySeries(
  days: readonly string[],
  rows: readonly (CountFigures & { day?: string })[],
  metric: Headline,
): (number | null)[] {
  const byDay = new Map<string, CountFigures>()
  for (const row of rows) if (row.day) byDay.set(row.day, row)
  return days.map((day) => figureValue(byDay.get(day) ?? ZERO_FIGURES, metric))
}
