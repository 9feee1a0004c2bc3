/**
 * The case module as routes and ingest use it: opens a case for every 申办/预约 transaction, moves
 * cases along their planned history when asked, answers lookups, takes the one rating per case and
 * runs the 差评整改 follow-ups. One instance per running server, built by createAppDeps (server.ts).
 */
import { createHmac, randomBytes } from 'node:crypto'
import { isBadRating } from '../../../services-catalog/src/rating'
import type { ServiceItem } from '../../../services-catalog/src/schema'
import type { CatalogCache, NameText } from '../catalogCache'
import {
  CASE_KINDS,
  type CaseSupplement,
  type CaseView,
  type RatingAnswer,
  type RatingPass,
  type RatingRequest,
  type TransactionRecord,
} from '../contract'
import type { CaseRow, Districts, FollowUpRow, NewCase } from '../db/caseRows'
import type { CaseStorage, Storage } from '../db/storage'
import type { RatingWrite, RatingWritten } from '../db/unitsOfWork'
import { supplementOf } from '../departments/supplement'
import type { AppDeps } from '../deps'
import { ApiError } from '../http/errors'
import type { Fingerprints } from '../privacy/fingerprints'
import { shanghaiDay } from '../time'
import { addWorkingDays, CALENDAR_YEARS, calendarCovers } from './calendar'
import { type Deadline, promisedDeadline } from './deadline'
import { planCase } from './plan'
import { RatingGrants } from './ratingGrants'
import type { CaseSettings } from './settings'
import { isOverdue } from './supervision'

/** The terminal a batch's cases are opened for: its id, and the district it stands in as the records arrive. */
export interface CaseTerminal {
  id: string
  districtCode: string
}

export { CASE_KINDS, type CaseView, type RatingAnswer }

/** What ingest hands over for one newly stored 申办/预约 record. */
export interface AcceptedRecord {
  record: TransactionRecord
  item: ServiceItem
  reference: string
}

const PEPPER_KEY = 'case_subject_pepper'

/** A rating as the route hands it over. */
export type RatingInput = RatingRequest

/** A lookup's cases and the passes this terminal may rate them with. */
export interface CaseLookupResult {
  cases: CaseView[]
  ratable: RatingPass[]
}

/**
 * The one answer to a rating this terminal may not make: unknown case, already rated, another terminal's case
 * without a grant, a forged grant. One status, code and message for all (notRatable), so the answer is no oracle.
 */
export function notRatable(): ApiError {
  return new ApiError(
    404,
    'case_not_ratable',
    'no case to rate: unknown, already rated (一事一评), or taken on another terminal; look it up by ID number to rate it here',
  )
}

/** A genuine grant past RATING_GRANT_TTL_MS: the resident looks the case up by ID number again. */
export function grantExpired(): ApiError {
  return new ApiError(
    403,
    'grant_expired',
    'grant: the rating grant has expired; look the case up by ID number again to rate it',
  )
}

/** Whether the case already holds exactly this rating (a retry after a lost answer). */
function isReplay(c: CaseRow, input: RatingInput): boolean {
  return input.key !== undefined && c.ratingKey === input.key && c.rating === input.level
}

/** The answer to a stored (or replayed) rating, with the follow-up a bad one opened. */
function answer(c: CaseRow, level: number, replayed: boolean, f: FollowUpRow | undefined): RatingAnswer {
  return {
    caseNumber: c.caseNumber,
    level,
    replayed,
    followUp: f ? { id: f.id, dueDay: f.dueDay, calendarCovered: f.calendarCovered } : null,
  }
}

/** The pass of a case the asking terminal took itself: the terminal is the grant. */
function ownPass(c: CaseRow): RatingPass {
  return { transactionKey: c.transactionKey }
}
const NO_NAMES: ReadonlyMap<string, NameText> = new Map()

/** Cases, ratings and follow-ups over one database. */
export class CaseService {
  readonly store: CaseStorage
  private pepper: string | null = null
  private readonly grants: RatingGrants

