/**
 * Ready to distribute (#15 item 5): every query the PostgreSQL store sends to a table that grows with use carries a
 * district predicate (`district_code = …` / `IN (…)`, or an INSERT naming the district column), so a store
 * distributed by district_code (citus, migration 0009) routes it to the district's node. The queries are the real
 * ones: the store runs a workload of every case, report and counter method on a driver that records each query's
 * text. What may go without is listed below, each entry with its reason: the province's roll-ups (the issue's
 * exception), and lookups that find a row's district by a key unique in the province (a record or task key, a
 * terminal's day) before the statements that name it, so a new query without a predicate fails here instead of
 * joining them unnoticed.
 */
import type { Sql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { connectPostgres } from '../../mock-backend/src/db/postgres/connect'
import { migratePostgres } from '../../mock-backend/src/db/postgres/migrate'
import { PostgresStorage } from '../../mock-backend/src/db/postgres/postgresStorage'
import type { GroupBy } from '../../mock-backend/src/db/reportRows'
import { GROWING_TABLES } from '../fixtures/node/backend/growingTables'
import { createTestDatabase, type TestDatabase } from '../fixtures/node/backend/postgres'
import { insertTownHall } from '../fixtures/node/backend/storeRows'
import { SUITE_DAY, SUITE_NOW, suiteCase, suiteRecord } from '../fixtures/node/backend/suiteRows'

/**
 * Queries on a growing table without a district predicate, by a fragment of their text, with the reason.
 * `province`: a roll-up over every district, read by the province (allowed: the exception; on a distributed
 * store it runs on every node). `lookup`: finds a row's district by a key unique in the province (on a distributed
 * store it asks every node); what it reads or writes next names the district.
 */
const WITHOUT_DISTRICT: readonly { fragment: string; kind: 'province' | 'lookup'; why: string }[] = [
  // The province's roll-ups: daily counts, the per-day cache's fingerprints and change marks, its session sets.
  {
    fragment: 'from counter_daily where day between',
    kind: 'province',
    why: 'daily counts of the whole province (rollups)',
  },
  {
    fragment: 'from counter_daily_item where day between',
    kind: 'province',
    why: 'daily counts per item of the whole province',
  },
  {
    fragment: 'from counter_daily_terminal where day between',
    kind: 'province',
    why: 'daily counts per terminal of the whole province',
  },
  {
    fragment: 'from counters where day between',
    kind: 'province',
    why: 'daily counts per terminal of one department, province (terminal × item: the raw table)',
  },
  {
    fragment: 'from transaction_daily where day between',
    kind: 'province',
    why: 'transaction counts of the whole province',
  },
  {
    fragment: 'from transaction_daily_session where day between',
    kind: 'province',
    why: 'distinct sessions of the whole province',
  },
  {
    fragment: 'from transactions where written_by',
    kind: 'province',
    why: 'the province report cache: days changed since its mark',
  },
  {
    fragment: 'select reference from transactions where day =',
    kind: 'province',
    why: "the reference claims' seed: every number of a day in the province (a reference is unique province-wide)",
  },
  { fragment: 'count(*) as n from transactions', kind: 'province', why: 'records stored, province' },
  {
    fragment: 'from counter_quarantine q left join terminals t on t.id = q.terminal_id where true order by',
    kind: 'province',
    why: 'the quarantine of every district, province',
  },
  // The province's supervision: every district's cases.
  {
    fragment: "from cases where status in ('已受理', '办理中')",
    kind: 'province',
    why: 'warnings of the whole province',
  },
  {
    fragment: "from cases where status <> '不予受理' and due_day <",
    kind: 'province',
    why: 'yellow-card candidates of the whole province',
  },
  {
    fragment: 'from cases where accept_day between',
    kind: 'province',
    why: 'cases and 好差评 of the province',
  },
  {
    fragment: 'from case_follow_ups where closed_at is null',
    kind: 'province',
    why: 'open follow-ups, province',
  },
  { fragment: 'from case_follow_ups where id > 0', kind: 'province', why: 'all follow-ups, province' },
  {
    fragment: 'from case_follow_ups where id = $1 for update',
    kind: 'province',
    why: 'a province account edits any follow-up',
  },
  {
    fragment: 'from case_follow_ups where id = $1',
    kind: 'province',
    why: 'a province account reads any follow-up',
  },
  {
    fragment: 'from cases where next_event_at is not null',
    kind: 'province',
    why: 'the planned-history clock advances every district at once',
  },
  // 帮办: the help centre serves every district.
  { fragment: 'from help_calls where day between', kind: 'province', why: '帮办 figures of the province' },
  {
    fragment: 'from callback_tasks where closed_at is null or',
    kind: 'province',
    why: "the helpers' task list: the help centre calls back residents of every district",
  },
  {
    fragment: 'update callback_tasks set phone_sealed = null',
    kind: 'province',
    why: 'the retention job clears closed tasks’ numbers in every district',
  },
  // 电子身份证 attempts of a province account.
  { fragment: 'from eid_attempts where day between', kind: 'province', why: 'e-ID figures of the province' },
  // Lookups by a key unique in the province; the statements after them name the district they found.
  {
    fragment: 'from transactions where key',
    kind: 'lookup',
    why: 'ingest replays by record key (unique in the province)',
  },
  {
    fragment: 'from counters where terminal_id = $1 and day = any',
    kind: 'lookup',
    why: "the district a terminal's day stands in (counterDistricts.ts): then every counter statement names it",
  },
  { fragment: 'from callback_tasks where key =', kind: 'lookup', why: 'a call-back task by its key' },
  {
    fragment: 'from payment_orders where order_id =',
    kind: 'lookup',
    why: 'a payment order by its id (the kiosk’s UUID): then its updates name its district',
  },
  {
    fragment: 'from materials where record_key =',
    kind: 'lookup',
    why: "a record's materials by its key (unique in the province)",
  },
  {
    fragment: 'from materials m left join cases c on c.district_code = m.district_code',
    kind: 'province',
    why: 'the retention job finds the materials to purge in every district',
  },
  {
    fragment: 'from payment_orders where refund_of =',
    kind: 'lookup',
    why: 'the refund of a paid order, by the paid order’s id',
  },
  {
    fragment: "update payment_orders set status = 'timedout'",
    kind: 'province',
    why: 'the gateway times out the pending orders of every district at once',
  },
  {
    fragment: 'from payment_orders where day between $1 and $2 group by',
    kind: 'province',
    why: 'payment figures of the province',
  },
  {
    fragment: 'from cases where transaction_key =',
    kind: 'lookup',
    why: 'a case by its key (扫码续办, ratings)',
  },
  { fragment: 'from cases where transaction_key in', kind: 'lookup', why: 'cases by keys (intake replays)' },
  {
    fragment: 'from cases where case_number =',
    kind: 'lookup',
    why: 'lookup by 办件编号 typed on a terminal',
  },
  { fragment: 'from cases where subject_hash =', kind: 'lookup', why: 'lookup by ID card on a terminal' },
  { fragment: 'update cases set rating', kind: 'lookup', why: 'a rating names its case by key' },
  {
    fragment: 'update case_follow_ups set',
    kind: 'lookup',
    why: 'a follow-up written by its id, after the read in the same unit that checked its district',
  },
  { fragment: 'update cases set status', kind: 'lookup', why: 'a reported event names its case by key' },
]

const NOW = SUITE_NOW
const DAY = SUITE_DAY
const row = (key: string) => suiteRecord(key)
const newCase = (key: string) =>
  suiteCase(key, { plan: [{ status: '办理中', at: '2026-03-02T02:00:00.000Z' }] })

/** A query's text in one line, lower case, quotes dropped (the driver quotes the columns of `sql(rows)`). */
const normalise = (text: string) => text.replace(/\s+/g, ' ').replaceAll('"', '').trim().toLowerCase()

/** The growing tables a query reads or writes. */
function growingTablesOf(text: string): string[] {
  return GROWING_TABLES.filter((t) => new RegExp(`\\b(from|into|update|join) ${t}\\b`).test(text))
}

/** A district predicate, or an INSERT naming the district column (its rows go to their district's node). */
function carriesDistrict(text: string): boolean {
  if (/\bdistrict_code (=|in\b)/.test(text)) return true
  const insert = /^insert into \w+ (as \w+ )?\(([^)]*)\)/.exec(text)
  return insert !== null && /\bdistrict_code\b/.test(insert[2]!)
}

