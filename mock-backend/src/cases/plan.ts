/**
 * How a simulated department system will handle one case: the whole status history is decided when
 * the case is opened, from DEPT_SEED and the case's key, so the same seed always gives the same
 * histories. Events are revealed only when the (possibly fake) clock reaches them.
 */
import { CASE_STATUSES, type CaseEvent, type CaseStatus } from '../contract'
import { seededRng } from '../departments/prng'
import { addCalendarDays, addWorkingDays, workingDayOnOrAfter } from './calendar'
import { atShanghai, endOfShanghaiDay } from './deadline'

export { CASE_STATUSES, type CaseEvent, type CaseStatus }
/** Statuses after which nothing more happens. */
export const FINAL_STATUSES: ReadonlySet<CaseStatus> = new Set(['办结', '不予受理'])

/** What the plan needs to know about a case. */
export interface PlanInput {
  seed: string
  key: string
  acceptedAt: Date
  acceptDay: string
  dueDay: string
  immediate: boolean
  /** Share of cases (0–1) the department finishes after the deadline. */
  lateRate: number
  /** Share of cases (0–1) the department refuses (不予受理). */
  refuseRate: number
}

/** The planned events after 已受理, in time order; `late` tells whether 办结 falls after the due day. */
export interface CasePlan {
  events: CaseEvent[]
  late: boolean
  refused: boolean
}

const MINUTE = 60_000
/** Office hours in minutes after midnight: 09:00–17:30. */
const OPEN_MIN = 9 * 60
const CLOSE_MIN = 17 * 60 + 30

const finishDayLists = new Map<string, readonly string[]>()

/** Working days from the day after `acceptDay` up to `dueDay`: the same list for every case of a batch, so kept. */
function finishDays(acceptDay: string, dueDay: string): readonly string[] {
  const key = `${acceptDay}|${dueDay}`
  let days = finishDayLists.get(key)
  if (!days) {
    const list: string[] = []
    const first = workingDayOnOrAfter(addCalendarDays(acceptDay, 1))
    for (let d = first; d <= dueDay; d = workingDayOnOrAfter(addCalendarDays(d, 1))) list.push(d)
    if (finishDayLists.size >= 1000) finishDayLists.clear()
    finishDayLists.set(key, list)
    days = list
  }
  return days
}

/** Decides the history of one case (pure; deterministic in seed + key). */
export function planCase(input: PlanInput): CasePlan {
  const rng = seededRng(input.seed, `case#${input.key}`)
  const accepted = input.acceptedAt.getTime()
  const dueEnd = Date.parse(endOfShanghaiDay(input.dueDay))
  const refused = rng.next() < input.refuseRate
  const late = !refused && rng.next() < input.lateRate
  const iso = (ms: number) => new Date(ms).toISOString()

  if (refused) {
    const at = Math.min(accepted + rng.int(30, 240) * MINUTE, dueEnd - MINUTE)
    return { events: [{ status: '不予受理', at: iso(Math.max(at, accepted + MINUTE)) }], late, refused }
  }

  let processing = accepted + rng.int(5, 90) * MINUTE
  let finish: number
  if (late) {
    const day = addWorkingDays(input.dueDay, rng.int(1, 3))
    finish = Date.parse(atShanghai(day, rng.int(OPEN_MIN, CLOSE_MIN)))
  } else if (input.immediate) {
    finish = Math.min(processing + rng.int(5, 60) * MINUTE, dueEnd - MINUTE)
  } else {
    // Any working day from the day after acceptance up to the due day, in office hours.
    const days = finishDays(input.acceptDay, input.dueDay)
    const day = days.length > 0 ? rng.pick(days) : input.dueDay
    finish = Date.parse(atShanghai(day, rng.int(OPEN_MIN, CLOSE_MIN)))
    if (finish >= dueEnd) finish = dueEnd - MINUTE
  }
  // 办理中 always comes before 办结, and nothing happens before acceptance.
  if (finish <= accepted + 2 * MINUTE) finish = accepted + 2 * MINUTE
  if (processing >= finish) processing = accepted + Math.floor((finish - accepted) / 2)
  return {
    events: [
      { status: '办理中', at: iso(processing) },
      { status: '办结', at: iso(finish) },
    ],
    late,
    refused,
  }
}
