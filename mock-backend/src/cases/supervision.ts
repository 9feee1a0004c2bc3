/**
 * 效能监督 as pure functions over case rows: 预警 (open cases close to their deadline), 黄牌 (cases past
 * their deadline, finished late or still open), the 差评整改 queue, and the 好差评 figures in the form the
 * district's annual report states them.
 */
import { BAD_RATING_MAX_LEVEL } from '../../../services-catalog/src/rating'
import {
  CASE_CHANNELS,
  type CaseChannel,
  type ChannelFigures,
  type DepartmentCount,
  type DistrictSupervision,
  type RatingFigures,
} from '../contract'
import type { CaseRow, FollowUpRow, RatingCount } from '../db/caseRows'
import { addCalendarDays, workingDaysAfter } from './calendar'

/** An open case with few working days left. */
export interface Warning {
  case: CaseRow
  /** Working days after today up to and including the due day (0 = due today). */
  daysLeft: number
}

/** A case that missed its promised deadline. */
export interface YellowCard {
  case: CaseRow
  /** First day the case was overdue (the day after the due day). */
  overdueSince: string
  /** `YYYY-MM` of overdueSince: the month the card counts in. */
  month: string
  /** True while the case is still not finished. */
  stillOpen: boolean
}

export type { DepartmentCount, RatingFigures }

/** A follow-up with where it stands against its deadline. */
export interface FollowUpStanding {
  followUp: FollowUpRow
  case: CaseRow | undefined
  /** Working days left (0 = due today); negative = that many calendar days overdue. */
  daysLeft: number
  overdue: boolean
  /** Overdue, or at most `riskDays` working days left. */
  atRisk: boolean
}

/** True when the case missed its deadline by `today` (finished after the due day, or still open after it). */
export function isOverdue(c: CaseRow, today: string): boolean {
  if (c.status === '不予受理') return false
  if (c.finishedAt) return shanghaiDayOf(c.finishedAt) > c.dueDay
  return today > c.dueDay
}

function shanghaiDayOf(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)
}

/** Open cases not yet overdue with at most `threshold` working days left, fewest first. */
export function warnings(open: CaseRow[], today: string, threshold: number): Warning[] {
  const out: Warning[] = []
  for (const c of open) {
    if (c.finishedAt || c.status === '不予受理' || today > c.dueDay) continue
    const daysLeft = workingDaysAfter(today, c.dueDay)
    if (daysLeft <= threshold) out.push({ case: c, daysLeft })
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.case.dueDay.localeCompare(b.case.dueDay))
}

/** Yellow cards among the candidates (cases whose due day is before today), newest first. */
export function yellowCards(candidates: CaseRow[], today: string): YellowCard[] {
  return candidates
    .filter((c) => isOverdue(c, today))
    .map((c) => {
      const overdueSince = addCalendarDays(c.dueDay, 1)
      return { case: c, overdueSince, month: overdueSince.slice(0, 7), stillOpen: !c.finishedAt }
    })
    .sort((a, b) => b.overdueSince.localeCompare(a.overdueSince))
}

/** Counts per department, or per department and month when `byMonth`. */
export function countByDepartment(
  rows: { case: CaseRow; month?: string }[],
  byMonth = false,
): DepartmentCount[] {
  const counts = new Map<string, DepartmentCount>()
  for (const r of rows) {
    const month = byMonth ? r.month : undefined
    const id = `${r.case.department}\u0000${month ?? ''}`
    const entry = counts.get(id) ?? {
      department: r.case.department,
      departmentName: r.case.departmentNameZh,
      ...(month ? { month } : {}),
      count: 0,
    }
    entry.count++
    counts.set(id, entry)
  }
  return [...counts.values()].sort(
    (a, b) =>
      (b.month ?? '').localeCompare(a.month ?? '') ||
      b.count - a.count ||
      a.department.localeCompare(b.department),
  )
}

/** Cases counted by district, channel and rating, as the store's `ratingCounts` answers, here from rows. */
export function countRatings(cases: readonly CaseRow[]): RatingCount[] {
  const counts = new Map<string, RatingCount>()
  for (const c of cases) {
    const id = `${c.districtCode}\u0000${c.channel}\u0000${c.rating}`
    const entry = counts.get(id) ?? {
      districtCode: c.districtCode,
      channel: c.channel,
      rating: c.rating,
      cases: 0,
    }
    entry.cases++
    counts.set(id, entry)
  }
  return [...counts.values()]
}

/**
 * 好差评 figures of the cases `counts` holds (accepted in a range) and `rectified`, those of them whose bad
 * rating's follow-up is closed.
 */
