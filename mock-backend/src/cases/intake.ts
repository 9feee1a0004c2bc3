/**
 * The intake of other channels (窗口, 网上): their systems submit cases, the status changes their departments
 * report, and 好差评 ratings given on their channels, with a system account (role `intake`). Every call is
 * idempotent by key; bad input is refused naming the entry and field, before anything of the call is stored.
 */
import {
  CASE_KINDS,
  INTAKE_MAX_AGE_DAYS,
  type IntakeCases,
  type IntakeCasesAnswer,
  type IntakeEvents,
  type IntakeEventsAnswer,
  type IntakeRatings,
  type IntakeRatingsAnswer,
} from '../contract'
import { isTerminalDivision } from '../contract/divisions'
import type { CaseRow, NewCase } from '../db/caseRows'
import type { EventRefusal } from '../db/unitsOfWork'
import type { AppDeps } from '../deps'
import { ApiError } from '../http/errors'
import { promisedDeadline } from './deadline'

/** A time this far ahead of the server's clock still counts as now (the channels' clocks drift a little). */
const CLOCK_SKEW_MS = 5 * 60_000
const DAY_MS = 86_400_000

/** Paths as zod's refusals of the same body name them (`body: cases.3.itemCode: …`). */
function invalid(where: string, message: string): ApiError {
  return new ApiError(400, 'validation', `body: ${where}: ${message}`)
}

/** A key twice in one call is a client bug, not a retry: refused, naming the second entry. */
function refuseRepeats(keys: readonly string[], list: string, field: string): void {
  const seen = new Set<string>()
  keys.forEach((key, i) => {
    if (seen.has(key)) throw invalid(`${list}.${i}.${field}`, `${key} appears twice in this request`)
    seen.add(key)
  })
}

/** The stored field an intake case's retry disagrees with, if any. */
function conflictOf(stored: CaseRow, c: IntakeCases['cases'][number]): string | undefined {
  if (stored.channel !== c.channel) return 'channel'
  if (c.district !== undefined && stored.districtCode !== c.district) return 'district'
  if (stored.itemCode !== c.itemCode) return 'itemCode'
  if (stored.caseNumber !== c.caseNumber.toUpperCase()) return 'caseNumber'
  if (Date.parse(stored.acceptedAt) !== Date.parse(c.acceptedAt)) return 'acceptedAt'
  return undefined
}

/**
 * The district an intake case stands in: the one its system names, which must be a division of the tree a case
 * can stand in (a district, or a city without districts: isTerminalDivision), else HOME_DISTRICT. Each code is
 * looked up in the tree once per call.
 */
async function intakeDistricts(
  deps: AppDeps,
): Promise<(district: string | undefined, where: string) => Promise<string>> {
  const known = new Map<string, boolean>()
  return async (district, where) => {
    if (district === undefined) return deps.config.homeDistrict
    let ok = known.get(district)
    if (ok === undefined) {
      ok = isTerminalDivision(district) && (await deps.store.division(district)) !== undefined
      known.set(district, ok)
    }
    if (!ok)
      throw invalid(
        where,
        `${district} is not a district of the organisation tree (a district or county, or a city without districts)`,
      )
    return district
  }
}

/** Opens the cases of another channel's system (`account`); a case already stored under its key is a replay. */
export async function intakeCases(
  deps: AppDeps,
  account: string,
  body: IntakeCases,
): Promise<IntakeCasesAnswer> {
  refuseRepeats(
    body.cases.map((c) => c.key),
    'cases',
    'key',
  )
  const now = deps.cases.now().getTime()
  const catalog = await deps.catalog.active()
  if (!catalog) throw new ApiError(503, 'no_catalog', 'no catalog is published yet')
  const stored = new Map(
    (await deps.cases.store.byKeys(body.cases.map((c) => c.key))).map((c) => [c.transactionKey, c]),
  )
  const fresh: NewCase[] = []
  const outcomes: IntakeCasesAnswer['outcomes'] = []
  const districtOf = await intakeDistricts(deps)
  for (const [i, c] of body.cases.entries()) {
    const where = `cases.${i}`
    const old = stored.get(c.key)
    if (old) {
      const field = conflictOf(old, c)
      if (field)
        throw new ApiError(
          409,
          'conflict',
          `body: ${where}.${field}: case ${c.key} was stored with another ${field}`,
        )
      outcomes.push({ key: c.key, status: 'replayed', caseNumber: old.caseNumber, dueDay: old.dueDay })
      continue
    }
    const acceptedAt = Date.parse(c.acceptedAt)
    if (acceptedAt > now + CLOCK_SKEW_MS) throw invalid(`${where}.acceptedAt`, 'is in the future')
    if (acceptedAt < now - INTAKE_MAX_AGE_DAYS * DAY_MS)
      throw invalid(`${where}.acceptedAt`, `is more than ${INTAKE_MAX_AGE_DAYS} days ago`)
    const districtCode = await districtOf(c.district, `${where}.district`)
    // The catalog as the case's district has it: a district's own items are its halls' and portal's cases too.
    const offered = (await deps.catalog.effective(catalog.version, districtCode)) ?? catalog
    const indexed = offered.items.get(c.itemCode)
    if (!indexed)
      throw invalid(
        `${where}.itemCode`,
        `${c.itemCode} is not in the published catalog of district ${districtCode}`,
      )
    const { item } = indexed
    if (!CASE_KINDS.has(item.kind))
      throw invalid(
        `${where}.itemCode`,
        `${c.itemCode} is a ${item.kind} item; only 申办 and 预约 items are cases`,
      )
    const at = new Date(acceptedAt)
    const deadline = promisedDeadline(at, item.timeLimit)
    const dept = offered.departmentNames.get(item.department)
    fresh.push({
      transactionKey: c.key,
      caseNumber: c.caseNumber.toUpperCase(),
      channel: c.channel as NewCase['channel'],
      terminalId: account,
      districtCode,
      itemCode: item.code,
      itemNameZh: item.name.zh,
      itemNameEn: item.name.en || item.name.zh,
      kind: item.kind,
      department: item.department,
      departmentNameZh: dept?.zh ?? item.department,
      departmentNameEn: dept?.en || dept?.zh || item.department,
      subjectHash: null,
      acceptedAt: at.toISOString(),
      acceptDay: deadline.acceptDay,
      limitDays: item.timeLimit.days,
      limitUnit: item.timeLimit.unit,
      dueDay: deadline.dueDay,
      calendarCovered: deadline.covered,
      // The channel's department system reports the history (intakeEvents): nothing is planned here.
      plan: [],
    })
    outcomes.push({
      key: c.key,
      status: 'stored',
      caseNumber: c.caseNumber.toUpperCase(),
      dueDay: deadline.dueDay,
    })
  }
  await deps.cases.store.insertCases(fresh)
  return { outcomes }
}

