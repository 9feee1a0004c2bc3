/**
 * Mainland working days (weekends, public holidays and 调休 make-up workdays) from the `chinese-days`
 * package — never a hand-written list. Days are `YYYY-MM-DD` in Asia/Shanghai.
 *
 * The package only knows the State Council's arrangements it ships with (see CALENDAR_YEARS); outside
 * those years it falls back to "Monday–Friday are workdays", so every deadline computed there is
 * flagged `covered: false` for the people who read it.
 */
import chineseDays from 'chinese-days'
import calendarData from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import { isCalendarDay } from '../time'

// Only `isWorkday` is used, with `YYYY-MM-DD` strings: in 1.5.7 `findWorkday` and `getWorkdaysInRange`
// step with local-time dates and land one day early when the process runs west of UTC (checked with
// TZ=America/Los_Angeles), so the stepping below is done here in UTC calendar arithmetic instead.
const { isWorkday } = chineseDays

// The package re-parses the date on every call; a day's answer never changes, so it is remembered.
const known = new Map<string, boolean>()
function workday(day: string): boolean {
  let answer = known.get(day)
  if (answer === undefined) {
    answer = isWorkday(day)
    if (known.size > 20_000) known.clear()
    known.set(day, answer)
  }
  return answer
}

function dataYears(): { first: number; last: number } {
  const data = calendarData as { holidays: Record<string, string>; workdays: Record<string, string> }
  const years = [...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((d) =>
    Number(d.slice(0, 4)),
  )
  return { first: Math.min(...years), last: Math.max(...years) }
}

/** The years whose holidays and 调休 the installed `chinese-days` data knows (2004–2026 in 1.5.7). */
export const CALENDAR_YEARS: Readonly<{ first: number; last: number }> = Object.freeze(dataYears())

/** Remembers answers of pure day functions (a batch asks the same few questions for every case). */
function memo<T>(limit = 20_000): { get(key: string, compute: () => T): T } {
  const cache = new Map<string, T>()
  return {
    get(key, compute) {
      let value = cache.get(key)
      if (value === undefined) {
        value = compute()
        if (cache.size >= limit) cache.clear()
        cache.set(key, value)
      }
      return value
    },
  }
}

const checked = memo<true>()
const onOrAfter = memo<string>()
const workingAdded = memo<string>()
const calendarAdded = memo<string>()
function check(day: string): void {
  checked.get(day, () => {
    if (!isCalendarDay(day)) throw new Error(`not a calendar day: "${day}" (expected YYYY-MM-DD)`)
    return true
  })
}

const next = (day: string): string => addCalendarDays(day, 1)

/** True when the package has the official holiday arrangement for this day's year. */
export function calendarCovers(day: string): boolean {
  check(day)
  const year = Number(day.slice(0, 4))
  return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last
}

/** Whether offices work on this day (2026-02-14, a Saturday, is a 调休 workday; 春节 is not). */
export function isWorkingDay(day: string): boolean {
  check(day)
  return workday(day)
}

/** The day itself when it is a working day, else the next working day. */
export function workingDayOnOrAfter(day: string): string {
  check(day)
  return onOrAfter.get(day, () => {
    let d = day
    while (!workday(d)) d = next(d)
    return d
  })
}

/** The `n`-th working day after `day` (n ≥ 1); `day` itself never counts. */
export function addWorkingDays(day: string, n: number): string {
  check(day)
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`working days to add must be a whole number ≥ 1, got ${n}`)
  return workingAdded.get(`${day}+${n}`, () => {
    let d = day
    for (let left = n; left > 0; ) {
      d = next(d)
      if (workday(d)) left--
    }
    return d
  })
}

/** Adds calendar days (for limits given in 自然日). */
export function addCalendarDays(day: string, n: number): string {
  check(day)
  return calendarAdded.get(`${day}+${n}`, () => {
    const d = new Date(`${day}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() + n)
    return d.toISOString().slice(0, 10)
  })
}

/** Working days in (from, to]: 0 when `to` is not after `from`. "How many working days are left." */
export function workingDaysAfter(from: string, to: string): number {
  check(from)
  check(to)
  let count = 0
  for (let d = next(from); d <= to; d = next(d)) if (workday(d)) count++
  return count
}
