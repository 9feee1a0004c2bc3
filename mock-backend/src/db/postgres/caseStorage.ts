/**
 * 办件 (cases), their status history, ratings and follow-ups on PostgreSQL. No personal data: residents are found
 * only through a keyed hash of the ID number. Opening cases is also part of ingest's unit (openCases below).
 */
import type { Sql, TransactionSql } from 'postgres'
import type { CaseEvent } from '../../contract'
import { TERMINAL_CHANNEL } from '../../contract/constants'
import type { CaseRow, Districts, FollowUpChange, FollowUpRow, NewCase, RatingCount } from '../caseRows'
import { DUE_DAY_END_UTC } from '../caseRows'
import type { CaseStorage } from '../storage'
import type { EventsReported, RatingWrite, RatingWritten, ReportedEvent } from '../unitsOfWork'
import { judgeEvent } from '../unitsOfWork'
import { inDistricts } from './districtSql'

/** Where a statement runs: the pool, or an open transaction. */
type Db = Sql | TransactionSql

/** How many due cases one advance takes (the next call takes the rest). */
const ADVANCE_BATCH = 5000

const CASE_COLUMNS = (sql: Db) => sql`
  transaction_key, case_number, terminal_id, district_code, item_code, item_name_zh, item_name_en, kind, department,
  department_name_zh, department_name_en, subject_hash, accepted_at, accept_day, limit_days, limit_unit, due_day,
  calendar_covered, status, finished_at, rating, rated_at, rating_key, channel`
const FOLLOW_UP_COLUMNS = (sql: Db) => sql`
  id, transaction_key, level, opened_at, open_day, due_day, calendar_covered, contacted_at, contact_note,
  rectification, outcome, updated_by, closed_at, closed_by`

/**
 * A case's rows in case_events or case_follow_ups by its key alone: their keys lead with the district, so the
 * case's district is read first (the cases' unique key), then the rows by their own key.
 */
function ofCase(db: Db, transactionKey: string) {
  return db`district_code = (SELECT district_code FROM cases WHERE transaction_key = ${transactionKey})
    AND transaction_key = ${transactionKey}`
}

/** The columns opening a case writes, named as the row's fields (the driver turns them to snake_case). */
const CASE_INSERT_COLUMNS = [
  'transactionKey',
  'caseNumber',
  'terminalId',
  'districtCode',
  'itemCode',
  'itemNameZh',
  'itemNameEn',
  'kind',
  'department',
  'departmentNameZh',
  'departmentNameEn',
  'subjectHash',
  'acceptedAt',
  'acceptDay',
  'limitDays',
  'limitUnit',
  'dueDay',
  'calendarCovered',
  'status',
  'planJson',
  'nextEventAt',
  'channel',
  'agentHash',
] as const

/**
 * Opens many cases in one statement, each with its first event (已受理); returns how many were opened. A key
 * already stored is skipped whichever of its unique keys it meets (no conflict target): the key alone here, or
 * (district_code, transaction_key) once the citus step has dropped the global one (migration 0009).
 */
export async function openCases(tx: Db, cases: readonly NewCase[]): Promise<number> {
  if (cases.length === 0) return 0
  const rows = cases.map(({ plan, ...c }) => ({
    ...c,
    channel: c.channel ?? TERMINAL_CHANNEL,
    agentHash: c.agentHash ?? null,
    status: '已受理',
    planJson: JSON.stringify(plan),
    nextEventAt: plan[0]?.at ?? null,
  }))
  const opened = await tx<{ transactionKey: string }[]>`
    INSERT INTO cases ${tx(rows, CASE_INSERT_COLUMNS)} ON CONFLICT DO NOTHING RETURNING transaction_key`
  const keys = new Set(opened.map((r) => r.transactionKey))
  // A key twice in `cases`: only its first row opened a case.
  const events = cases
    .filter((c) => keys.delete(c.transactionKey))
    .map((c) => ({
      districtCode: c.districtCode,
      transactionKey: c.transactionKey,
      seq: 0,
      status: '已受理',
      at: c.acceptedAt,
    }))
  if (events.length > 0) await tx`INSERT INTO case_events ${tx(events)} ON CONFLICT DO NOTHING`
  return events.length
}

