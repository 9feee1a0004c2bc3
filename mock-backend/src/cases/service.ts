/**
 * The case module as routes and ingest use it: opens a case for every 申办/预约 transaction, moves
 * cases along their planned history when asked, answers lookups, takes the one rating per case and
 * runs the 差评整改 follow-ups. One instance per running server, built by createAppDeps (server.ts).
 */
import { createHmac, randomBytes } from 'node:crypto'
import { isBadRating } from '../../../services-catalog/src/rating'
import type { ServiceItem } from '../../../services-catalog/src/schema'
import type { CatalogCache, NameText } from '../catalogCache'
import { CASE_KINDS, type CaseView, type RatingAnswer, type TransactionRecord } from '../contract'
import { type CaseRow, CaseStore, type FollowUpRow, type NewCase } from '../db/caseStore'
import type { Store } from '../db/store'
import type { AppDeps } from '../deps'
import { ApiError } from '../http/errors'
import { isStorageFull } from '../http/storageFull'
import type { Fingerprints } from '../privacy/fingerprints'
import { shanghaiDay } from '../time'
import { addWorkingDays, CALENDAR_YEARS, calendarCovers } from './calendar'
import { type Deadline, promisedDeadline } from './deadline'
import { planCase } from './plan'
import type { CaseSettings } from './settings'
import { isOverdue } from './supervision'

export { CASE_KINDS, type CaseView, type RatingAnswer }

/** What ingest hands over for one newly stored 申办/预约 record. */
export interface AcceptedRecord {
  record: TransactionRecord
  item: ServiceItem
  reference: string
}

const PEPPER_KEY = 'case_subject_pepper'
const NO_NAMES: ReadonlyMap<string, NameText> = new Map()

/** Cases, ratings and follow-ups over one database. */
export class CaseService {
  readonly store: CaseStore
  private pepper: string | null = null

  constructor(
    private readonly main: Store,
    readonly settings: CaseSettings,
    readonly now: () => Date,
    private readonly catalog: CatalogCache,
    private readonly fingerprints: Fingerprints,
  ) {
    this.store = new CaseStore(main.db)
  }

  /** Today in Asia/Shanghai by the case clock. */
  today(): string {
    return shanghaiDay(this.now())
  }

  /**
   * Keyed hash of an ID number: lets a resident find their cases without the number being stored. The
   * database's pepper alone is not enough to test a candidate: the outer key lives outside it (privacy/).
   */
  subjectHash(idNumber: string): string {
    if (this.pepper === null) {
      let pepper = this.main.getSetting(PEPPER_KEY)
      if (!pepper) {
        pepper = randomBytes(32).toString('base64url')
        this.main.putSetting(PEPPER_KEY, pepper)
      }
      this.pepper = pepper
    }
    return this.fingerprints.subject(
      createHmac('sha256', this.pepper).update(idNumber.toUpperCase()).digest('base64url'),
    )
  }

  /** Opens cases for newly stored records of 申办/预约 items; other kinds are ignored. Returns how many opened. */
  openCases(terminalId: string, accepted: AcceptedRecord[]): number {
    // One transaction for the whole batch (a savepoint inside ingest's batch transaction): a commit (and fsync)
    // per case made ingest ~14× slower, and a savepoint per case cost another ~20% of a batch.
    return this.main.transaction(() => this.openCasesNow(terminalId, accepted))
  }

