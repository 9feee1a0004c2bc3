/**
 * Calendar days in Asia/Shanghai (UTC+08:00 all year, no daylight saving), the unit of every report.
 */

const OFFSET_MS = 8 * 3600 * 1000

/** The Shanghai calendar day of an instant given as ISO 8601 with offset. */
export function shanghaiDay(instant: string | number | Date): string {
  const ms =
    instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant)
  if (Number.isNaN(ms)) throw new Error('not a valid instant')
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

/** True for a real calendar day `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false
  const d = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day
}

/** Every day from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = []
  const d = new Date(`${from}T00:00:00Z`)
  const end = new Date(`${to}T00:00:00Z`).getTime()
  while (d.getTime() <= end && days.length < 3700) {
    days.push(d.toISOString().slice(0, 10))
    d.setUTCDate(d.getUTCDate() + 1)
  }
  return days
}
