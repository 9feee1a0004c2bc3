/** Ordering of validation problems for the report table: errors first, then by row and column. */
import type { Problem } from '../consoles/apiTypes'

/** Errors before warnings; file-level problems (row null) first; then row, then column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const rank = (p: Problem) => (p.severity === 'error' ? 0 : 1)
  return problems
    .map((p, index) => ({ p, index }))
    .sort(
      (a, b) =>
        rank(a.p) - rank(b.p) ||
        (a.p.row ?? -1) - (b.p.row ?? -1) ||
        (a.p.column ?? '').localeCompare(b.p.column ?? '') ||
        a.index - b.index,
    )
    .map((entry) => entry.p)
}

/** Whether a report may be published: no errors (warnings never block). */
export function canPublish(
  report: { problems: readonly Problem[]; summary: { errors: number } } | null,
): boolean {
  if (!report) return false
  return report.summary.errors === 0 && !report.problems.some((p) => p.severity === 'error')
}