  private openCasesNow(terminalId: string, accepted: AcceptedRecord[]): number {
    const departments = this.departmentNames()
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
        terminalId,
        itemCode: a.item.code,
        itemNameZh: a.item.name.zh,
        itemNameEn: a.item.name.en || a.item.name.zh,
        kind: a.item.kind,
        department: a.item.department,
        departmentNameZh: dept?.zh ?? a.item.department,
        departmentNameEn: dept?.en || dept?.zh || a.item.department,
        subjectHash: a.record.subject ? this.subjectHash(a.record.subject.idNumber) : null,
        acceptedAt,
        acceptDay: deadline.acceptDay,
        limitDays: a.item.timeLimit.days,
        limitUnit: a.item.timeLimit.unit,
        dueDay: deadline.dueDay,
        calendarCovered: deadline.covered,
        plan: plan.events,
      })
    }
    // Multi-row inserts inside the one savepoint `openCases` opened: no savepoint per case.
    return this.store.insertCases(cases)
  }

  /** Department names of the active catalog, from the shared parsed-once cache (ingest calls this per batch). */
  private departmentNames(): ReadonlyMap<string, NameText> {
    return this.catalog.active()?.departmentNames ?? NO_NAMES
  }

  /** Reveals every planned status change up to now. Called before any read. */
  refresh(): void {
    this.store.advanceDue(this.now().toISOString())
  }

  /** The terminal's view of a case. */
  view(c: CaseRow): CaseView {
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
      history: this.store.events(c.transactionKey),
      finishedAt: c.finishedAt,
      overdue: isOverdue(c, this.today()),
      rated: c.rating !== null,
    }
  }

  /** Cases with this number (normally one). */
  lookupNumber(caseNumber: string): CaseView[] {
    this.refresh()
    return this.store.byNumber(caseNumber.toUpperCase()).map((c) => this.view(c))
  }

  /** The resident's cases, newest first, found through the hash of the ID number. */
  lookupSubject(idNumber: string): CaseView[] {
    this.refresh()
    return this.store.bySubject(this.subjectHash(idNumber)).map((c) => this.view(c))
  }

  /**
   * 一事一评: stores the one rating of a case. The same `key` sent again (a retry) answers the stored
   * rating; any other second rating is 409 `already_rated`. Levels 1–2 open a follow-up due in 15 working days.
   */
  rate(input: { transactionKey?: string; caseNumber?: string; level: number; key?: string }): RatingAnswer {
    this.refresh()
    const c = this.findForRating(input)
    const now = this.now()
    return this.store.transaction(() => {
      const stored = this.store.rate(c.transactionKey, input.level, now.toISOString(), input.key ?? null)
      if (!stored) {
        const current = this.store.byKey(c.transactionKey)!
        if (input.key && current.ratingKey === input.key && current.rating === input.level) {
          return this.answer(current, current.rating, true)
        }
        throw new ApiError(409, 'already_rated', `case ${c.caseNumber} has already been rated (一事一评)`)
      }
      if (isBadRating(input.level)) {
        const openDay = shanghaiDay(now)
        const dueDay = addWorkingDays(openDay, this.settings.followUpDays)
        this.store.openFollowUp(
          c.transactionKey,
          input.level,
          now.toISOString(),
          openDay,
          dueDay,
          calendarCovers(openDay) && calendarCovers(dueDay),
        )
      }
      return this.answer(c, input.level, false)
    })
  }

  private answer(c: CaseRow, level: number, replayed: boolean): RatingAnswer {
    const f = this.store.followUpOfCase(c.transactionKey)
    return {
      caseNumber: c.caseNumber,
      level,
      replayed,
      followUp: f ? { id: f.id, dueDay: f.dueDay, calendarCovered: f.calendarCovered } : null,
    }
  }

  private findForRating(input: { transactionKey?: string; caseNumber?: string }): CaseRow {
    if (input.transactionKey) {
      const c = this.store.byKey(input.transactionKey)
      if (!c) {
        throw new ApiError(
          404,
          'case_not_found',
          `transactionKey: no case for transaction ${input.transactionKey}`,
        )
      }
      if (input.caseNumber && input.caseNumber.toUpperCase() !== c.caseNumber) {
        throw new ApiError(400, 'validation', 'caseNumber: does not belong to transactionKey')
      }
      return c
    }
    const number = (input.caseNumber ?? '').toUpperCase()
    const matches = this.store.byNumber(number)
    if (matches.length === 0) throw new ApiError(404, 'case_not_found', `caseNumber: no case ${number}`)
    if (matches.length > 1) {
      throw new ApiError(
        409,
        'ambiguous_case',
        `caseNumber: ${number} matches several cases; send transactionKey`,
      )
    }
    return matches[0]!
  }

  /** Records contact, rectification and outcome on an open follow-up (fields not sent stay as they are). */
  updateFollowUp(
    id: number,
    patch: { contactNote?: string; rectification?: string; outcome?: string },
    by: string,
  ): FollowUpRow {
    const f = this.existingFollowUp(id)
    if (f.closedAt) throw new ApiError(409, 'already_closed', `follow-up ${id} is closed`)
    const contactNote = patch.contactNote ?? f.contactNote
    const contactedAt =
      patch.contactNote !== undefined && patch.contactNote !== f.contactNote
        ? this.now().toISOString()
        : f.contactedAt
    this.store.updateFollowUp({
      id,
      contactNote,
      contactedAt,
      rectification: patch.rectification ?? f.rectification,
      outcome: patch.outcome ?? f.outcome,
      updatedBy: by,
    })
    return this.existingFollowUp(id)
  }

  /** Closes a follow-up once contact, rectification and outcome are all recorded. */
  closeFollowUp(id: number, by: string): FollowUpRow {
    const f = this.existingFollowUp(id)
    if (f.closedAt) throw new ApiError(409, 'already_closed', `follow-up ${id} is closed`)
    const missing = (['contactNote', 'rectification', 'outcome'] as const).filter((k) => !f[k]?.trim())
    if (missing.length > 0) {
      throw new ApiError(400, 'validation', `follow-up ${id}: record ${missing.join(', ')} before closing`)
    }
    this.store.closeFollowUp(id, this.now().toISOString(), by)
    return this.existingFollowUp(id)
  }

  private existingFollowUp(id: number): FollowUpRow {
    const f = this.store.followUp(id)
    if (!f) throw new ApiError(404, 'not_found', `no follow-up ${id}`)
    return f
  }
}

/** Calendar data coverage, for API answers and the ops panel's note. */
export function calendarInfo(): { firstYear: number; lastYear: number; source: string } {
  return { firstYear: CALENDAR_YEARS.first, lastYear: CALENDAR_YEARS.last, source: 'chinese-days' }
}

/** Ingest's one call: opens cases for the newly stored records; never fails the batch (logs instead). */
export function openCasesAfterIngest(deps: AppDeps, terminalId: string, accepted: AcceptedRecord[]): void {
  if (!accepted.some((a) => CASE_KINDS.has(a.item.kind))) return
  try {
    deps.cases.openCases(terminalId, accepted)
  } catch (err) {
    // No room on disk: the whole batch fails (503, nothing stored) rather than keep records without their cases.
    if (isStorageFull(err)) throw err
    deps.logger.error(
      { err: { name: (err as Error).name, message: (err as Error).message } },
      'case open failed',
    )
  }
}
