/**
 * The citus step (#15 item 5; the last block of PostgreSQL migrations 0009 and 0012). Citus is not in Debian, so
 * the blocks run here against stand-ins for citus's two functions, which record their calls: the real statements
 * of both blocks run, in order, on a migrated database. Then: every growing table is distributed by district_code,
 * co-located with the cases; reference_numbers by the reference; the tree and the province catalog are reference
 * tables; no unique key of a distributed table lacks its distribution column (citus refuses one); the rollups
 * are kept by row triggers (citus runs no statement trigger with transition tables on a distributed table), and
 * stay equal to a raw GROUP BY through the store's own ingest, counter merges, moves and deletes.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { migratePostgres } from '../../mock-backend/src/db/postgres/migrate'
import { PostgresStorage } from '../../mock-backend/src/db/postgres/postgresStorage'
import { GROWING_TABLES } from '../fixtures/node/backend/growingTables'
import { insertTownHall } from '../fixtures/node/backend/storeRows'
import { SUITE_DAY, SUITE_NOW, suiteRecord } from '../fixtures/node/backend/suiteRows'
import { useTestDatabase } from '../fixtures/node/backend/useTestDatabase'

const ZIJIN = '441621'
const MIGRATIONS_DIR = join(import.meta.dirname, '../../mock-backend/src/db/postgres/migrations')
const MATERIALS_MIGRATION = readdirSync(MIGRATIONS_DIR).find((f) => f.startsWith('0014-'))!
const GUARD =
  "  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN\n    RETURN;\n  END IF;\n"

/** The citus block of a migration file (its last DO block), without its guard, as plain PostgreSQL runs it. */
function citusBlock(file: string): string {
  const text = readFileSync(join(MIGRATIONS_DIR, file), 'utf8')
  const block = text.slice(text.lastIndexOf('DO $$'))
  expect(block, `${file}: the block opens with the citus guard`).toContain(GUARD)
  return block.replace(GUARD, '')
}

/** citus's create_distributed_table and create_reference_table, recording each call. */
const STAND_INS = `
  CREATE TABLE citus_calls (seq serial, fn text, tbl text, col text, colocate text);
  CREATE FUNCTION create_distributed_table(table_name regclass, distribution_column text,
      colocate_with text DEFAULT 'default') RETURNS void LANGUAGE sql AS
    $f$ INSERT INTO citus_calls (fn, tbl, col, colocate) VALUES ('distributed', table_name::text, distribution_column,
      colocate_with) $f$;
  CREATE FUNCTION create_reference_table(table_name regclass) RETURNS void LANGUAGE sql AS
    $f$ INSERT INTO citus_calls (fn, tbl) VALUES ('reference', table_name::text) $f$;`

/** Each rollup against the GROUP BY of its source table. */
const ROLLUP_CHECKS: readonly [string, string, string][] = [
  [
    'counter_daily',
    'SELECT district_code, day, rows, views, starts FROM counter_daily ORDER BY 1, 2',
    "SELECT district_code, day, count(*)::int, coalesce(sum(value) FILTER (WHERE metric = 'views'), 0)::int, coalesce(sum(value) FILTER (WHERE metric = 'starts'), 0)::int FROM counters GROUP BY 1, 2 ORDER BY 1, 2",
  ],
  [
    'counter_daily_item',
    'SELECT district_code, day, item_code, rows, views FROM counter_daily_item ORDER BY 1, 2, 3',
    "SELECT district_code, day, item_code, count(*)::int, coalesce(sum(value) FILTER (WHERE metric = 'views'), 0)::int FROM counters GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
  ],
  [
    'counter_daily_terminal',
    'SELECT district_code, day, terminal_id, rows, views FROM counter_daily_terminal ORDER BY 1, 2, 3',
    "SELECT district_code, day, terminal_id, count(*)::int, coalesce(sum(value) FILTER (WHERE metric = 'views'), 0)::int FROM counters GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
  ],
  [
    'transaction_daily',
    'SELECT district_code, day, terminal_id, item_code, department, n FROM transaction_daily ORDER BY 1, 2, 3, 4, 5',
    'SELECT district_code, day, terminal_id, item_code, department, count(*)::int FROM transactions GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5',
  ],
  [
    'transaction_daily_session',
    'SELECT district_code, day, session_id, item_code, department, n FROM transaction_daily_session ORDER BY 1, 2, 3, 4, 5',
    'SELECT district_code, day, session_id, item_code, department, count(*)::int FROM transactions GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5',
  ],
]