/**
 * What a case's plan reveals by `nowIso`: planned event i is history entry i + 1 (event 0 is 已受理; entries
 * already stored are skipped on insert), the finish time of the last finishing event revealed, and the time of
 * the first event still to come.
 */
export function revealed(plan: readonly CaseEvent[], nowIso: string) {
  const events = plan.flatMap((e, i) => (e.at <= nowIso ? [{ seq: i + 1, status: e.status, at: e.at }] : []))
  const finished = events.findLast((e) => e.status === '办结' || e.status === '不予受理')
  return { events, finishedAt: finished?.at ?? null, next: plan.find((e) => e.at > nowIso)?.at ?? null }
}

/** Writes a follow-up change if the follow-up is still open; answers the rows changed (0 or 1). */
async function writeFollowUp(db: Db, id: number, change: FollowUpChange): Promise<number> {
  if (change.kind === 'close') {
    const closed = await db`
      UPDATE case_follow_ups SET closed_at = ${change.at}, closed_by = ${change.by} WHERE id = ${id} AND closed_at IS NULL`
    return closed.count
  }
  const f = change.row
  const updated = await db`
    UPDATE case_follow_ups SET contacted_at = ${f.contactedAt}, contact_note = ${f.contactNote},
      rectification = ${f.rectification}, outcome = ${f.outcome}, updated_by = ${f.updatedBy}
    WHERE id = ${id} AND closed_at IS NULL`
  return updated.count
}

/** Cases, events, ratings and follow-ups over one pooled `sql`. */
export class PostgresCaseStorage implements CaseStorage {
  constructor(private readonly sql: Sql) {}

  private cases(where: ReturnType<Sql>, db: Db = this.sql): Promise<CaseRow[]> {
    return db<CaseRow[]>`SELECT ${CASE_COLUMNS(db)} FROM cases ${where}`.then((rows) => [...rows])
  }
  private followUpsWhere(where: ReturnType<Sql>, db: Db = this.sql): Promise<FollowUpRow[]> {
    return db<FollowUpRow[]>`SELECT ${FOLLOW_UP_COLUMNS(db)} FROM case_follow_ups ${where}`.then((rows) => [
      ...rows,
    ])
  }

  async insertCase(c: NewCase): Promise<boolean> {
    return (await this.insertCases([c])) === 1
  }
  insertCases(cases: readonly NewCase[]): Promise<number> {
    if (cases.length === 0) return Promise.resolve(0)
    return this.sql.begin((tx) => openCases(tx, cases))
  }

  /** Due cases are locked and skipped by a second node advancing at the same time. */
  advanceDue(nowIso: string): Promise<number> {
    return this.sql.begin(async (tx) => {
      const due = await tx<{ districtCode: string; transactionKey: string; planJson: string }[]>`
        SELECT district_code, transaction_key, plan_json FROM cases WHERE next_event_at IS NOT NULL AND next_event_at <= ${nowIso}
        ORDER BY next_event_at LIMIT ${ADVANCE_BATCH} FOR UPDATE SKIP LOCKED`
      const steps = due.map((d) => ({
        district: d.districtCode,
        key: d.transactionKey,
        ...revealed(JSON.parse(d.planJson), nowIso),
      }))
      const events = steps.flatMap((s) =>
        s.events.map((e) => ({ districtCode: s.district, transactionKey: s.key, ...e })),
      )
      const moves = steps.flatMap((s) => {
        const last = s.events.at(-1)
        return last
          ? [
              {
                district: s.district,
                key: s.key,
                status: last.status,
                finished_at: s.finishedAt,
                next_event_at: s.next,
              },
            ]
          : []
      })
      if (events.length > 0) await tx`INSERT INTO case_events ${tx(events)} ON CONFLICT DO NOTHING`
      if (moves.length > 0)
        await tx`
          UPDATE cases SET status = m.status, finished_at = m.finished_at, next_event_at = m.next_event_at
          FROM (SELECT * FROM jsonb_to_recordset(${tx.json(moves)})
            AS x(district text, key text, status text, finished_at text, next_event_at text)) AS m
          WHERE cases.district_code = m.district AND cases.transaction_key = m.key`
      return due.length
    })
  }

