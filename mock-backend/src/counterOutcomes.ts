/**
 * Judges the counters of one `POST /api/terminal/counters` one by one, so a terminal's bad counter (a
 * malformed entry, a day that is not a calendar day or lies after tomorrow, a value beyond the contract's
 * bound) is refused alone and never blocks the others.
 */
import { Counter, type CounterOutcome } from './contract'
import { describeIssue } from './http/validate'
import { isCalendarDay, shanghaiDay } from './time'

/** The well-formed counters to merge, and every counter's outcome in request order. */
export interface JudgedCounters {
  accepted: Counter[]
  outcomes: CounterOutcome[]
}

/** Checks each counter against the contract and the calendar; `now` bounds the day at tomorrow (Shanghai). */
export function judgeCounters(counters: unknown[], now: Date): JudgedCounters {
  const tomorrow = shanghaiDay(now.getTime() + 24 * 3600 * 1000)
  const accepted: Counter[] = []
  const outcomes = counters.map((raw, i): CounterOutcome => {
    const parsed = Counter.safeParse(raw)
    const where = `counters.${i}`
    if (!parsed.success) {
      const separator = parsed.error.issues[0]?.path.length ? '.' : ': '
      return { status: 'rejected', message: `${where}${separator}${describeIssue(parsed.error)}` }
    }
    const { day } = parsed.data
    if (!isCalendarDay(day)) return { status: 'rejected', message: `${where}.day: not a calendar day` }
    if (day > tomorrow) return { status: 'rejected', message: `${where}.day: after tomorrow (${tomorrow})` }
    accepted.push(parsed.data)
    return { status: 'accepted' }
  })
  return { accepted, outcomes }
}
