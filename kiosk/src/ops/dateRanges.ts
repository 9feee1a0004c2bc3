/**
 * Calendar-day ranges in Asia/Shanghai (UTC+8, no daylight saving) for the ops dashboard.
 * Days are `YYYY-MM-DD` strings, exactly what /api/ops/daily-counts takes.
 */

/** An inclusive range of Shanghai calendar days. */
export type DayRange = { from: string; to: string }

/** The quick picks of the range selector. */
export const QUICK_PICKS = ['today', 'last7', 'last30', 'thisMonth', 'thisYear'] as const
/** One quick pick. */
export type QuickPick = (typeof QUICK_PICKS)[number]

const SHANGHAI_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The Shanghai calendar day an instant falls on. */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** True for a real calendar day in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isDay(value: string): boolean {
  const match = DAY_RE.exec(value)
  if (!match) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/** The day `n` days after (negative: before) `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** Number of days in an inclusive range (1 for a single day). */
export function rangeLength(range: DayRange): number {
  return (
    Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1
  )
}

/** Every day of a range, oldest first. */
export function listDays(range: DayRange): string[] {
  const n = rangeLength(range)
  return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(range.from, i))
}

/** The range a quick pick means at `now`; ranges end today (Shanghai). */
export function quickRange(pick: QuickPick, now: Date): DayRange {
  const today = shanghaiDay(now)
  switch (pick) {
    case 'today':
      return { from: today, to: today }
    case 'last7':
      return { from: addDays(today, -6), to: today }
    case 'last30':
      return { from: addDays(today, -29), to: today }
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today }
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today }
  }
}

/** The period of equal length just before `range`, for "change vs previous period". */
export function previousRange(range: DayRange): DayRange {
  const n = rangeLength(range)
  return { from: addDays(range.from, -n), to: addDays(range.from, -1) }
}

/** Longest range the dashboard asks for, so a typo cannot request decades of rows. */
export const MAX_RANGE_DAYS = 366

/** Why a custom range is unusable, or null when it is fine. */
export function rangeProblem(range: DayRange): 'fromInvalid' | 'toInvalid' | 'reversed' | 'tooLong' | null {
  if (!isDay(range.from)) return 'fromInvalid'
  if (!isDay(range.to)) return 'toInvalid'
  if (range.from > range.to) return 'reversed'
  if (rangeLength(range) > MAX_RANGE_DAYS) return 'tooLong'
  return null
}

/** The instant a Shanghai day ends (next midnight, +08:00), in epoch ms. */
export function endOfDayMs(day: string): number {
  return Date.parse(`${addDays(day, 1)}T00:00:00+08:00`)
}

/** The instant a Shanghai day starts, in epoch ms (x values of the trend chart). */
export function startOfDayMs(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`)
}
