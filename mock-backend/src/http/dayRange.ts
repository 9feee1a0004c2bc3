/** The one check of a figures route's `from`/`to` days, so every such route refuses a bad range in the same words. */
import { MAX_REPORT_DAYS } from '../routes/ops'
import { daysBetween, isCalendarDay } from '../time'
import { ApiError } from './errors'

/** Throws 400 `validation` naming the problem: a day that is not a calendar day, a reversed or too long range. */
export function checkDayRange(range: { from: string; to: string }): void {
  if (!isCalendarDay(range.from)) throw new ApiError(400, 'validation', 'query: from: not a calendar day')
  if (!isCalendarDay(range.to)) throw new ApiError(400, 'validation', 'query: to: not a calendar day')
  if (range.from > range.to) throw new ApiError(400, 'validation', 'query: from must not be after to')
  if (daysBetween(range.from, range.to).length > MAX_REPORT_DAYS)
    throw new ApiError(400, 'validation', `query: the range may cover at most ${MAX_REPORT_DAYS} days`)
}
