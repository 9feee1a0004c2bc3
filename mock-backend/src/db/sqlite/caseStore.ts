/**
 * SQL for 办件 (cases), their status history, ratings and follow-ups — kept beside store.ts so the case
 * feature stays one replaceable module. No personal data: residents are found only through a keyed
 * hash of the ID number.
 */
import type Database from 'better-sqlite3'
import type { CaseEvent, CaseStatus } from '../../contract'
import { TERMINAL_CHANNEL } from '../../contract/constants'
import type { CaseRow, Districts, FollowUpChange, FollowUpRow, NewCase, RatingCount } from '../caseRows'
import { DUE_DAY_END_UTC } from '../caseRows'
import { districtJsonPredicate } from '../districtScope'
import type { CaseStorage } from '../storage'
import {
  type EventsReported,
  judgeEvent,
  type RatingWrite,
  type RatingWritten,
  type ReportedEvent,
} from '../unitsOfWork'
import { BulkInsert } from './bulkInsert'

const CASE_COLUMNS =
  'transaction_key AS transactionKey, case_number AS caseNumber, terminal_id AS terminalId, ' +
  'district_code AS districtCode, item_code AS itemCode, ' +
  'item_name_zh AS itemNameZh, item_name_en AS itemNameEn, kind, department, department_name_zh AS departmentNameZh, ' +
  'department_name_en AS departmentNameEn, subject_hash AS subjectHash, accepted_at AS acceptedAt, ' +
  'accept_day AS acceptDay, limit_days AS limitDays, limit_unit AS limitUnit, due_day AS dueDay, ' +
  'calendar_covered AS calendarCovered, status, finished_at AS finishedAt, rating, rated_at AS ratedAt, ' +
  'rating_key AS ratingKey, channel'

const FOLLOW_UP_COLUMNS =
  'id, transaction_key AS transactionKey, level, opened_at AS openedAt, open_day AS openDay, due_day AS dueDay, ' +
  'calendar_covered AS calendarCovered, contacted_at AS contactedAt, contact_note AS contactNote, rectification, ' +
  'outcome, updated_by AS updatedBy, closed_at AS closedAt, closed_by AS closedBy'

/**
 * A case's rows in case_events or case_follow_ups by its key alone (bound twice: `twice(key)`): their keys lead
 * with the district, so the case's district is read first (the cases' unique key index), then the rows by their key.
 */
const OF_CASE =
  'district_code = (SELECT district_code FROM cases WHERE transaction_key = ?) AND transaction_key = ?'
const twice = (key: string) => [key, key] as const

type Raw<T> = Omit<T, 'calendarCovered'> & { calendarCovered: number }
const toCase = (r: Raw<CaseRow>): CaseRow => ({ ...r, calendarCovered: r.calendarCovered === 1 })
const toFollowUp = (r: Raw<FollowUpRow>): FollowUpRow => ({ ...r, calendarCovered: r.calendarCovered === 1 })