  constructor(
    private readonly main: Storage,
    readonly settings: CaseSettings,
    readonly now: () => Date,
    private readonly catalog: CatalogCache,
    private readonly fingerprints: Fingerprints,
  ) {
    this.store = main.cases
    this.grants = new RatingGrants(fingerprints, now)
  }

  /** Today in Asia/Shanghai by the case clock. */
  today(): string {
    return shanghaiDay(this.now())
  }

  /**
   * Keyed hash of an ID number: lets a resident find their cases without the number being stored. The
   * database's pepper alone is not enough to test a candidate: the outer key lives outside it (privacy/).
   */
  async subjectHash(idNumber: string): Promise<string> {
    return this.subjectHashWith(await this.loadPepper(), idNumber)
  }

  /** The database's pepper, read (or made) once per server. */
  private async loadPepper(): Promise<string> {
    if (this.pepper === null) {
      let pepper = await this.main.getSetting(PEPPER_KEY)
      if (!pepper) {
        pepper = randomBytes(32).toString('base64url')
        await this.main.putSetting(PEPPER_KEY, pepper)
      }
      this.pepper = pepper
    }
    return this.pepper
  }

  private subjectHashWith(pepper: string, idNumber: string): string {
    return this.fingerprints.subject(
      createHmac('sha256', pepper).update(idNumber.toUpperCase()).digest('base64url'),
    )
  }

  /** Opens cases for newly stored records of 申办/预约 items; other kinds are ignored. Returns how many opened. */
  async openCases(terminal: CaseTerminal, accepted: AcceptedRecord[]): Promise<number> {
    // One transaction for the whole batch: a commit (and fsync) per case made ingest ~14× slower.
    return this.store.insertCases((await this.casePlanner(terminal))(accepted))
  }

  /**
   * A pure, synchronous builder of the cases a terminal's accepted records open, with the pepper and department
   * names it needs read beforehand: ingest calls it inside the batch's unit of work (Storage.ingest).
   */
  async casePlanner(terminal: CaseTerminal): Promise<(accepted: readonly AcceptedRecord[]) => NewCase[]> {
    const pepper = await this.loadPepper()
    // As the terminal's district has the catalog: a department only its added items name is named too.
    const active = await this.catalog.active()
    const offered = active && (await this.catalog.effective(active.version, terminal.districtCode))
    const departments = (offered ?? active)?.departmentNames ?? NO_NAMES
    return (accepted) => this.planCases(terminal, accepted, pepper, departments)
  }

  private planCases(
    terminal: CaseTerminal,
    accepted: readonly AcceptedRecord[],
    pepper: string,
    departments: ReadonlyMap<string, NameText>,
  ): NewCase[] {
    const now = this.now()
    const acceptedAt = now.toISOString()
    // A deadline depends only on the acceptance day and the limit: counted once per limit per batch.
    const deadlines = new Map<string, Deadline>()
    const cases: NewCase[] = []
    for (const a of accepted) {
      if (!CASE_KINDS.has(a.item.kind)) continue
      const dept = departments.get(a.item.department)
      const limitKey = `${a.item.timeLimit.days}|${a.item.timeLimit.unit}`
      let deadline = deadlines.get(limitKey)
      if (!deadline) {
        deadline = promisedDeadline(now, a.item.timeLimit)
        deadlines.set(limitKey, deadline)
      }
      const plan = planCase({
        seed: this.settings.seed,
        key: a.record.key,
        acceptedAt: now,
        acceptDay: deadline.acceptDay,
        dueDay: deadline.dueDay,
        immediate: deadline.immediate,
        lateRate: this.settings.lateRate,
        refuseRate: this.settings.refuseRate,
      })
      cases.push({
        transactionKey: a.record.key,
        caseNumber: a.reference,
        terminalId: terminal.id,
        // The district the terminal stands in as the record arrives, as its transaction row: a later move leaves it.
        districtCode: terminal.districtCode,
        itemCode: a.item.code,
        itemNameZh: a.item.name.zh,
        itemNameEn: a.item.name.en || a.item.name.zh,
        kind: a.item.kind,
        department: a.item.department,
        departmentNameZh: dept?.zh ?? a.item.department,
        departmentNameEn: dept?.en || dept?.zh || a.item.department,
        subjectHash: a.record.subject ? this.subjectHashWith(pepper, a.record.subject.idNumber) : null,
        // 代办: who acted, beside whom they served, protected the same way (a record for 本人 names no agent).
        ...(a.record.agent ? { agentHash: this.subjectHashWith(pepper, a.record.agent.idNumber) } : {}),
        acceptedAt,
        acceptDay: deadline.acceptDay,
        limitDays: a.item.timeLimit.days,
        limitUnit: a.item.timeLimit.unit,
        dueDay: deadline.dueDay,
        calendarCovered: deadline.covered,
        plan: plan.events,
      })
    }
    return cases
  }