  async events(transactionKey: string): Promise<CaseEvent[]> {
    return [
      ...(await this.sql<CaseEvent[]>`
        SELECT status, at FROM case_events WHERE ${ofCase(this.sql, transactionKey)} ORDER BY seq`),
    ]
  }
  async byKey(transactionKey: string): Promise<CaseRow | undefined> {
    return (await this.cases(this.sql`WHERE transaction_key = ${transactionKey}`))[0]
  }
  byNumber(caseNumber: string): Promise<CaseRow[]> {
    return this.cases(this.sql`WHERE case_number = ${caseNumber} ORDER BY accepted_at DESC LIMIT 10`)
  }
  bySubject(subjectHash: string, limit = 20): Promise<CaseRow[]> {
    return this.cases(this.sql`WHERE subject_hash = ${subjectHash} ORDER BY accepted_at DESC LIMIT ${limit}`)
  }
  openCases(districts?: Districts): Promise<CaseRow[]> {
    return this.cases(this.sql`WHERE status IN ('已受理', '办理中') ${inDistricts(this.sql, districts)}`)
  }
  dueBetween(fromDay: string, beforeDay: string, districts?: Districts): Promise<CaseRow[]> {
    return this.cases(
      this.sql`WHERE status <> '不予受理' AND due_day < ${beforeDay} AND due_day >= ${fromDay}
        ${inDistricts(this.sql, districts)}`,
    )
  }
  overdueBetween(fromDay: string, beforeDay: string, districts?: Districts): Promise<CaseRow[]> {
    return this.cases(
      this.sql`WHERE status <> '不予受理' AND due_day < ${beforeDay} AND due_day >= ${fromDay}
        AND (finished_at IS NULL OR finished_at >= due_day || ${DUE_DAY_END_UTC}) ${inDistricts(this.sql, districts)}`,
    )
  }
  acceptedBetween(from: string, to: string, districts?: Districts): Promise<CaseRow[]> {
    return this.cases(
      this.sql`WHERE accept_day BETWEEN ${from} AND ${to} ${inDistricts(this.sql, districts)}`,
    )
  }
  async ratingCounts(from: string, to: string, districts?: Districts): Promise<RatingCount[]> {
    const rows = await this.sql<RatingCount[]>`
      SELECT district_code, channel, rating, count(*)::int AS cases FROM cases
      WHERE accept_day BETWEEN ${from} AND ${to} ${inDistricts(this.sql, districts)}
      GROUP BY district_code, channel, rating`
    return [...rows]
  }

  byKeys(transactionKeys: readonly string[]): Promise<CaseRow[]> {
    if (transactionKeys.length === 0) return Promise.resolve([])
    return this.cases(this.sql`WHERE transaction_key IN ${this.sql(transactionKeys)}`)
  }

  /** Reported status changes in one transaction, the cases locked: all stored, or none when one is refused. */
  async reportEvents(events: readonly ReportedEvent[]): Promise<EventsReported> {
    const refused = new Error('refused')
    let answer: EventsReported | undefined
    await this.sql
      .begin(async (tx) => {
        const outcomes: ('stored' | 'replayed')[] = []
        for (const [index, e] of events.entries()) {
          const [c] = await this.cases(tx`WHERE transaction_key = ${e.transactionKey} FOR UPDATE`, tx)
          const history = await tx<{ seq: number; status: string; at: string }[]>`
            SELECT seq, status, at FROM case_events
            WHERE district_code = ${c?.districtCode ?? null} AND transaction_key = ${e.transactionKey} ORDER BY seq`
          const verdict = judgeEvent(c, history, e)
          if (verdict !== 'stored' && verdict !== 'replayed') {
            answer = { ok: false, index, refusal: verdict }
            throw refused
          }
          if (verdict === 'stored') {
            const seq = (history.at(-1)?.seq ?? 0) + 1
            await tx`INSERT INTO case_events (district_code, transaction_key, seq, status, at)
              VALUES (${c!.districtCode}, ${e.transactionKey}, ${seq}, ${e.status}, ${e.at})`
            const final = e.status === '办结' || e.status === '不予受理'
            await tx`UPDATE cases SET status = ${e.status}, finished_at = ${final ? e.at : null}
              WHERE transaction_key = ${e.transactionKey}`
          }
          outcomes.push(verdict)
        }
        answer = { ok: true, outcomes }
      })
      .catch((error: unknown) => {
        if (error !== refused) throw error
      })
    return answer!
  }

