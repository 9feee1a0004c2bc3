/**
 * The year's other channels, pure and seeded like stream.ts: the cases the service hall's windows and the online
 * portal submit through the intake API (with when their departments finish them, on time or late as the profile
 * decides), and which cases of every channel are rated and how. Totals are exact by construction: the intake
 * cases are the profile's cases less the terminals' 申办/预约 transactions, split with apportion.ts, and ratings
 * and bad ratings are chosen evenly over the cases in the order the fleet submits them.
 */
import { createHash } from 'node:crypto'
import type { ServiceItem } from '../../../../services-catalog/src/schema'
import { addCalendarDays, addWorkingDays, isWorkingDay } from '../../cases/calendar'
import { atShanghai, endOfShanghaiDay, promisedDeadline } from '../../cases/deadline'
import { CASE_KINDS, type IntakeCase } from '../../contract'
import { type Rng, seededRng } from '../../departments/prng'
import { daysBetween } from '../../time'
import { apportion, chosenEvenly } from './apportion'
import type { YearProfile } from './profile'
import {
  GOOD_LEVEL_WEIGHTS,
  HOT_ITEM_FACTOR,
  INTAKE_CHANNEL_WEIGHTS,
  LAST_LATE_MONTH,
  OFFICE_MINUTES,
} from './shape'
import { dayWeight, seededUuids, yearDays } from './stream'

/** The 好差评 and 效能监督 figures a profile is shaped on, all channels together. */
export interface CaseFigures {
  cases: number
  ratings: number
  badRatings: number
  /**
   * Cases finished late, by department code (each is one yellow card): other channels' cases, reported late. Every
   * other case finishes on time, so the terminals' simulated departments must too: the backend runs with
   * CASE_LATE_RATE=0 (the fleet sets it on a backend it starts; the run checks the yellow cards at its end).
   */
  lateByDepartment: Readonly<Record<string, number>>
}

/** One case another channel submits, and when its department finishes it. */
export interface IntakePlan {
  case: IntakeCase
  /** 办结, ISO 8601 in UTC; after the due day when `late`. */
  finishAt: string
  late: boolean
}

/** One day of the other channels' cases, in the order they are submitted. */
export interface IntakeDay {
  day: string
  cases: IntakePlan[]
}

const MINUTE = 60_000
/** The portal accepts until this minute of the day, so a same-day (即办) case still finishes on its day. */
const PORTAL_LAST_MINUTE = 23 * 60

function figuresOf(profile: YearProfile): CaseFigures {
  if (!profile.caseFigures)
    throw new Error(`${profile.name}: no case figures (other channels) in this profile`)
  return profile.caseFigures
}

/** How many of the terminals' transactions are cases (申办/预约): one pass over the year's stream. */
export function terminalCaseCount(profile: YearProfile): number {
  let count = 0
  const kinds = new Map(profile.items.map((i) => [i.code, i.kind]))
  for (const day of yearDays(profile))
    for (const td of day.terminals)
      for (const t of td.transactions) if (CASE_KINDS.has(kinds.get(t.record.itemCode) ?? '')) count++
  return count
}

function drawWeighted(rng: Rng, items: readonly ServiceItem[]): ServiceItem {
  const weights = items.map((i) => (i.hot ? HOT_ITEM_FACTOR : 1))
  let r = rng.next() * weights.reduce((a, w) => a + w, 0)
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!
    if (r < 0) return items[i]!
  }
  return items[items.length - 1]!
}

/** When the department finishes a case accepted at `acceptedMs`: within its promised limit, or 1–3 working days after. */
export function finishOf(rng: Rng, acceptedMs: number, item: ServiceItem, late: boolean): string {
  const deadline = promisedDeadline(new Date(acceptedMs), item.timeLimit)
  const minute = rng.int(OFFICE_MINUTES.open, OFFICE_MINUTES.close)
  if (late) return atShanghai(addWorkingDays(deadline.dueDay, rng.int(1, 3)), minute)
  const k = rng.int(0, item.timeLimit.days)
  const day =
    k === 0
      ? deadline.acceptDay
      : item.timeLimit.unit === '自然日'
        ? addCalendarDays(deadline.acceptDay, k)
        : addWorkingDays(deadline.acceptDay, k)
  const dueEnd = Date.parse(endOfShanghaiDay(deadline.dueDay))
  const at = Math.min(
    Math.max(Date.parse(atShanghai(day, minute)), acceptedMs + 10 * MINUTE),
    dueEnd - MINUTE,
  )
  return new Date(at).toISOString()
}

