/**
 * Cases carry their district (#15 item 5; SQLite migration 17, PostgreSQL 0009): cases, their events and
 * follow-ups written before the step are backfilled — a terminal's case from its transaction's district (else its
 * terminal's), another channel's case into the demo district — and keep their follow-up ids, with new ones
 * numbered after them. The same rows through both stores' migrations.
 */
import Database from 'better-sqlite3'
import type { Sql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { connectPostgres } from '../../mock-backend/src/db/postgres/connect'
import { migratePostgres, PG_MIGRATIONS } from '../../mock-backend/src/db/postgres/migrate'
import { MIGRATIONS, migrate } from '../../mock-backend/src/db/sqlite/migrations'
import { createTestDatabase, type TestDatabase } from '../fixtures/node/backend/postgres'

const ZIJIN = '441621'
const DAY = '2026-03-02'
const AT = `${DAY}T01:00:00.000Z`

/** Rows as a release before the step wrote them, table by table (columns by name). */
const BEFORE: readonly [string, Record<string, unknown>[]][] = [
  [
    'terminals',
    ['T-MOVED', 'T-GONE'].map((id) => ({
      id,
      name: id,
      location: '村委',
      groups_json: '[]',
      created_at: AT,
      district_code: ZIJIN,
    })),
  ],
  [
    'transactions',
    // Written while T-MOVED stood in the demo district; it was moved to 紫金县 since.
    [
      {
        key: 'k-moved',
        payload_hash: 'h',
        terminal_id: 'T-MOVED',
        district_code: DEMO_DISTRICT_CODE,
        session_id: 's',
        item_code: 'ITEM-A',
        department: 'DEPT-1',
        catalog_version: 1,
        created_at: AT,
        day: DAY,
        received_at: AT,
        result_json: '{}',
        reference: 'SB202603020001',
      },
    ],
  ],
  [
    'cases',
    [
      ['k-moved', 'T-MOVED', '自助终端'],
      // Its transaction is not there (a terminal's case whose record another store holds): its terminal's district.
      ['k-gone', 'T-GONE', '自助终端'],
      ['k-hall', 'hall-system', '窗口'],
    ].map(([key, terminal, channel]) => ({
      transaction_key: key,
      case_number: `N-${key}`,
      terminal_id: terminal,
      item_code: 'ITEM-A',
      item_name_zh: '事项',
      item_name_en: 'Item',
      kind: '申办',
      department: 'DEPT-1',
      department_name_zh: '部门',
      department_name_en: 'Department',
      accepted_at: AT,
      accept_day: DAY,
      limit_days: 5,
      limit_unit: 'working',
      due_day: '2026-03-09',
      calendar_covered: true,
      status: '已受理',
      plan_json: '[]',
      channel,
    })),
  ],
  [
    'case_events',
    ['k-moved', 'k-gone', 'k-hall'].map((key) => ({
      transaction_key: key,
      seq: 0,
      status: '已受理',
      at: AT,
    })),
  ],
  [
    'case_follow_ups',
    [
      { id: 7, key: 'k-gone' },
      { id: 9, key: 'k-hall' },
    ].map(({ id, key }) => ({
      id,
      transaction_key: key,
      level: 1,
      opened_at: AT,
      open_day: DAY,
      due_day: '2026-03-20',
      calendar_covered: true,
    })),
  ],
]

/** What the step leaves: each table's rows by key, with their district. */
const AFTER = {
  cases: [
    ['k-gone', ZIJIN],
    ['k-hall', DEMO_DISTRICT_CODE],
    ['k-moved', DEMO_DISTRICT_CODE],
  ],
  events: [
    ['k-gone', ZIJIN],
    ['k-hall', DEMO_DISTRICT_CODE],
    ['k-moved', DEMO_DISTRICT_CODE],
  ],
  followUps: [
    [7, 'k-gone', ZIJIN],
    [9, 'k-hall', DEMO_DISTRICT_CODE],
  ],
}

const SELECTS = {
  cases: 'SELECT transaction_key, district_code FROM cases ORDER BY transaction_key',
  events: 'SELECT transaction_key, district_code FROM case_events ORDER BY transaction_key',
  followUps: 'SELECT id, transaction_key, district_code FROM case_follow_ups ORDER BY id',
}
/** A new follow-up after the step (the case k-moved has none yet). */
const NEW_FOLLOW_UP =
  "INSERT INTO case_follow_ups (district_code, transaction_key, level, opened_at, open_day, due_day, calendar_covered) VALUES ('441602', 'k-moved', 1, 'x', 'x', 'x', true) RETURNING id"

describe('SQLite migration 17: cases carry their district', () => {
  it('backfills cases, events and follow-ups, keeps follow-up ids and numbers new ones after them', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 16),
    )
    for (const [table, rows] of BEFORE)
      for (const row of rows) {
        const columns = Object.keys(row)
        db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        ).run(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === true ? 1 : v])))
      }
    expect(
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 17),
      ),
    ).toBe(17)
    for (const [name, sql] of Object.entries(SELECTS))
      expect(db.prepare(sql).raw().all(), name).toEqual(AFTER[name as keyof typeof AFTER])
    expect(db.prepare(NEW_FOLLOW_UP).pluck().get()).toBe(10)
    // The key stays unique on its own: the same key in another district is refused.
    expect(() =>
      db
        .prepare(
          `INSERT INTO cases SELECT '${ZIJIN}', transaction_key, case_number, terminal_id, item_code, item_name_zh, item_name_en, kind, department, department_name_zh, department_name_en, subject_hash, accepted_at, accept_day, limit_days, limit_unit, due_day, calendar_covered, status, finished_at, plan_json, next_event_at, rating, rated_at, rating_key, channel FROM cases WHERE transaction_key = 'k-moved'`,
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed: cases.transaction_key/)
    expect(db.pragma('foreign_key_check')).toEqual([])
    db.close()
  })
})