  /** The rating and the follow-up a bad one opens commit together; a second rating of the case is refused. */
  rate(r: RatingWrite): Promise<RatingWritten> {
    return this.sql.begin((tx) => this.rateIn(tx, r))
  }

  /** Many ratings in one transaction, each as `rate`, in order. */
  rateAll(writes: readonly RatingWrite[]): Promise<RatingWritten[]> {
    return this.sql.begin(async (tx) => {
      const written: RatingWritten[] = []
      for (const r of writes) written.push(await this.rateIn(tx, r))
      return written
    })
  }

  private async rateIn(tx: TransactionSql, r: RatingWrite): Promise<RatingWritten> {
    const rated = await tx`
      UPDATE cases SET rating = ${r.level}, rated_at = ${r.at}, rating_key = ${r.ratingKey}
      WHERE transaction_key = ${r.transactionKey} AND rating IS NULL`
    if (rated.count === 1 && r.followUp)
      // The follow-up stands in its case's district.
      await tx`
        INSERT INTO case_follow_ups (district_code, transaction_key, level, opened_at, open_day, due_day,
          calendar_covered)
        SELECT district_code, transaction_key, ${r.level}, ${r.at}, ${r.followUp.openDay}, ${r.followUp.dueDay},
          ${r.followUp.calendarCovered} FROM cases WHERE transaction_key = ${r.transactionKey}
        ON CONFLICT DO NOTHING`
    const [followUp] = await this.followUpsWhere(tx`WHERE ${ofCase(tx, r.transactionKey)}`, tx)
    if (rated.count === 1) return { stored: true, followUp }
    const [current] = await this.cases(tx`WHERE transaction_key = ${r.transactionKey}`, tx)
    return { stored: false, current, followUp }
  }

  async followUp(id: number, districts?: Districts): Promise<FollowUpRow | undefined> {
    return (await this.followUpsWhere(this.sql`WHERE id = ${id} ${inDistricts(this.sql, districts)}`))[0]
  }
  async followUpOfCase(transactionKey: string): Promise<FollowUpRow | undefined> {
    return (await this.followUpsWhere(this.sql`WHERE ${ofCase(this.sql, transactionKey)}`))[0]
  }
  followUps(which: 'open' | 'all', districts?: Districts): Promise<FollowUpRow[]> {
    const within = inDistricts(this.sql, districts)
    return this.followUpsWhere(
      which === 'open'
        ? this.sql`WHERE closed_at IS NULL ${within}`
        : this.sql`WHERE id > 0 ${within} ORDER BY id DESC LIMIT 2000`,
    )
  }
  async updateFollowUp(
    f: Pick<FollowUpRow, 'id' | 'contactedAt' | 'contactNote' | 'rectification' | 'outcome' | 'updatedBy'>,
  ): Promise<boolean> {
    return (await writeFollowUp(this.sql, f.id, { kind: 'update', row: f })) === 1
  }
  async closeFollowUp(id: number, at: string, by: string): Promise<boolean> {
    return (await writeFollowUp(this.sql, id, { kind: 'close', at, by })) === 1
  }
  /** The row locked FOR UPDATE: another node's change waits until this one commits, then reads it. */
  changeFollowUp(
    id: number,
    decide: (f: FollowUpRow) => FollowUpChange,
    districts?: Districts,
  ): Promise<FollowUpRow | undefined> {
    return this.sql.begin(async (tx) => {
      const [before] = await this.followUpsWhere(
        tx`WHERE id = ${id} ${inDistricts(tx, districts)} FOR UPDATE`,
        tx,
      )
      if (!before) return undefined
      const change = decide(before)
      await writeFollowUp(tx, id, change)
      return (await this.followUpsWhere(tx`WHERE id = ${id}`, tx))[0]
    })
  }
}