  /**
   * Reveals every planned status change up to now. Called before any read. A store advances a bounded number of
   * cases per call, so this calls until none is left (a year replayed at once leaves tens of thousands due).
   */
  async refresh(): Promise<void> {
    const now = this.now().toISOString()
    while ((await this.store.advanceDue(now)) > 0) {}
  }

  /**
   * The terminal's view of a case. While a 补正 is open the case waits at 办理中: the planned later events show once
   * the resident answered it (the case moves on).
   */
  async view(c: CaseRow): Promise<CaseView> {
    const supplement = await this.supplement(c)
    const history = await this.store.events(c.transactionKey)
    if (supplement && supplement.answeredAt === null) {
      const waiting = history.filter((e) => e.status === '已受理' || e.status === '办理中')
      if (!waiting.some((e) => e.status === '办理中'))
        waiting.push({ status: '办理中', at: supplement.askedAt })
      return { ...(await this.plainView(c, waiting)), status: '办理中', finishedAt: null, supplement }
    }
    return { ...(await this.plainView(c, history)), ...(supplement ? { supplement } : {}) }
  }

  /** The 补正 the department asked for this case, if any (derived from its record's materials). */
  async supplement(c: CaseRow): Promise<CaseSupplement | null> {
    const materials = (await this.main.materials.forRecord(c.transactionKey)).filter(
      (m) => m.districtCode === c.districtCode,
    )
    // The case opens as its record arrives: what came before is the record's, what came after answers.
    if (materials.length === 0) return null
    const item = (await this.catalog.active())?.items.get(c.itemCode)?.item
    return supplementOf(
      materials,
      c.acceptedAt,
      (zh) => item?.materials.find((m) => m.name.zh === zh)?.name.en,
    )
  }

  private async plainView(c: CaseRow, history: CaseView['history']): Promise<CaseView> {
    return {
      transactionKey: c.transactionKey,
      caseNumber: c.caseNumber,
      itemCode: c.itemCode,
      itemName: { zh: c.itemNameZh, en: c.itemNameEn },
      kind: c.kind,
      departmentName: { zh: c.departmentNameZh, en: c.departmentNameEn },
      acceptedAt: c.acceptedAt,
      limit: { days: c.limitDays, unit: c.limitUnit, immediate: c.limitDays === 0 },
      dueDay: c.dueDay,
      calendarCovered: c.calendarCovered,
      status: c.status,
      history,
      finishedAt: c.finishedAt,
      overdue: isOverdue(c, this.today()),
      rated: c.rating !== null,
    }
  }

  /** Cases with this number (normally one). A lookup by number grants no rating to a terminal that did not take them. */
  async lookupNumber(caseNumber: string, terminalId: string): Promise<CaseLookupResult> {
    await this.refresh()
    const rows = await this.store.byNumber(caseNumber.toUpperCase())
    return {
      cases: await Promise.all(rows.map((c) => this.view(c))),
      ratable: rows.filter((c) => c.rating === null && c.terminalId === terminalId).map(ownPass),
    }
  }

