/** How a terminal's dead-letter summary reads for people: one wording for the fleet table and its CSV. */
import type { DeadLetterSummary } from './wire'

/** "refused 400 ×2", "conflict 422 ×1": reasons by count, most first (kinds and statuses only, no content). */
export function deadLetterReasonList(summary: DeadLetterSummary): string[] {
  return Object.entries(summary.reasons)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${reason} ×${n}`)
}
