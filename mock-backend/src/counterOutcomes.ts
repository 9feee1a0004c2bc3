/**
 * Judges the counters of one `POST /api/terminal/counters` one by one, so a terminal's bad counter is answered
 * alone and never blocks the others. In order:
 * - malformed (not a `Counter`) → rejected `malformed`; not a calendar day → `not_a_day`;
 * - a day after tomorrow (Shanghai) → `after_tomorrow`; before the terminal's enrolment day → `before_enrolment`;
 * - an item code no version published on or before that day contained → `unpublished_item` (`''` is the
 *   session counter and needs no item);
 * - a value at or below an admin's floor → accepted `at_or_below_floor`, nothing stored (db/sqlite/counterStore.ts);
 * - a value (less the floor) over the contract's MAX_COUNTER_VALUE → quarantined `over_bound`, kept for ops;
 * - otherwise accepted `merged` (max-merge of the value less the floor).
 */
import { Counter, type CounterOutcome, MAX_COUNTER_VALUE } from './contract'
import type { CounterValue } from './db/rows'
import { counterKey } from './db/rows'
import { describeIssue } from './http/validate'
import { isCalendarDay, shanghaiDay } from './time'

/** What judging needs to know about the terminal and the catalog. */
export interface CounterContext {
  now: Date
  /** The terminal's enrolment day (Shanghai). */
  enrolmentDay: string
  /** The first Shanghai day each item code was in a published version. */
  itemFirstDays: ReadonlyMap<string, string>
  /** Floors of the terminal by `counterKey`, for the days of the request. */
  floors: ReadonlyMap<string, number>
}

/** What to merge (values less their floor), what to quarantine (as pushed), and each counter's outcome in order. */
export interface JudgedCounters {
  merge: CounterValue[]
  quarantine: CounterValue[]
  outcomes: CounterOutcome[]
}

/** The days a request's counters name, for loading only their floors. */
export function daysNamed(counters: readonly unknown[]): string[] {
  const days = new Set<string>()
  for (const c of counters) {
    const day = (c as { day?: unknown } | null)?.day
    if (typeof day === 'string') days.add(day)
  }
  return [...days]
}

/** Checks each counter against the contract, the calendar, the terminal's enrolment, the catalog and floors. */
export function judgeCounters(counters: readonly unknown[], context: CounterContext): JudgedCounters {
  const tomorrow = shanghaiDay(context.now.getTime() + 24 * 3600 * 1000)
  const merge: CounterValue[] = []
  const quarantine: CounterValue[] = []
  const outcomes = counters.map((raw, i): CounterOutcome => {
    const parsed = Counter.safeParse(raw)
    const where = `counters.${i}`
    const rejected = (reason: Extract<CounterOutcome, { status: 'rejected' }>['reason'], message: string) =>
      ({ status: 'rejected', reason, message }) as const
    if (!parsed.success) {
      const separator = parsed.error.issues[0]?.path.length ? '.' : ': '
      return rejected('malformed', `${where}${separator}${describeIssue(parsed.error)}`)
    }
    const counter = parsed.data
    const { day, itemCode } = counter
    if (!isCalendarDay(day)) return rejected('not_a_day', `${where}.day: not a calendar day`)
    if (day > tomorrow) return rejected('after_tomorrow', `${where}.day: after tomorrow (${tomorrow})`)
    if (day < context.enrolmentDay)
      return rejected(
        'before_enrolment',
        `${where}.day: before the terminal's enrolment (${context.enrolmentDay})`,
      )
    if (itemCode !== '') {
      const first = context.itemFirstDays.get(itemCode)
      if (first === undefined || first > day)
        return rejected(
          'unpublished_item',
          `${where}.itemCode: ${itemCode} was in no catalog published by ${day}`,
        )
    }
    const floor = context.floors.get(counterKey(counter)) ?? 0
    const value = counter.value - floor
    if (value <= 0) return { status: 'accepted', reason: 'at_or_below_floor' }
    if (value > MAX_COUNTER_VALUE) {
      quarantine.push(counter)
      return {
        status: 'quarantined',
        reason: 'over_bound',
        message: `${where}.value: over the bound of ${MAX_COUNTER_VALUE}; kept aside for ops`,
      }
    }
    merge.push({ ...counter, value })
    return { status: 'accepted', reason: 'merged' }
  })
  return { merge, quarantine, outcomes }
}