describe('the citus step of PostgreSQL migrations 0009 and 0012 to 0015', () => {
  const pg = useTestDatabase()
  beforeAll(async () => {
    const { sql } = pg
    await migratePostgres(sql)
    await sql.unsafe(STAND_INS)
    await sql.begin(async (tx) => {
      await tx.unsafe(citusBlock('0009-district-cases.sql'))
      await tx.unsafe(citusBlock('0012-district-keys.sql'))
      await tx.unsafe(citusBlock('0013-payment-orders.sql'))
      await tx.unsafe(citusBlock(MATERIALS_MIGRATION))
      await tx.unsafe(citusBlock('0015-eid-codes.sql'))
    })
  })

  it('distributes every growing table by district_code with the cases, reference_numbers by reference', async () => {
    const { sql } = pg
    const calls = await sql<{ fn: string; tbl: string; col: string | null; colocate: string | null }[]>`
      SELECT fn, tbl, col, colocate FROM citus_calls ORDER BY seq`
    expect(calls.filter((c) => c.fn === 'reference').map((c) => c.tbl)).toEqual([
      'divisions',
      'catalog_versions',
    ])
    const distributed = calls.filter((c) => c.fn === 'distributed')
    expect(distributed[0]).toEqual({
      fn: 'distributed',
      tbl: 'cases',
      col: 'district_code',
      colocate: 'default',
    })
    expect(
      distributed
        .filter((c) => c.tbl !== 'cases' && c.tbl !== 'reference_numbers')
        .map((c) => [c.tbl, c.col, c.colocate]),
    ).toEqual(
      GROWING_TABLES.filter((t) => t !== 'cases')
        .map((t) => [t, 'district_code', 'cases'])
        .sort(
          (a, b) =>
            distributed.findIndex((c) => c.tbl === a[0]) - distributed.findIndex((c) => c.tbl === b[0]),
        ),
    )
    expect(distributed.find((c) => c.tbl === 'reference_numbers')).toMatchObject({
      col: 'reference',
      colocate: 'none',
    })
  })

  it('leaves no unique key of a distributed table without its distribution column', async () => {
    const { sql } = pg
    const keys = await sql<{ tbl: string; index: string; columns: string[]; col: string }[]>`
      SELECT c.tbl, i.indexrelid::regclass::text AS index, c.col,
        array(SELECT a.attname::text FROM pg_attribute a
              WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)) AS columns
      FROM pg_index i JOIN citus_calls c ON c.fn = 'distributed' AND i.indrelid = c.tbl::regclass
      WHERE i.indisunique ORDER BY 1, 2`
    expect(keys.length).toBeGreaterThan(GROWING_TABLES.length)
    expect(keys.filter((k) => !k.columns.includes(k.col)).map((k) => k.index)).toEqual([])
    // What the step dropped is still looked up by: a plain index each.
    const plain = await sql<{ indexname: string }[]>`
      SELECT indexname FROM pg_indexes WHERE indexname IN ('transactions_key', 'transactions_reference',
        'callback_tasks_key', 'cases_transaction', 'case_follow_ups_id') ORDER BY 1`
    expect(plain.map((p) => p.indexname)).toEqual([
      'callback_tasks_key',
      'case_follow_ups_id',
      'cases_transaction',
      'transactions_key',
      'transactions_reference',
    ])
  })

  it('keeps the rollups by row triggers, equal to the raw rows through ingest, merges, moves and deletes', async () => {
    const { sql } = pg
    const triggers = await sql<{ tbl: string; name: string; row: boolean; transition: boolean }[]>`
      SELECT tgrelid::regclass::text AS tbl, tgname AS name, (tgtype & 1) = 1 AS row,
        tgoldtable IS NOT NULL OR tgnewtable IS NOT NULL AS transition
      FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN ('counters'::regclass, 'transactions'::regclass)
      ORDER BY 1, 2`
    expect(triggers).toEqual([
      { tbl: 'counters', name: 'counters_rollups_row', row: true, transition: false },
      { tbl: 'transactions', name: 'transactions_rollups_row', row: true, transition: false },
    ])
    const store = new PostgresStorage(sql)
    await insertTownHall(store, SUITE_NOW)
    await store.ingest({
      rows: [
        suiteRecord('k-00001'),
        suiteRecord('k-00002', { sessionId: 'S-2' }),
        suiteRecord('k-00003', { districtCode: ZIJIN, itemCode: 'ITEM-B' }),
      ],
      casesFor: () => [],
    })
    const c = (itemCode: string, metric: string, value: number, day = SUITE_DAY) => ({
      day,
      itemCode,
      metric,
      value,
    })
    await store.counters.apply('T-1', [c('ITEM-A', 'views', 4), c('ITEM-B', 'starts', 2)], [], SUITE_NOW)
    await store.counters.apply(
      'T-1',
      [c('ITEM-A', 'views', 9), c('ITEM-A', 'views', 3, '2026-03-03')],
      [],
      SUITE_NOW,
    )
    await store.editTerminal('T-1', { name: 'Town hall', location: 'Hall', groups: [], districtCode: ZIJIN })
    await store.counters.apply('T-1', [c('ITEM-A', 'views', 1, '2026-03-04')], [], SUITE_NOW)
    await sql`UPDATE transactions SET day = '2026-03-03' WHERE key = 'k-00002'`
    await store.counters.resetDay('T-1', '2026-03-03', 'admin', SUITE_NOW)
    await sql`DELETE FROM transactions WHERE key = 'k-00003'`
    for (const [rollup, kept, raw] of ROLLUP_CHECKS)
      expect(await sql.unsafe(kept).values(), rollup).toEqual(await sql.unsafe(raw).values())
    expect(await sql`SELECT district_code, day, views FROM counter_daily ORDER BY 1, 2`).toEqual([
      { districtCode: DEMO_DISTRICT_CODE, day: SUITE_DAY, views: 9 },
      { districtCode: ZIJIN, day: '2026-03-04', views: 1 },
    ])
  })
})
