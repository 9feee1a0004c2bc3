/**
 * 帮办 figures, the one definition every report uses: per Shanghai day and terminal, how many calls were made,
 * the share a helper answered, and the median wait of the answered ones (the middle value; the mean of the two
 * middle values for an even count).
 */
import type { HelpFiguresRow } from '../contract/helpDesk'
import type { HelpCallRow } from '../db/helpDeskRows'

/** The median of `values` (not empty). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** The figures of `calls`, one row per day × terminal, ordered by day then terminal. */
export function helpFigures(calls: readonly HelpCallRow[]): HelpFiguresRow[] {
  const groups = new Map<string, HelpCallRow[]>()
  for (const call of calls) {
    const id = `${call.day}\u0000${call.terminalId}`
    groups.set(id, [...(groups.get(id) ?? []), call])
  }
  return [...groups.values()]
    .map((group) => {
      const first = group[0] as HelpCallRow
      const waits = group.filter((c) => c.answered).map((c) => c.waitMs)
      return {
        day: first.day,
        terminalId: first.terminalId,
        calls: group.length,
        answered: waits.length,
        answeredShare: waits.length / group.length,
        medianWaitMs: waits.length === 0 ? null : median(waits),
      }
    })
    .sort((a, b) => (a.day === b.day ? a.terminalId.localeCompare(b.terminalId) : a.day < b.day ? -1 : 1))
}