  /** The resident's cases, newest first, found through the hash of the ID number, each unrated one with a grant. */
  async lookupSubject(idNumber: string, terminalId: string): Promise<CaseLookupResult> {
    await this.refresh()
    const rows = await this.store.bySubject(await this.subjectHash(idNumber))
    return {
      cases: await Promise.all(rows.map((c) => this.view(c))),
      ratable: rows
        .filter((c) => c.rating === null)
        .map((c) =>
          c.terminalId === terminalId
            ? ownPass(c)
            : { transactionKey: c.transactionKey, grant: this.grants.issue(c.transactionKey, terminalId) },
        ),
    }
  }

  /**
   * The case a rating is for, once this terminal may rate it: it took the case, or it presents a valid grant
   * for it, or the rating is a retry of one already stored (same idempotency key and level). An unknown case,
   * a rated one, one this terminal may not rate and a forged grant all answer the same NOT_RATABLE, so the
   * answer tells nobody which case numbers exist. A genuine grant past its time answers 403 `grant_expired`.
   */
  async ratable(input: RatingInput, terminalId: string): Promise<CaseRow> {
    await this.refresh()
    const candidates = input.transactionKey
      ? [await this.store.byKey(input.transactionKey)].filter((c): c is CaseRow => c !== undefined)
      : await this.store.byNumber((input.caseNumber ?? '').toUpperCase())
    const named = candidates.filter(
      (c) => !input.caseNumber || c.caseNumber === input.caseNumber.toUpperCase(),
    )
    const checks = named.map((c) => ({
      c,
      grant: input.grant ? this.grants.check(input.grant, c.transactionKey, terminalId) : 'invalid',
    }))
    const allowed = checks.filter(
      ({ c, grant }) =>
        isReplay(c, input) || (c.rating === null && (c.terminalId === terminalId || grant === 'valid')),
    )
    if (allowed.length === 0) {
      if (checks.some(({ c, grant }) => grant === 'expired' && c.rating === null)) throw grantExpired()
      throw notRatable()
    }
    if (allowed.length > 1) {
      throw new ApiError(409, 'ambiguous_case', 'caseNumber: matches several cases; send transactionKey')
    }
    return allowed[0]!.c
  }

  /**
   * 一事一评: stores the one rating of a case `ratable` returned. The same `key` sent again (a retry)
   * answers the stored rating. Levels 1–2 open a follow-up due in 15 working days.
   */
  async rateCase(c: CaseRow, input: RatingInput): Promise<RatingAnswer> {
    return this.answerOf(c, input, await this.store.rate(this.ratingWrite(c, input)))
  }

  /** `rateCase` for many cases in ONE unit of work (an intake page), answered in order. */
  async rateCases(ratings: readonly { c: CaseRow; input: RatingInput }[]): Promise<RatingAnswer[]> {
    const written = await this.store.rateAll(ratings.map(({ c, input }) => this.ratingWrite(c, input)))
    return ratings.map(({ c, input }, i) => this.answerOf(c, input, written[i]!))
  }

  /** What storing a rating writes now: the rating, and for a bad one its follow-up due in 15 working days. */
  private ratingWrite(c: CaseRow, input: RatingInput): RatingWrite {
    const now = this.now()
    const openDay = shanghaiDay(now)
    const dueDay = addWorkingDays(openDay, this.settings.followUpDays)
    return {
      transactionKey: c.transactionKey,
      level: input.level,
      at: now.toISOString(),
      ratingKey: input.key ?? null,
      followUp: isBadRating(input.level)
        ? { openDay, dueDay, calendarCovered: calendarCovers(openDay) && calendarCovers(dueDay) }
        : undefined,
    }
  }

