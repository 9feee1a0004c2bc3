/**
 * Every growing table's keys include the district (#15 item 5; SQLite migration 19, PostgreSQL 0012): rows written
 * before the step keep their rows and districts — quarantine and floors take their day's counters' district, else
 * their terminal's; call-back tasks their terminal's, else the demo district — reference numbers are copied into
 * reference_numbers, the rollups stay exact and keep following their source rows, SQLite keeps the transactions'
 * rowids (the reports' change tracking), and the keys are the ones stated. The same rows through both stores.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { migratePostgres, PG_MIGRATIONS } from '../../mock-backend/src/db/postgres/migrate'
import { MIGRATIONS, migrate } from '../../mock-backend/src/db/sqlite/migrations'
import {
  type OlderRows,
  postgresWithOlderRows,
  sqliteWithOlderRows,
} from '../fixtures/node/backend/olderRows'
import { useTestDatabase } from '../fixtures/node/backend/useTestDatabase'

const ZIJIN = '441621'
const DAY = '2026-03-02'
const LATER = '2026-03-03'
const AT = `${DAY}T01:00:00.000Z`

const transaction = (key: string, districtCode: string, reference: string | null) => ({
  key,
  payload_hash: 'h',
  terminal_id: 'T-MOVED',
  district_code: districtCode,
  session_id: 's',
  item_code: 'ITEM-A',
  department: 'DEPT-1',
  catalog_version: 1,
  created_at: AT,
  day: DAY,
  received_at: AT,
  result_json: '{}',
  reference,
})
const counter = (day: string, metric: string, value: number) => ({
  terminal_id: 'T-MOVED',
  district_code: DEMO_DISTRICT_CODE,
  day,
  item_code: 'ITEM-A',
  metric,
  value,
})
const held = (day: string) => ({ terminal_id: 'T-MOVED', day, item_code: 'ITEM-A', metric: 'views' })

/**
 * Rows as a release before the step wrote them: T-MOVED counted its 2 March in the demo district and was moved
 * to 紫金县 since; its 3 March has a quarantined value and a floor but no counters.
 */
const BEFORE: OlderRows = [
  [
    'terminals',
    [{ id: 'T-MOVED', name: 'T', location: '村委', groups_json: '[]', created_at: AT, district_code: ZIJIN }],
  ],
  [
    'transactions',
    [
      transaction('k-1', DEMO_DISTRICT_CODE, 'SB2026030200001'),
      transaction('k-2', ZIJIN, 'SB2026030200002'),
      transaction('k-3', ZIJIN, null),
    ],
  ],
  ['counters', [counter(DAY, 'views', 5), counter(DAY, 'starts', 2)]],
  [
    'counter_quarantine',
    [DAY, LATER].map((day) => ({ ...held(day), value: 999, times: 1, first_at: AT, last_at: AT })),
  ],
  ['counter_floors', [DAY, LATER].map((day) => ({ ...held(day), floor: 4, set_at: AT, set_by: 'admin' }))],
  [
    'help_calls',
    [
      {
        call_id: '00000000-0000-4000-8000-000000000001',
        terminal_id: 'T-MOVED',
        district_code: DEMO_DISTRICT_CODE,
        day: DAY,
        started_at: AT,
        wait_ms: 1,
        duration_ms: 2,
        answered: true,
      },
    ],
  ],
  [
    'callback_tasks',
    [
      ['cb-moved', 'T-MOVED'],
      ['cb-gone', 'T-GONE'],
    ].map(([key, terminal]) => ({
      key,
      terminal_id: terminal,
      requested_at: AT,
      masked_phone: '138****5678',
    })),
  ],
]

/** What the step leaves, table by table, with each row's district. */
const AFTER = {
  transactions: [
    ['k-1', DEMO_DISTRICT_CODE],
    ['k-2', ZIJIN],
    ['k-3', ZIJIN],
  ],
  references: [
    ['SB2026030200001', DEMO_DISTRICT_CODE, 'k-1'],
    ['SB2026030200002', ZIJIN, 'k-2'],
  ],
  counters: [
    [DAY, 'starts', DEMO_DISTRICT_CODE, 2],
    [DAY, 'views', DEMO_DISTRICT_CODE, 5],
  ],
  quarantine: [
    [DAY, DEMO_DISTRICT_CODE],
    [LATER, ZIJIN],
  ],
  floors: [
    [DAY, DEMO_DISTRICT_CODE],
    [LATER, ZIJIN],
  ],
  calls: [['00000000-0000-4000-8000-000000000001', DEMO_DISTRICT_CODE]],
  tasks: [
    ['cb-gone', DEMO_DISTRICT_CODE],
    ['cb-moved', ZIJIN],
  ],
  rollup: [[DEMO_DISTRICT_CODE, DAY, 2, 5, 2]],
}

const SELECTS = {
  transactions: 'SELECT key, district_code FROM transactions ORDER BY key',
  references: 'SELECT reference, district_code, transaction_key FROM reference_numbers ORDER BY reference',
  counters: 'SELECT day, metric, district_code, value FROM counters ORDER BY day, metric',
  quarantine: 'SELECT day, district_code FROM counter_quarantine ORDER BY day',
  floors: 'SELECT day, district_code FROM counter_floors ORDER BY day',
  calls: 'SELECT call_id, district_code FROM help_calls ORDER BY call_id',
  tasks: 'SELECT key, district_code FROM callback_tasks ORDER BY key',
  rollup: 'SELECT district_code, day, rows, views, starts FROM counter_daily ORDER BY district_code, day',
}