/** Named, prepared queries over the case tables (migration 3). */
export class CaseStore implements CaseStorage {
  private readonly q
  /** Multi-row INSERTs for a batch of cases, prepared on first use. */
  private bulk?: { cases: BulkInsert<{ transactionKey: string }>; events: BulkInsert }
  /** The supervision reads by SQL shape (province, or within districts), prepared on first use. */
  private readonly scopedStatements = new Map<string, Database.Statement>()
  constructor(readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql)
    this.q = {
      insertCase: p(
        'INSERT OR IGNORE INTO cases (transaction_key, case_number, terminal_id, district_code, item_code, item_name_zh, ' +
          'item_name_en, kind, department, department_name_zh, department_name_en, subject_hash, accepted_at, accept_day, ' +
          'limit_days, limit_unit, due_day, calendar_covered, status, plan_json, next_event_at, channel, agent_hash) VALUES (@transactionKey, ' +
          '@caseNumber, @terminalId, @districtCode, @itemCode, @itemNameZh, @itemNameEn, @kind, @department, @departmentNameZh, ' +
          "@departmentNameEn, @subjectHash, @acceptedAt, @acceptDay, @limitDays, @limitUnit, @dueDay, @calendarCovered, '已受理', " +
          '@planJson, @nextEventAt, @channel, @agentHash)',
      ),
      insertEvent: p(
        'INSERT OR IGNORE INTO case_events (district_code, transaction_key, seq, status, at) VALUES (?, ?, ?, ?, ?)',
      ),
      events: p(`SELECT status, at FROM case_events WHERE ${OF_CASE} ORDER BY seq`),
      due: p(
        'SELECT district_code AS districtCode, transaction_key AS transactionKey, plan_json AS planJson FROM cases ' +
          'WHERE next_event_at IS NOT NULL AND next_event_at <= ? ORDER BY next_event_at LIMIT 5000',
      ),
      advance: p('UPDATE cases SET status = ?, finished_at = ?, next_event_at = ? WHERE transaction_key = ?'),
      byKey: p(`SELECT ${CASE_COLUMNS} FROM cases WHERE transaction_key = ?`),
      byNumber: p(
        `SELECT ${CASE_COLUMNS} FROM cases WHERE case_number = ? ORDER BY accepted_at DESC LIMIT 10`,
      ),
      bySubject: p(
        `SELECT ${CASE_COLUMNS} FROM cases WHERE subject_hash = ? ORDER BY accepted_at DESC LIMIT ?`,
      ),
      byKeys: p(
        `SELECT ${CASE_COLUMNS} FROM cases WHERE transaction_key IN (SELECT value FROM json_each(?))`,
      ),
      lastSeq: p(`SELECT coalesce(max(seq), 0) AS seq FROM case_events WHERE ${OF_CASE}`),
      report: p('UPDATE cases SET status = ?, finished_at = ? WHERE transaction_key = ?'),
      rate: p(
        'UPDATE cases SET rating = ?, rated_at = ?, rating_key = ? WHERE transaction_key = ? AND rating IS NULL',
      ),
      // The follow-up stands in its case's district.
      insertFollowUp: p(
        'INSERT OR IGNORE INTO case_follow_ups (district_code, transaction_key, level, opened_at, open_day, due_day, ' +
          'calendar_covered) SELECT district_code, transaction_key, ?, ?, ?, ?, ? FROM cases WHERE transaction_key = ?',
      ),
      followUp: p(`SELECT ${FOLLOW_UP_COLUMNS} FROM case_follow_ups WHERE id = ?`),
      followUpOfCase: p(`SELECT ${FOLLOW_UP_COLUMNS} FROM case_follow_ups WHERE ${OF_CASE}`),
      updateFollowUp: p(
        'UPDATE case_follow_ups SET contacted_at = @contactedAt, contact_note = @contactNote, ' +
          'rectification = @rectification, outcome = @outcome, updated_by = @updatedBy WHERE id = @id AND closed_at IS NULL',
      ),
      closeFollowUp: p(
        'UPDATE case_follow_ups SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL',
      ),
    }
  }

  /**
   * Rows of a supervision read: `sql` with `%d` where the district predicate goes (districtJsonPredicate), run
   * with `params` and the predicate's own last.
   */
  private scoped<T>(sql: string, districts: Districts, ...params: unknown[]): T[] {
    const within = districtJsonPredicate(districts)
    const text = sql.replace('%d', within.sql)
    let statement = this.scopedStatements.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      this.scopedStatements.set(text, statement)
    }
    return statement.all(...params, ...within.params) as T[]
  }

  /** Runs `fn` in one SQLite transaction (a savepoint when already inside one). */
  private transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  /** Opens a case with its first event (已受理); a case already open for the key is left as it is. */
  async insertCase(c: NewCase): Promise<boolean> {
    return this.transaction(() => {
      const { plan, ...row } = c
      const info = this.q.insertCase.run({
        ...row,
        calendarCovered: row.calendarCovered ? 1 : 0,
        channel: row.channel ?? TERMINAL_CHANNEL,
        agentHash: row.agentHash ?? null,
        planJson: JSON.stringify(plan),
        nextEventAt: plan[0]?.at ?? null,
      })
      if (info.changes === 0) return false
      this.q.insertEvent.run(c.districtCode, c.transactionKey, 0, '已受理', c.acceptedAt)
      return true
    })
  }

  /**
   * Opens many cases at once, each with its first event (已受理); cases already open for their key are left
   * as they are, in one transaction. Returns how many were opened.
   */
  async insertCases(cases: readonly NewCase[]): Promise<number> {
    return this.transaction(() => this.insertCasesNow(cases))
  }

  /** `insertCases` without a transaction of its own: SqliteStorage.ingest runs it in the batch's savepoint. */
  insertCasesNow(cases: readonly NewCase[]): number {
    if (cases.length === 0) return 0
    this.bulk ??= {
      cases: new BulkInsert<{ transactionKey: string }>(
        this.db,
        'INSERT OR IGNORE INTO cases (transaction_key, case_number, terminal_id, district_code, item_code, ' +
          'item_name_zh, item_name_en, kind, department, department_name_zh, department_name_en, subject_hash, ' +
          'accepted_at, accept_day, limit_days, limit_unit, due_day, calendar_covered, status, plan_json, ' +
          'next_event_at, channel, agent_hash)',
        23,
        'RETURNING transaction_key AS transactionKey',
      ),
      events: new BulkInsert(
        this.db,
        'INSERT OR IGNORE INTO case_events (district_code, transaction_key, seq, status, at)',
        5,
      ),
    }
    const opened = new Set(
      this.bulk.cases
        .run(
          cases.map((c) => [
            c.transactionKey,
            c.caseNumber,
            c.terminalId,
            c.districtCode,
            c.itemCode,
            c.itemNameZh,
            c.itemNameEn,
            c.kind,
            c.department,
            c.departmentNameZh,
            c.departmentNameEn,
            c.subjectHash,
            c.acceptedAt,
            c.acceptDay,
            c.limitDays,
            c.limitUnit,
            c.dueDay,
            c.calendarCovered ? 1 : 0,
            '已受理',
            JSON.stringify(c.plan),
            c.plan[0]?.at ?? null,
            c.channel ?? TERMINAL_CHANNEL,
            c.agentHash ?? null,
          ]),
        )
        .map((r) => r.transactionKey),
    )
    const events: unknown[][] = []
    for (const c of cases) {
      // A key twice in `cases`: only its first row opened a case.
      if (opened.delete(c.transactionKey))
        events.push([c.districtCode, c.transactionKey, 0, '已受理', c.acceptedAt])
    }
    this.bulk.events.run(events)
    return events.length
  }

  /** Reveals every planned event whose time has come; returns how many cases moved. */
  async advanceDue(nowIso: string): Promise<number> {
    return this.transaction(() => {
      const due = this.q.due.all(nowIso) as {
        districtCode: string
        transactionKey: string
        planJson: string
      }[]
      for (const d of due) {
        const plan = JSON.parse(d.planJson) as CaseEvent[]
        // Event 0 is 已受理; planned event i is history entry i + 1 (already revealed ones are ignored).
        let status: CaseStatus | null = null
        let finishedAt: string | null = null
        let next: string | null = null
        plan.forEach((e, i) => {
          if (e.at <= nowIso) {
            this.q.insertEvent.run(d.districtCode, d.transactionKey, i + 1, e.status, e.at)
            status = e.status
            if (e.status === '办结' || e.status === '不予受理') finishedAt = e.at
          } else if (next === null) next = e.at
        })
        if (status) this.q.advance.run(status, finishedAt, next, d.transactionKey)
      }
      return due.length
    })
  }

  /** The status history, oldest first. */
  async events(transactionKey: string): Promise<CaseEvent[]> {
    return this.q.events.all(...twice(transactionKey)) as CaseEvent[]
  }
  private caseOf(transactionKey: string): CaseRow | undefined {
    const r = this.q.byKey.get(transactionKey) as Raw<CaseRow> | undefined
    return r ? toCase(r) : undefined
  }
  async byKey(transactionKey: string): Promise<CaseRow | undefined> {
    return this.caseOf(transactionKey)
  }
  /** Department references are not unique across years, so a number may match more than one case. */
  async byNumber(caseNumber: string): Promise<CaseRow[]> {
    return (this.q.byNumber.all(caseNumber) as Raw<CaseRow>[]).map(toCase)
  }
  async bySubject(subjectHash: string, limit = 20): Promise<CaseRow[]> {
    return (this.q.bySubject.all(subjectHash, limit) as Raw<CaseRow>[]).map(toCase)
  }
  /** Cases still 已受理 or 办理中. */
  async openCases(districts?: Districts): Promise<CaseRow[]> {
    return this.scoped<Raw<CaseRow>>(
      `SELECT ${CASE_COLUMNS} FROM cases WHERE status IN ('已受理', '办理中')%d`,
      districts,
    ).map(toCase)
  }
  /** Cases whose due day lies in [fromDay, beforeDay) and that were not refused. */
  async dueBetween(fromDay: string, beforeDay: string, districts?: Districts): Promise<CaseRow[]> {
    return this.scoped<Raw<CaseRow>>(
      `SELECT ${CASE_COLUMNS} FROM cases WHERE status != '不予受理' AND due_day < ? AND due_day >= ?%d`,
      districts,
      beforeDay,
      fromDay,
    ).map(toCase)
  }
  async overdueBetween(fromDay: string, beforeDay: string, districts?: Districts): Promise<CaseRow[]> {
    return this.scoped<Raw<CaseRow>>(
      `SELECT ${CASE_COLUMNS} FROM cases WHERE status != '不予受理' AND due_day < ? AND due_day >= ? ` +
        'AND (finished_at IS NULL OR finished_at >= due_day || ?)%d',
      districts,
      beforeDay,
      fromDay,
      DUE_DAY_END_UTC,
    ).map(toCase)
  }
  /** Cases accepted on days in [from, to]. */
  async acceptedBetween(from: string, to: string, districts?: Districts): Promise<CaseRow[]> {
    return this.scoped<Raw<CaseRow>>(
      `SELECT ${CASE_COLUMNS} FROM cases WHERE accept_day BETWEEN ? AND ?%d`,
      districts,
      from,
      to,
    ).map(toCase)
  }
  async ratingCounts(from: string, to: string, districts?: Districts): Promise<RatingCount[]> {
    return this.scoped<RatingCount>(
      'SELECT district_code AS districtCode, channel, rating, count(*) AS cases FROM cases ' +
        'WHERE accept_day BETWEEN ? AND ?%d GROUP BY district_code, channel, rating',
      districts,
      from,
      to,
    )
  }

  async byKeys(transactionKeys: readonly string[]): Promise<CaseRow[]> {
    return (this.q.byKeys.all(JSON.stringify(transactionKeys)) as Raw<CaseRow>[]).map(toCase)
  }

  /** Reported status changes in one transaction: all stored, or none (rolled back) when one is refused. */
  async reportEvents(events: readonly ReportedEvent[]): Promise<EventsReported> {
    const refused = new Error('refused')
    let answer: EventsReported | undefined
    try {
      this.transaction(() => {
        const outcomes: ('stored' | 'replayed')[] = []
        for (const [index, e] of events.entries()) {
          const current = this.caseOf(e.transactionKey)
          const verdict = judgeEvent(current, this.q.events.all(...twice(e.transactionKey)) as CaseEvent[], e)
          if (verdict !== 'stored' && verdict !== 'replayed') {
            answer = { ok: false, index, refusal: verdict }
            throw refused
          }
          if (verdict === 'stored') {
            const { seq } = this.q.lastSeq.get(...twice(e.transactionKey)) as { seq: number }
            this.q.insertEvent.run(current!.districtCode, e.transactionKey, seq + 1, e.status, e.at)
            const final = e.status === '办结' || e.status === '不予受理'
            this.q.report.run(e.status, final ? e.at : null, e.transactionKey)
          }
          outcomes.push(verdict)
        }
        answer = { ok: true, outcomes }
      })
    } catch (error) {
      if (error !== refused) throw error
    }
    return answer!
  }

  /** 一事一评 in one transaction: the rating (only on an unrated case), and a bad rating's follow-up. */
  async rate(r: RatingWrite): Promise<RatingWritten> {
    return this.transaction(() => this.rateNow(r))
  }

  /** Many ratings in one transaction (one commit for an intake page instead of one per rating). */
  async rateAll(writes: readonly RatingWrite[]): Promise<RatingWritten[]> {
    return this.transaction(() => writes.map((r) => this.rateNow(r)))
  }

  private rateNow(r: RatingWrite): RatingWritten {
    const stored = this.q.rate.run(r.level, r.at, r.ratingKey, r.transactionKey).changes === 1
    if (!stored)
      return {
        stored,
        current: this.caseOf(r.transactionKey),
        followUp: this.followUpNow(r.transactionKey),
      }
    const f = r.followUp
    if (f) {
      // At most one per case (INSERT OR IGNORE).
      this.q.insertFollowUp.run(
        r.level,
        r.at,
        f.openDay,
        f.dueDay,
        f.calendarCovered ? 1 : 0,
        r.transactionKey,
      )
    }
    return { stored, followUp: this.followUpNow(r.transactionKey) }
  }
  async followUp(id: number, districts?: Districts): Promise<FollowUpRow | undefined> {
    return this.followUpWithin(id, districts)
  }
  private followUpWithin(id: number, districts: Districts): FollowUpRow | undefined {
    const [r] = this.scoped<Raw<FollowUpRow>>(
      `SELECT ${FOLLOW_UP_COLUMNS} FROM case_follow_ups WHERE id = ?%d`,
      districts,
      id,
    )
    return r ? toFollowUp(r) : undefined
  }
  private followUpNow(transactionKey: string): FollowUpRow | undefined {
    const r = this.q.followUpOfCase.get(...twice(transactionKey)) as Raw<FollowUpRow> | undefined
    return r ? toFollowUp(r) : undefined
  }
  async followUpOfCase(transactionKey: string): Promise<FollowUpRow | undefined> {
    return this.followUpNow(transactionKey)
  }
  async followUps(which: 'open' | 'all', districts?: Districts): Promise<FollowUpRow[]> {
    const sql =
      which === 'open'
        ? `SELECT ${FOLLOW_UP_COLUMNS} FROM case_follow_ups WHERE closed_at IS NULL%d`
        : `SELECT ${FOLLOW_UP_COLUMNS} FROM case_follow_ups WHERE id > 0%d ORDER BY id DESC LIMIT 2000`
    return this.scoped<Raw<FollowUpRow>>(sql, districts).map(toFollowUp)
  }
  /** Records contact, rectification and outcome on an open follow-up; false when it is closed. */
  async updateFollowUp(
    f: Pick<FollowUpRow, 'id' | 'contactedAt' | 'contactNote' | 'rectification' | 'outcome' | 'updatedBy'>,
  ): Promise<boolean> {
    return this.q.updateFollowUp.run(f).changes === 1
  }
  /** Closes an open follow-up; false when it was closed already. */
  async closeFollowUp(id: number, at: string, by: string): Promise<boolean> {
    return this.q.closeFollowUp.run(at, by, id).changes === 1
  }
  async changeFollowUp(
    id: number,
    decide: (f: FollowUpRow) => FollowUpChange,
    districts?: Districts,
  ): Promise<FollowUpRow | undefined> {
    return this.transaction(() => {
      const before = this.followUpWithin(id, districts)
      if (!before) return undefined
      const change = decide(before)
      if (change.kind === 'update') this.q.updateFollowUp.run({ id, ...change.row })
      else this.q.closeFollowUp.run(change.at, change.by, id)
      return toFollowUp(this.q.followUp.get(id) as Raw<FollowUpRow>)
    })
  }
}