describe('PostgreSQL migration 0009: cases carry their district', () => {
  let database: TestDatabase
  let sql: Sql
  beforeAll(async () => {
    database = await createTestDatabase()
    sql = connectPostgres(database.url, { max: 2 })
  })
  afterAll(async () => {
    await sql.end()
    await database.drop()
  })

  it('backfills cases, events and follow-ups, keeps follow-up ids and numbers new ones after them', async () => {
    await migratePostgres(
      sql,
      PG_MIGRATIONS.filter((m) => m.version <= 8),
    )
    for (const [table, rows] of BEFORE) {
      // Follow-up ids are an identity column: the rows keep the ids they had.
      const overriding = table === 'case_follow_ups' ? 'OVERRIDING SYSTEM VALUE' : ''
      for (const row of rows) {
        const columns = Object.keys(row)
        await sql.unsafe(
          `INSERT INTO ${table} (${columns.join(', ')}) ${overriding} VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          Object.values(row) as never[],
        )
      }
    }
    // The identity continues after the largest id, as a database that numbered them itself.
    await sql`SELECT setval(pg_get_serial_sequence('case_follow_ups', 'id'), 9)`
    expect(await migratePostgres(sql)).toBe(PG_MIGRATIONS.at(-1)!.version)
    for (const [name, text] of Object.entries(SELECTS))
      expect(await sql.unsafe(text).values(), name).toEqual(AFTER[name as keyof typeof AFTER])
    expect((await sql.unsafe(NEW_FOLLOW_UP).values())[0]).toEqual([10])
    const keys = await sql<{ conname: string; def: string }[]>`
      SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid IN ('cases'::regclass, 'case_events'::regclass, 'case_follow_ups'::regclass)
        AND contype IN ('p', 'u') ORDER BY conname`
    expect(keys.map((k) => [k.conname, k.def])).toEqual([
      ['case_events_pkey', 'PRIMARY KEY (district_code, transaction_key, seq)'],
      ['case_follow_ups_district_code_transaction_key_key', 'UNIQUE (district_code, transaction_key)'],
      ['case_follow_ups_id_key', 'UNIQUE (id)'],
      ['case_follow_ups_pkey', 'PRIMARY KEY (district_code, id)'],
      ['cases_pkey', 'PRIMARY KEY (district_code, transaction_key)'],
      ['cases_transaction_key_key', 'UNIQUE (transaction_key)'],
    ])
  })
})