export function ratingFiguresOf(counts: readonly RatingCount[], rectified: number): RatingFigures {
  const byLevel: [number, number, number, number, number] = [0, 0, 0, 0, 0]
  let cases = 0
  for (const c of counts) {
    cases += c.cases
    if (c.rating !== null && c.rating >= 1 && c.rating <= 5)
      byLevel[c.rating - 1] = (byLevel[c.rating - 1] ?? 0) + c.cases
  }
  const ratings = byLevel.reduce((a, b) => a + b, 0)
  const bad = byLevel.slice(0, BAD_RATING_MAX_LEVEL).reduce((a, b) => a + b, 0)
  // 好评 is every rating that is not 差评 (services-catalog/src/rating.ts), the same as goodRateOf.
  const good = ratings - bad
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null)
  return {
    cases,
    ratings,
    coverage: ratio(ratings, cases),
    good,
    goodRate: ratio(good, ratings),
    bad,
    rectified,
    rectificationRate: ratio(rectified, bad),
    byLevel,
  }
}

/** 好差评 figures of the cases accepted in a range and the follow-ups of their bad ratings. */
export function ratingFigures(cases: CaseRow[], followUps: FollowUpRow[]): RatingFigures {
  const keys = new Set(cases.map((c) => c.transactionKey))
  const rectified = followUps.filter((f) => keys.has(f.transactionKey) && f.closedAt !== null).length
  return ratingFiguresOf(countRatings(cases), rectified)
}

/**
 * ratingFiguresOf per channel, every channel of CASE_CHANNELS in order (zeros included); they sum to the whole.
 * `rectified`: the counted cases whose follow-up is closed.
 */
export function ratingFiguresByChannel(
  counts: readonly RatingCount[],
  rectified: readonly CaseRow[],
): ChannelFigures[] {
  return CASE_CHANNELS.map((channel) => ({
    channel,
    ...ratingFiguresOf(
      counts.filter((c) => c.channel === channel),
      rectified.filter((c) => c.channel === channel).length,
    ),
  }))
}

/**
 * The supervision summary per district, by code: every district that has a warning, a yellow card, an open
 * follow-up or a case in the ratings' range. `rectified`: the counted cases whose follow-up is closed.
 */
export function supervisionByDistrict(parts: {
  warnings: readonly { case: CaseRow }[]
  yellowCards: readonly { case: CaseRow }[]
  openFollowUps: readonly { case: CaseRow | undefined }[]
  counts: readonly RatingCount[]
  rectified: readonly CaseRow[]
  names: ReadonlyMap<string, string>
}): DistrictSupervision[] {
  const codes = new Set<string>([
    ...parts.warnings.map((w) => w.case.districtCode),
    ...parts.yellowCards.map((y) => y.case.districtCode),
    ...parts.openFollowUps.flatMap((f) => (f.case ? [f.case.districtCode] : [])),
    ...parts.counts.map((c) => c.districtCode),
  ])
  const inDistrict = (code: string) => (c: { districtCode: string }) => c.districtCode === code
  return [...codes].sort().map((code) => ({
    districtCode: code,
    districtName: parts.names.get(code) ?? code,
    warnings: parts.warnings.filter((w) => w.case.districtCode === code).length,
    yellowCards: parts.yellowCards.filter((y) => y.case.districtCode === code).length,
    openFollowUps: parts.openFollowUps.filter((f) => f.case?.districtCode === code).length,
    ...ratingFiguresOf(
      parts.counts.filter(inDistrict(code)),
      parts.rectified.filter(inDistrict(code)).length,
    ),
  }))
}

/** How many of `rows` each channel has, every channel of CASE_CHANNELS in order. */
export function countByChannel(rows: { case: CaseRow }[]): { channel: CaseChannel; count: number }[] {
  return CASE_CHANNELS.map((channel) => ({
    channel,
    count: rows.filter((r) => r.case.channel === channel).length,
  }))
}

/** Open follow-ups with their standing, at-risk first (overdue, then fewest days left). */
export function followUpQueue(
  followUps: FollowUpRow[],
  casesByKey: (key: string) => CaseRow | undefined,
  today: string,
  riskDays: number,
): FollowUpStanding[] {
  return followUps
    .map((f) => {
      const overdue = f.closedAt === null && today > f.dueDay
      const daysLeft = overdue ? -calendarDaysBetween(f.dueDay, today) : workingDaysAfter(today, f.dueDay)
      return {
        followUp: f,
        case: casesByKey(f.transactionKey),
        daysLeft,
        overdue,
        atRisk: f.closedAt === null && (overdue || daysLeft <= riskDays),
      }
    })
    .sort(
      (a, b) =>
        Number(a.followUp.closedAt !== null) - Number(b.followUp.closedAt !== null) ||
        Number(b.atRisk) - Number(a.atRisk) ||
        a.daysLeft - b.daysLeft ||
        a.followUp.id - b.followUp.id,
    )
}

function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}