function isoAt(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`
}

/** The other channels' cases day by day, given how many cases the terminals' stream holds (terminalCaseCount). */
export function* intakeDays(profile: YearProfile, terminalCases: number): Generator<IntakeDay> {
  const figures = figuresOf(profile)
  const lateList = Object.entries(figures.lateByDepartment).flatMap(([dept, n]) =>
    Array<string>(n).fill(dept),
  )
  const intake = figures.cases - terminalCases
  if (intake < lateList.length)
    throw new Error(
      `${profile.name}: the terminals hold ${terminalCases} cases, more than the profile's ${figures.cases}`,
    )
  const caseItems = profile.items.filter((i) => CASE_KINDS.has(i.kind))
  const byDepartment = (dept: string) => {
    const list = caseItems.filter((i) => i.department === dept)
    if (list.length === 0)
      throw new Error(`${profile.name}: no 申办/预约 item of department ${dept} for its late cases`)
    return list
  }
  const days = daysBetween(profile.from, profile.to)
  const [windowTotal, portalTotal] = apportion(intake - lateList.length, [
    INTAKE_CHANNEL_WEIGHTS.窗口,
    INTAKE_CHANNEL_WEIGHTS.网上,
  ]) as [number, number]
  const windowPerDay = apportion(
    windowTotal,
    days.map((d) => (isWorkingDay(d) ? dayWeight(d) : 0)),
  )
  const portalPerDay = apportion(portalTotal, days.map(dayWeight))
  // Late cases: spread evenly over the working days up to LAST_LATE_MONTH, departments interleaved.
  const lateDays = days.filter((d) => isWorkingDay(d) && d.slice(5, 7) <= LAST_LATE_MONTH)
  const interleaved = lateList
    .map((dept, i) => ({ dept, rank: (i - lateList.indexOf(dept) + 0.5) / figures.lateByDepartment[dept]! }))
    .sort((a, b) => a.rank - b.rank || a.dept.localeCompare(b.dept))
  const lateOn = new Map<string, string[]>()
  interleaved.forEach(({ dept }, j) => {
    const day = lateDays[Math.floor(((j + 0.5) * lateDays.length) / interleaved.length)]!
    lateOn.set(day, [...(lateOn.get(day) ?? []), dept])
  })
  for (const [i, day] of days.entries()) {
    const rng = seededRng(profile.seed, `intake:${day}`)
    const midnight = Date.parse(`${day}T00:00:00+08:00`)
    let at = midnight
    const uuid = seededUuids(rng, () => at)
    const plans: IntakePlan[] = []
    const add = (channel: '窗口' | '网上', item: ServiceItem, minute: number, late: boolean) => {
      at = midnight + minute * MINUTE + rng.int(0, 59) * 1000
      const seq = String(plans.length + 1).padStart(5, '0')
      plans.push({
        case: {
          key: uuid(),
          channel,
          itemCode: item.code,
          caseNumber: `${channel === '窗口' ? 'CK' : 'WB'}${day.replaceAll('-', '')}${seq}`,
          acceptedAt: isoAt(at),
        },
        finishAt: finishOf(rng, at, item, late),
        late,
      })
    }
    for (const dept of lateOn.get(day) ?? [])
      add('窗口', rng.pick(byDepartment(dept)), rng.int(OFFICE_MINUTES.open, OFFICE_MINUTES.close), true)
    for (let n = 0; n < windowPerDay[i]!; n++)
      add('窗口', drawWeighted(rng, caseItems), rng.int(OFFICE_MINUTES.open, OFFICE_MINUTES.close), false)
    for (let n = 0; n < portalPerDay[i]!; n++)
      add('网上', drawWeighted(rng, caseItems), rng.int(0, PORTAL_LAST_MINUTE), false)
    yield { day, cases: plans }
  }
}

/**
 * The rating of the `index`-th case of the year (0-based, in the order the fleet submits cases), or null when it
 * is not rated: `ratings` of the `cases` are rated and `badRatings` of those are bad, each spread evenly.
 */
export function ratingOf(profile: YearProfile, index: number, caseKey: string): number | null {
  const f = figuresOf(profile)
  if (!chosenEvenly(index, f.ratings, f.cases)) return null
  const rated = Math.floor((index * f.ratings) / f.cases)
  const rng = seededRng(profile.seed, `rating:${caseKey}`)
  if (chosenEvenly(rated, f.badRatings, f.ratings)) return rng.int(1, 2)
  const r = rng.next()
  return r < GOOD_LEVEL_WEIGHTS[0] ? 5 : r < GOOD_LEVEL_WEIGHTS[0] + GOOD_LEVEL_WEIGHTS[1] ? 4 : 3
}

/** The idempotency key of a case's rating: a UUID derived from the seed and the case, the same on every run. */
export function ratingKey(profile: YearProfile, caseKey: string): string {
  const h = createHash('sha256').update(`${profile.seed}:rating:${caseKey}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** The last instant any case of the profile can finish: its last day plus the longest limit and the late margin. */
export function closingDay(profile: YearProfile): string {
  const longest = Math.max(1, ...profile.items.map((i) => i.timeLimit.days))
  return addWorkingDays(profile.to, longest + 3 + 1)
}