/** Writes after the step that its keys must refuse, each with the reason. */
const REFUSED = {
  'a record key is unique in the province': `INSERT INTO transactions (key, payload_hash, terminal_id, district_code, session_id, item_code, department, catalog_version, created_at, day, received_at, result_json) SELECT key, payload_hash, terminal_id, '${ZIJIN}', session_id, item_code, department, catalog_version, created_at, day, received_at, result_json FROM transactions WHERE key = 'k-1'`,
  'a reference number is unique in the province': `INSERT INTO reference_numbers (reference, district_code, transaction_key) VALUES ('SB2026030200001', '${ZIJIN}', 'k-3')`,
  'a call-back task key is unique in the province': `INSERT INTO callback_tasks (district_code, key, terminal_id, requested_at, masked_phone) VALUES ('${ZIJIN}', 'cb-gone', 'T-GONE', 'x', 'x')`,
}

/** After the step, a counter row deleted is followed by its rollup (the triggers were created again). */
const DELETE_VIEWS = `DELETE FROM counters WHERE metric = 'views'`
const ROLLUP_AFTER_DELETE = [[DEMO_DISTRICT_CODE, DAY, 1, 0, 2]]

describe('SQLite migration 19: the keys of every growing table include the district', () => {
  it('keeps every row in its district, backfills the rest, keeps rowids and rollups, and enforces the keys', () => {
    const db = sqliteWithOlderRows(17, BEFORE)
    const rowids = db.prepare('SELECT rowid, key FROM transactions ORDER BY rowid').raw().all()
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version)
    for (const [name, sql] of Object.entries(SELECTS))
      expect(db.prepare(sql).raw().all(), name).toEqual(AFTER[name as keyof typeof AFTER])
    expect(db.prepare('SELECT rowid, key FROM transactions ORDER BY rowid').raw().all()).toEqual(rowids)
    for (const [why, sql] of Object.entries(REFUSED))
      expect(() => db.prepare(sql).run(), why).toThrow(/UNIQUE constraint failed/)
    db.prepare(DELETE_VIEWS).run()
    expect(db.prepare(SELECTS.rollup).raw().all()).toEqual(ROLLUP_AFTER_DELETE)
    const keyOf = (table: string) =>
      db.prepare(`SELECT name FROM pragma_table_info('${table}') WHERE pk > 0 ORDER BY pk`).pluck().all()
    expect(keyOf('transactions')).toEqual(['district_code', 'key'])
    expect(keyOf('counters')).toEqual(['district_code', 'terminal_id', 'day', 'item_code', 'metric'])
    expect(keyOf('counter_quarantine')).toEqual([
      'district_code',
      'terminal_id',
      'day',
      'item_code',
      'metric',
    ])
    expect(keyOf('counter_floors')).toEqual(['district_code', 'terminal_id', 'day', 'item_code', 'metric'])
    expect(keyOf('help_calls')).toEqual(['district_code', 'call_id'])
    expect(keyOf('callback_tasks')).toEqual(['district_code', 'key'])
    expect(keyOf('reference_numbers')).toEqual(['reference'])
  })
})

describe('PostgreSQL migration 0012: the keys of every growing table include the district', () => {
  const pg = useTestDatabase()

  it('keeps every row in its district, backfills the rest, keeps the rollups, and enforces the keys', async () => {
    const { sql } = pg
    await postgresWithOlderRows(sql, 10, BEFORE)
    expect(await migratePostgres(sql)).toBe(PG_MIGRATIONS.at(-1)!.version)
    for (const [name, text] of Object.entries(SELECTS))
      expect(await sql.unsafe(text).values(), name).toEqual(AFTER[name as keyof typeof AFTER])
    for (const [why, text] of Object.entries(REFUSED))
      await expect(sql.unsafe(text), why).rejects.toThrow(/duplicate key value violates unique constraint/)
    await sql.unsafe(DELETE_VIEWS)
    expect(await sql.unsafe(SELECTS.rollup).values()).toEqual(ROLLUP_AFTER_DELETE)
    const keys = await sql<{ conname: string; def: string }[]>`
      SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid IN ('transactions'::regclass, 'counters'::regclass, 'counter_quarantine'::regclass,
          'counter_floors'::regclass, 'help_calls'::regclass, 'callback_tasks'::regclass,
          'reference_numbers'::regclass)
        AND contype IN ('p', 'u') ORDER BY conname`
    expect(keys.map((k) => [k.conname, k.def])).toEqual([
      ['callback_tasks_key_key', 'UNIQUE (key)'],
      ['callback_tasks_pkey', 'PRIMARY KEY (district_code, key)'],
      ['counter_floors_pkey', 'PRIMARY KEY (district_code, terminal_id, day, item_code, metric)'],
      ['counter_quarantine_pkey', 'PRIMARY KEY (district_code, terminal_id, day, item_code, metric)'],
      ['counters_pkey', 'PRIMARY KEY (district_code, terminal_id, day, item_code, metric)'],
      ['help_calls_pkey', 'PRIMARY KEY (district_code, call_id)'],
      ['reference_numbers_pkey', 'PRIMARY KEY (reference)'],
      ['transactions_key_key', 'UNIQUE (key)'],
      ['transactions_pkey', 'PRIMARY KEY (district_code, key)'],
    ])
  })
})
