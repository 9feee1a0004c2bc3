/**
 * The supervision panel's CSV links (built from the contract's route table) and answer types, plus the small
 * pure helpers the panel needs.
 */

import type {
  DepartmentCount,
  OpsCase,
  OpsFollowUp,
  SupervisionSummary,
} from '../../../mock-backend/src/contract'
import { csvPath } from '../../../mock-backend/src/contract/fetchRoute'
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'

export type { OpsCase, OpsFollowUp, SupervisionSummary }

/** CSV download links of the four exports, for the periods and threshold the summary shows. */
export function supervisionCsvUrls(s: Pick<SupervisionSummary, 'warnings' | 'yellowCards' | 'ratings'>) {
  return {
    warnings: csvPath(OPS_ROUTES.warnings, { threshold: s.warnings.threshold }),
    yellowCards: csvPath(OPS_ROUTES.yellowCards, { from: s.yellowCards.from, to: s.yellowCards.to }),
    ratings: csvPath(OPS_ROUTES.ratings, { from: s.ratings.from, to: s.ratings.to }),
    followUps: csvPath(OPS_ROUTES.followUps, { status: 'all' }),
  }
}

/** A ratio as a percentage with two decimals, as the annual report writes 99.99%. */
export function percent2(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '—' : `${(ratio * 100).toFixed(2)}%`
}

/** Yellow-card counts as a department × month grid (months newest first). */
export function cardGrid(counts: DepartmentCount[]): {
  months: string[]
  rows: { department: string; departmentName: string; byMonth: Record<string, number>; total: number }[]
} {
  const months = [...new Set(counts.map((c) => c.month ?? ''))].sort().reverse()
  const rows = new Map<
    string,
    { department: string; departmentName: string; byMonth: Record<string, number>; total: number }
  >()
  for (const c of counts) {
    const row = rows.get(c.department) ?? {
      department: c.department,
      departmentName: c.departmentName,
      byMonth: {},
      total: 0,
    }
    row.byMonth[c.month ?? ''] = (row.byMonth[c.month ?? ''] ?? 0) + c.count
    row.total += c.count
    rows.set(c.department, row)
  }
  return { months, rows: [...rows.values()].sort((a, b) => b.total - a.total) }
}