describe('PostgreSQL store queries on growing tables carry a district predicate', () => {
  let database: TestDatabase
  let sql: Sql
  let recording = false
  const queries = new Set<string>()

  beforeAll(async () => {
    database = await createTestDatabase()
    sql = connectPostgres(database.url, {
      max: 2,
      onQuery: (text) => {
        if (recording) queries.add(normalise(text))
      },
    })
    await migratePostgres(sql)
  })
  afterAll(async () => {
    await sql.end()
    await database.drop()
  })

  it('for every case, report, counter and 帮办 method, except the listed province roll-ups and key lookups', async () => {
    const store = new PostgresStorage(sql)
    await insertTownHall(store, NOW)
    recording = true
    // Ingest opening cases, a replay read, counters pushed, quarantined and reset.
    await store.ingest({ rows: [row('k-00001'), row('k-00002')], casesFor: () => [newCase('k-001')] })
    await store.getTransactionsByKey(['k-00001'])
    const c = (metric: string, value: number) => ({ day: DAY, itemCode: 'ITEM-A', metric, value })
    await store.counters.apply('T-1', [c('views', 4)], [c('starts', 999)], NOW)
    await store.counters.judgeAndApply('T-1', [DAY], () => ({ merge: [c('views', 5)], quarantine: [] }), NOW)
    await store.counters.quarantined(10)
    await store.counters.quarantined(10, [DEMO_DISTRICT_CODE])
    await store.counters.floors('T-1', [DAY])
    await store.counters.resetDay('T-1', DAY, 'admin', NOW)
    await store.mergeCounters('T-1', [c('views', 7)])
    // Reference numbers, the reference claims' seed, the province's count.
    await store.transactionsByReference(row('k-00001').reference!)
    await store.referencesOfDay(DAY)
    await store.countTransactions()
    // 帮办: a call record, the figures of a district and the province, a call-back task from asking to purge.
    const callRow = {
      callId: '00000000-0000-4000-8000-000000000001',
      terminalId: 'T-1',
      districtCode: DEMO_DISTRICT_CODE,
      day: DAY,
      startedAt: NOW,
      waitMs: 1,
      durationMs: 2,
      answered: true,
      missedReason: null,
      helper: 'helper',
      itemCode: null,
    }
    await store.helpDesk.recordCall(callRow)
    await store.helpDesk.callsBetween(DAY, DAY, [DEMO_DISTRICT_CODE])
    await store.helpDesk.callsBetween(DAY, DAY)
    const task = {
      key: 'cb-1',
      terminalId: 'T-1',
      districtCode: DEMO_DISTRICT_CODE,
      itemCode: null,
      requestedAt: NOW,
      maskedPhone: '138****5678',
      phoneSealed: 'v1.sealed',
    }
    await store.helpDesk.addCallback(task)
    await store.helpDesk.callback('cb-1')
    await store.helpDesk.takeCallback(task, 'helper', NOW)
    await store.helpDesk.closeCallback(task, 'helper', 'called_back', NOW)
    await store.helpDesk.callbacks(NOW)
    await store.helpDesk.purgeNumbers(NOW)
    // Payment orders: create, the paid notice, the record's link, a refund, the timeout sweep, the figures.
    const order = {
      orderId: '00000000-0000-4000-8000-0000000000a1',
      kind: 'payment' as const,
      refundOf: null,
      terminalId: 'T-1',
      districtCode: DEMO_DISTRICT_CODE,
      itemCode: 'PAY-1',
      lines: [{ subject: '本人', amountFen: 100 }],
      totalFen: 100,
      method: 'wechat' as const,
      qrText: 'qr',
      day: DAY,
      createdAt: NOW,
      expiresAt: '2026-03-02T09:00:00.000Z',
    }
    await store.orders.create(order)
    await store.orders.settle(order, 'paid', null, NOW)
    await store.orders.link(order, 'k-001')
    await store.orders.create({
      ...order,
      orderId: '00000000-0000-4000-8000-0000000000a2',
      kind: 'refund',
      refundOf: order.orderId,
    })
    await store.orders.refundOf(order.orderId)
    await store.orders.expire(NOW)
    await store.orders.figures(DAY, DAY, [DEMO_DISTRICT_CODE])
    await store.orders.figures(DAY, DAY)
    // 申请材料: a row and its database-kept bytes, read, listed, purged.
    const material = {
      districtCode: DEMO_DISTRICT_CODE,
      recordKey: 'k-001',
      contentHash: 'ab'.repeat(32),
      terminalId: 'T-1',
      itemCode: 'APPLY-1',
      material: '居民户口簿',
      mediaType: 'image/jpeg' as const,
      byteCount: 4,
      receivedAt: NOW,
      licence: null,
    }
    await store.materials.add(material, 12)
    await store.materials.putBytes(material, new Uint8Array([1, 2, 3]))
    await store.materials.find(material)
    await store.materials.getBytes(material)
    await store.materials.forRecord('k-001')
    await store.materials.purgeable(NOW, NOW)
    await store.materials.deleteBytes(material)
    await store.materials.remove([material])
    // Cases: the planned clock, lookups, ratings, reported events, follow-ups.
    await store.cases.insertCases([{ ...newCase('k-002'), channel: '窗口', plan: [] }])
    await store.cases.advanceDue('2026-03-03T00:00:00.000Z')
    await store.cases.events('k-001')
    await store.cases.byKey('k-001')
    await store.cases.byKeys(['k-001', 'k-002'])
    await store.cases.byNumber('SB2026030200001')
    await store.cases.bySubject('subject-k-001')
    await store.cases.reportEvents([
      { transactionKey: 'k-002', status: '办理中', at: '2026-03-02T03:00:00.000Z' },
    ])
    const followUp = { openDay: DAY, dueDay: '2026-03-20', calendarCovered: true }
    await store.cases.rate({ transactionKey: 'k-001', level: 1, at: NOW, ratingKey: 'r-1', followUp })
    await store.cases.rateAll([{ transactionKey: 'k-002', level: 5, at: NOW, ratingKey: 'r-2' }])
    await store.cases.followUpOfCase('k-001')
    // Supervision, of one district and of the province.
    for (const districts of [[DEMO_DISTRICT_CODE], undefined]) {
      await store.cases.openCases(districts)
      await store.cases.dueBetween(DAY, '2026-03-31', districts)
      await store.cases.overdueBetween(DAY, '2026-03-31', districts)
      await store.cases.acceptedBetween(DAY, DAY, districts)
      await store.cases.ratingCounts(DAY, DAY, districts)
      await store.cases.followUps('open', districts)
      await store.cases.followUps('all', districts)
      await store.cases.followUp(1, districts)
      const note = { contactedAt: NOW, contactNote: 'n', rectification: 'r', outcome: 'o', updatedBy: 'ops' }
      await store.cases.changeFollowUp(1, () => ({ kind: 'update', row: note }), districts)
    }
    // Daily counts of one district and of the province, every grouping; the province cache's reads.
    for (const districts of [[DEMO_DISTRICT_CODE], undefined])
      for (const by of ['day', 'item', 'department', 'terminal', 'district'] as GroupBy[])
        for (const span of ['day', 'range'] as const) {
          await store.reports.countsInputs({ from: DAY, to: DAY, by, span, districts })
          await store.reports.countsInputs({ from: DAY, to: DAY, by, span, districts, department: 'DEPT-1' })
        }
    await store.reports.counterPrints(DAY, DAY)
    const mark = await store.reports.transactionMark()
    await store.reports.transactionDaysAfter(mark)
    await store.reports.sessionsPerKey('item', DAY, DAY)
    // 电子身份证 attempts: counted in the terminal's district, read for a district and the province.
    await store.eid.countAttempt(DAY, DEMO_DISTRICT_CODE, 'accepted')
    await store.eid.attempts(DAY, DAY, [DEMO_DISTRICT_CODE])
    await store.eid.attempts(DAY, DAY, undefined)
    recording = false

    const onGrowing = [...queries].filter((q) => growingTablesOf(q).length > 0)
    // The workload reached every case table and the rollups (so the check is not vacuous).
    const reached = new Set(onGrowing.flatMap(growingTablesOf))
    for (const t of [
      'transactions',
      'counters',
      'counter_quarantine',
      'counter_floors',
      'cases',
      'case_events',
      'case_follow_ups',
      'transaction_daily',
      'help_calls',
      'callback_tasks',
      'payment_orders',
      'materials',
      'material_bytes',
    ])
      expect(reached, t).toContain(t)
    const unlisted = onGrowing.filter(
      (q) => !carriesDistrict(q) && !WITHOUT_DISTRICT.some((w) => q.includes(w.fragment)),
    )
    expect(unlisted).toEqual([])
    // Every supervision and report query of one district carries the predicate: none of them is on the list.
    const scoped = onGrowing.filter((q) => carriesDistrict(q))
    expect(scoped.some((q) => q.includes('from cases where status in'))).toBe(true)
    expect(scoped.some((q) => q.includes('from case_follow_ups where id = $1'))).toBe(true)
    expect(scoped.some((q) => q.startsWith('insert into case_events'))).toBe(true)
    // The counter tables, keyed by district now: every write and per-terminal read names it.
    for (const fragment of [
      'insert into counters',
      'insert into counter_quarantine',
      'insert into counter_floors',
      'delete from counters where district_code =',
      'delete from counter_quarantine where district_code =',
      'from counter_floors where district_code =',
      'update callback_tasks set taken_by',
      'update callback_tasks set closed_at',
      'insert into callback_tasks',
      'insert into help_calls',
      'from help_calls where day between',
      'from counter_quarantine q left join terminals t on t.id = q.terminal_id where true and q.district_code in',
      'from transactions where district_code =',
    ])
      expect(
        scoped.some((q) => q.includes(fragment)),
        fragment,
      ).toBe(true)
  })
})