const REFUSALS: Record<EventRefusal, (where: string, key: string) => ApiError> = {
  unknown: (where, key) => new ApiError(404, 'case_not_found', `body: ${where}.key: no case ${key}`),
  planned: (where, key) =>
    new ApiError(
      409,
      'not_intake',
      `body: ${where}.key: case ${key} was taken at a terminal; its department reports it`,
    ),
  closed: (where, key) =>
    new ApiError(409, 'already_closed', `body: ${where}.key: case ${key} is finished already`),
  before_acceptance: (where) => invalid(`${where}.at`, 'is before the case was accepted'),
}

/** Stores the status changes of intake cases: all of them, or none and the first problem. */
export async function intakeEvents(deps: AppDeps, body: IntakeEvents): Promise<IntakeEventsAnswer> {
  const now = deps.cases.now().getTime()
  body.events.forEach((e, i) => {
    if (Date.parse(e.at) > now + CLOCK_SKEW_MS) throw invalid(`events.${i}.at`, 'is in the future')
  })
  const done = await deps.cases.store.reportEvents(
    body.events.map((e) => ({
      transactionKey: e.key,
      status: e.status as '办理中',
      at: new Date(Date.parse(e.at)).toISOString(),
    })),
  )
  if (!done.ok) throw REFUSALS[done.refusal](`events.${done.index}`, body.events[done.index]!.key)
  return { outcomes: body.events.map((e, i) => ({ key: e.key, status: done.outcomes[i]! })) }
}

/**
 * Stores 好差评 ratings given on other channels, one per case (一事一评) and for any channel's case; a bad one
 * opens its 差评整改 follow-up. Every case is checked first; the same rating key again is a replay. One unit of
 * work per request: a commit per rating made a year's 56,547 ratings take minutes on a disk that syncs.
 */
export async function intakeRatings(deps: AppDeps, body: IntakeRatings): Promise<IntakeRatingsAnswer> {
  refuseRepeats(
    body.ratings.map((r) => r.caseKey),
    'ratings',
    'caseKey',
  )
  await deps.cases.refresh()
  const cases = new Map(
    (await deps.cases.store.byKeys(body.ratings.map((r) => r.caseKey))).map((c) => [c.transactionKey, c]),
  )
  body.ratings.forEach((r, i) => {
    const c = cases.get(r.caseKey)
    if (!c) throw new ApiError(404, 'case_not_found', `body: ratings.${i}.caseKey: no case ${r.caseKey}`)
    if (c.rating !== null && !(c.ratingKey === r.key && c.rating === r.level))
      throw new ApiError(
        409,
        'already_rated',
        `body: ratings.${i}.caseKey: case ${r.caseKey} is rated already (一事一评)`,
      )
  })
  const answers = await deps.cases.rateCases(
    body.ratings.map((r) => ({
      c: cases.get(r.caseKey)!,
      input: { transactionKey: r.caseKey, level: r.level, key: r.key },
    })),
  )
  return {
    outcomes: answers.map((a, i) => ({
      caseKey: body.ratings[i]!.caseKey,
      status: a.replayed ? 'replayed' : 'stored',
      followUpId: a.followUp?.id ?? null,
    })),
  }
}
