/**
 * The API answers one row per (day, key); the breakdown tables show one row per key over the whole range.
 */

import { goodRateOf } from '../../../services-catalog/src/rating'
import type { CountRow } from '../consoles/apiTypes'
import { ZERO_FIGURES } from './metrics'

const COUNT_FIELDS = Object.keys(ZERO_FIGURES) as (keyof typeof ZERO_FIGURES)[]

/** Sums rows with the same key (label and department from the first row seen); ratings and goodRate recomputed. */
export function aggregateByKey(rows: readonly CountRow[]): CountRow[] {
  const byKey = new Map<string, CountRow>()
  for (const row of rows) {
    const key = row.key ?? row.label ?? ''
    let total = byKey.get(key)
    if (!total) {
      total = { ...ZERO_FIGURES, key, label: row.label ?? key }
      if (typeof row.department === 'string') total.department = row.department
      byKey.set(key, total)
    }
    for (const field of COUNT_FIELDS) total[field] += Number(row[field]) || 0
  }
  return [...byKey.values()].map((r) => ({
    ...r,
    goodRate: goodRateOf(r),
  }))
}

/** Items of one department, or null when the rows do not say which department an item belongs to. */
export function itemsOfDepartment(rows: readonly CountRow[], department: string): CountRow[] | null {
  if (!rows.some((r) => typeof r.department === 'string')) return null
  return rows.filter((r) => r.department === department)
}
