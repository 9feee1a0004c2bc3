/** Requests of GET /api/ops/daily-counts, shared by the JSON calls and the "导出 CSV" links. */
import { csvPath } from '../../../mock-backend/src/contract/fetchRoute'
import { type DailyCountsQuery, OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { CountsBy } from '../consoles/apiTypes'
import type { DayRange } from './dateRanges'

/**
 * The daily-counts query for a range and grouping; `department` narrows by=item to one department;
 * `wholeRange` asks for one row per key over the range (span=range) instead of one per day × key.
 */
export function countsQuery(
  range: DayRange,
  by: CountsBy,
  options: { department?: string; wholeRange?: boolean } = {},
): DailyCountsQuery {
  return {
    from: range.from,
    to: range.to,
    by: by === 'day' ? undefined : by,
    span: options.wholeRange && by !== 'day' ? 'range' : undefined,
    department: options.department || undefined,
  }
}

/** The "导出 CSV" link of the same rows. */
export function countsCsvUrl(range: DayRange, by: CountsBy, options: { department?: string } = {}): string {
  return csvPath(OPS_ROUTES.dailyCounts, countsQuery(range, by, options))
}
