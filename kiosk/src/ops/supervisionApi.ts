/**
 * Types and URLs of the supervision API (mock-backend/src/routes/cases.ts), plus the small pure helpers
 * the panel needs. Types are imported, never the backend code.
 */
import type { DepartmentCount, RatingFigures } from '../../../mock-backend/src/cases/supervision'
import type { CaseRow, FollowUpRow } from '../../../mock-backend/src/db/caseStore'

/** A case as ops see it (the resident hash and rating key are never sent). */
export type OpsCase = Omit<CaseRow, 'subjectHash' | 'ratingKey'>

/** A follow-up with its case and standing. */
export type OpsFollowUp = FollowUpRow & {
  case: OpsCase | null
  daysLeft: number
  overdue: boolean
  atRisk: boolean
}

/** Answer of GET /api/ops/supervision/summary. */
export interface SupervisionSummary {
  today: string
  calendar: { firstYear: number; lastYear: number; source: string }
  warnings: {
    threshold: number
    rows: { case: OpsCase; daysLeft: number }[]
    byDepartment: DepartmentCount[]
  }
  yellowCards: {
    from: string
    to: string
    rows: { case: OpsCase; overdueSince: string; month: string; stillOpen: boolean }[]
    byDepartmentMonth: DepartmentCount[]
    byDepartment: DepartmentCount[]
  }
  followUps: OpsFollowUp[]
  ratings: { from: string; to: string; figures: RatingFigures }
}

/** Base path of the supervision routes. */
export const SUPERVISION_API = '/api/ops/supervision'

/** The summary URL for a warning threshold (working days left). */
export function summaryUrl(threshold: number): string {
  return `${SUPERVISION_API}/summary?threshold=${threshold}`
}

/** CSV download URLs of the four exports. */
export function supervisionCsvUrls(s: Pick<SupervisionSummary, 'warnings' | 'yellowCards' | 'ratings'>) {
  const q = (params: Record<string, string | number>) =>
    new URLSearchParams({
      ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
      format: 'csv',
    })
  return {
    warnings: `${SUPERVISION_API}/warnings?${q({ threshold: s.warnings.threshold })}`,
    yellowCards: `${SUPERVISION_API}/yellow-cards?${q({ from: s.yellowCards.from, to: s.yellowCards.to })}`,
    ratings: `${SUPERVISION_API}/ratings?${q({ from: s.ratings.from, to: s.ratings.to })}`,
    followUps: `${SUPERVISION_API}/follow-ups?${q({ status: 'all' })}`,
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
