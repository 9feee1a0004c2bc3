/**
 * URLs of the supervision API (answer types from the contract), plus the small pure helpers the panel
 * needs.
 */
import type {
  DepartmentCount,
  OpsCase,
  OpsFollowUp,
  SupervisionSummary,
} from '../../../mock-backend/src/contract'

export type { OpsCase, OpsFollowUp, SupervisionSummary }

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
