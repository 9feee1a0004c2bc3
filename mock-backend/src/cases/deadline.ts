/**
 * The promised deadline (承诺办结时限) of a case: counted from the day after acceptance in Asia/Shanghai
 * working days, or calendar days for limits given in 自然日; 0 days means 即办 (finished the day it is
 * accepted, or the next working day when accepted on a day off).
 */
import type { ServiceItem } from '../../../services-catalog/src/schema'
import { shanghaiDay } from '../time'
import { addCalendarDays, addWorkingDays, calendarCovers, workingDayOnOrAfter } from './calendar'

/** The item's promised limit as the case keeps it. */
export type TimeLimit = ServiceItem['timeLimit']

/** When a case must be finished, and whether the holiday data covered every day counted. */
export interface Deadline {
  /** Shanghai day the case was accepted. */
  acceptDay: string
  /** Last day (inclusive) on which finishing is on time. */
  dueDay: string
  /** 即办: a limit of 0 days. */
  immediate: boolean
  /** False when a counted day lies beyond the years `chinese-days` knows: the weekday fallback was used. */
  covered: boolean
}

/** Deadline of a case accepted at `acceptedAt` under `limit`. */
export function promisedDeadline(acceptedAt: Date, limit: TimeLimit): Deadline {
  const acceptDay = shanghaiDay(acceptedAt)
  const immediate = limit.days === 0
  let dueDay: string
  if (immediate) dueDay = workingDayOnOrAfter(acceptDay)
  else if (limit.unit === '自然日') dueDay = addCalendarDays(acceptDay, limit.days)
  else dueDay = addWorkingDays(acceptDay, limit.days)
  return { acceptDay, dueDay, immediate, covered: calendarCovers(acceptDay) && calendarCovers(dueDay) }
}

/** The instant a due day ends (24:00 Asia/Shanghai), as an ISO string in UTC. */
export function endOfShanghaiDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + 24 * 3600_000).toISOString()
}

/** An instant on a Shanghai day at `minutes` after midnight, ISO in UTC. */
export function atShanghai(day: string, minutes: number): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000).toISOString()
}
