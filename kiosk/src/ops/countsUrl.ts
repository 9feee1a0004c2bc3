/** URLs of GET /api/ops/daily-counts, shared by the JSON requests and the "导出 CSV" links. */
import type { CountsBy } from '../consoles/apiTypes'
import type { DayRange } from './dateRanges'

/**
 * The daily-counts URL for a range and grouping; `department` narrows by=item to one department;
 * `wholeRange` asks for one row per key over the range (span=range) instead of one per day × key.
 */
export function countsUrl(
  range: DayRange,
  by: CountsBy,
  options: { csv?: boolean; department?: string; wholeRange?: boolean } = {},
): string {
  const params = new URLSearchParams({ from: range.from, to: range.to })
  if (by !== 'day') params.set('by', by)
  if (options.wholeRange && by !== 'day') params.set('span', 'range')
  if (options.department) params.set('department', options.department)
  if (options.csv) params.set('format', 'csv')
  return `/api/ops/daily-counts?${params.toString()}`
}