  /** The answer to a rating write: stored, a replay of the same key and level, or not ratable. */
  private answerOf(c: CaseRow, input: RatingInput, written: RatingWritten): RatingAnswer {
    if (written.stored) return answer(c, input.level, false, written.followUp)
    if (written.current && isReplay(written.current, input))
      return answer(written.current, input.level, true, written.followUp)
    throw notRatable()
  }

  /** `ratable` then `rateCase`, for callers with no limit to apply in between. */
  async rate(input: RatingInput, terminalId: string): Promise<RatingAnswer> {
    return this.rateCase(await this.ratable(input, terminalId), input)
  }

  /**
   * Records contact, rectification and outcome on an open follow-up (fields not sent stay as they are). A
   * follow-up outside `districts` (the account's; undefined: the province) is answered 404, as one that does not exist.
   */
  async updateFollowUp(
    id: number,
    patch: { contactNote?: string; rectification?: string; outcome?: string },
    by: string,
    districts?: Districts,
  ): Promise<FollowUpRow> {
    const now = this.now().toISOString()
    // Decided on the row read in the same unit (several nodes): no patch is lost, nothing lands on a closed one.
    const after = await this.store.changeFollowUp(
      id,
      (f) => {
        if (f.closedAt) throw new ApiError(409, 'already_closed', `follow-up ${id} is closed`)
        const contactNote = patch.contactNote ?? f.contactNote
        const contactedAt =
          patch.contactNote !== undefined && patch.contactNote !== f.contactNote ? now : f.contactedAt
        return {
          kind: 'update',
          row: {
            contactNote,
            contactedAt,
            rectification: patch.rectification ?? f.rectification,
            outcome: patch.outcome ?? f.outcome,
            updatedBy: by,
          },
        }
      },
      districts,
    )
    return after ?? (await this.existingFollowUp(id, districts))
  }

  /** Closes a follow-up once contact, rectification and outcome are all recorded (404 outside `districts`). */
  async closeFollowUp(id: number, by: string, districts?: Districts): Promise<FollowUpRow> {
    const now = this.now().toISOString()
    const after = await this.store.changeFollowUp(
      id,
      (f) => {
        if (f.closedAt) throw new ApiError(409, 'already_closed', `follow-up ${id} is closed`)
        const missing = (['contactNote', 'rectification', 'outcome'] as const).filter((k) => !f[k]?.trim())
        if (missing.length > 0) {
          throw new ApiError(
            400,
            'validation',
            `follow-up ${id}: record ${missing.join(', ')} before closing`,
          )
        }
        return { kind: 'close', at: now, by }
      },
      districts,
    )
    return after ?? (await this.existingFollowUp(id, districts))
  }

  private async existingFollowUp(id: number, districts: Districts): Promise<FollowUpRow> {
    const f = await this.store.followUp(id, districts)
    if (!f) throw new ApiError(404, 'not_found', `no follow-up ${id}`)
    return f
  }
}

/** Calendar data coverage, for API answers and the ops panel's note. */
export function calendarInfo(): { firstYear: number; lastYear: number; source: string } {
  return { firstYear: CALENDAR_YEARS.first, lastYear: CALENDAR_YEARS.last, source: 'chinese-days' }
}

/**
 * Ingest's case step: the pure builder of the cases a batch's newly stored records open, for its unit of work
 * (Storage.ingest runs it after the rows, in the same transaction); undefined when no record is a 申办/预约.
 */
export async function casesForIngest(
  deps: AppDeps,
  terminal: CaseTerminal,
  accepted: readonly AcceptedRecord[],
): Promise<((fresh: readonly AcceptedRecord[]) => NewCase[]) | undefined> {
  if (!accepted.some((a) => CASE_KINDS.has(a.item.kind))) return undefined
  return deps.cases.casePlanner(terminal)
}

/** Opening a batch's cases failed (the records stay stored): logged, never with resident data. */
export function logCaseOpenFailure(deps: AppDeps, err: unknown): void {
  deps.logger.error(
    { err: { name: (err as Error).name, message: (err as Error).message } },
    'case open failed',
  )
}
