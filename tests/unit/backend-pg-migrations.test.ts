/**
 * The PostgreSQL schema: its frozen migration files, the runner (idempotent, several nodes at once), the same
 * tables and indexes as SQLite's schema, the rollup triggers against a raw GROUP BY, the unique reference index,
 * and change tracking that does not miss a transaction committing after a later one.
 */
import Database from 'better-sqlite3'
import type { Sql, TransactionSql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changeCursor, daysChangedSince } from '../../mock-backend/src/db/postgres/changeTracking'
import { connectPostgres } from '../../mock-backend/src/db/postgres/connect'
import { migratePostgres, migrationHash, PG_MIGRATIONS } from '../../mock-backend/src/db/postgres/migrate'
import { migrate } from '../../mock-backend/src/db/sqlite/migrations'
import { createTestDatabase, holdOpen, type TestDatabase } from '../fixtures/node/backend/postgres'

/** SHA-256 of each shipped PostgreSQL migration file, by version: never edit a shipped file, append one. */
const SHIPPED: Readonly<Record<number, string>> = {
  1: '92ffcc0c6ba328b7c60e459926245fd25a1fc1eb4b5e2e428648bdea1fc81193',
  2: '38bae3843c80afb702f2badbe4ef98594be1086e3cd6a2c0b361bcffb21bb9a7',
  3: 'd50348541513fbd23c4d65fe4c31b1cfb2c2ed99ad257e16301d45133c45f0ea',
  4: 'b6a58961d453d9fbb193867c57e639230d02c8d510bb399ca96b9836819a358c',
  6: 'd81fae9105da94f2adda0a6bb68ffa4fe7219419d56b8d73849690c050a69389',
  7: 'b2729ccb110a0aa878b93dd73eee1ee87695eb71757bd165811e7f77169dbfa2',
  8: '05d98e6e8f10a5652b6e38bb53f3c400b5118236f59aa9f4c4cf0dbf90ac5d89',
  9: '75c4503837b0448d21c25d884415ed56f8e037a12503a4271ef6611a23f2b855',
  10: 'aba8aef0445bca187a22242899d3134d8c691b652692a1dcaab4555e185ceaa6',
  11: '6a58350506c6e368c7a9726a2662933500093ea02cc54fef562fe931012f675e',
  12: 'f86f6d0e06bdf14f9d9cdf42791792af0baf41539ff0a5f142b388790aa695db',
  13: '27df1530dd6761a30291f0321d02ddfeadaae81a4ce59d9dfce69792dcc9a94b',
  14: '6dba04db6edaaf3a5f54076e91bd03cd4f844add9594f842db49bb4e69121867',
  15: '4c1f68996d096d13f645bb51474e09f7a9b2862f28039c9ade6ecb9fcc55b038',
  16: 'd3e963d8dcbdcde6ce107105a03520fd97a06aef3a1090e0811e2e62ae46f23e',
  17: 'eb49e65e80e2a563fc24db8e178053e94b9d67267f03011c9f22cb0672c3159c',
  18: '269a349e7b84d30b84914987f3e532f6abf0be7014e512454e12345b986bb164',
  19: '64571bf30aaa483a443bf645540c3707b8e6b9004c090717fe795cdbc41f6b1d',
}

/**
 * Tables only PostgreSQL has, with their columns: what several nodes share (0003-nodes.sql, 0008-help-nodes.sql,
 * 0010-helper-presence.sql).
 * SQLite is opened by one process, which keeps the same state in memory (nodes/inProcess.ts, help/).
 */
const PG_ONLY_TABLES: Readonly<Record<string, readonly string[]>> = {
  job_runs: ['job', 'node', 'ran_at', 'runs'],
  limiter_attempts: ['at_ms', 'id', 'key', 'limiter'],
  node_countdowns: ['detail', 'name', 'remaining', 'tag', 'taken'],
  help_calls_live: ['answered_ms', 'call_id', 'call_json', 'created_at', 'helper', 'since_ms'],
  help_mail: ['body', 'created_at', 'id'],
  help_presence: ['node_id', 'seen_at', 'socket_id', 'username'],
}

let database: TestDatabase
let sql: Sql

beforeAll(async () => {
  database = await createTestDatabase()
  sql = connectPostgres(database.url, { max: 4 })
})
afterAll(async () => {
  await sql.end()
  await database.drop()
})

describe('PostgreSQL migrations', () => {
  it('every shipped file matches its pinned SHA-256, and every file is pinned', () => {
    expect(Object.fromEntries(PG_MIGRATIONS.map((m) => [m.version, migrationHash(m.sql)]))).toEqual(SHIPPED)
    const versions = PG_MIGRATIONS.map((m) => m.version)
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b))
  })

  it('several nodes migrating at once apply each step once, and a second run does nothing', async () => {
    const nodes = [connectPostgres(database.url, { max: 1 }), connectPostgres(database.url, { max: 1 })]
    try {
      const last = PG_MIGRATIONS.at(-1)!.version
      expect(await Promise.all(nodes.map((node) => migratePostgres(node)))).toEqual([last, last])
      expect(await migratePostgres(sql)).toBe(last)
      expect(await sql`SELECT version, file FROM schema_migrations ORDER BY version`).toEqual(
        PG_MIGRATIONS.map((m) => ({ version: m.version, file: m.file })),
      )
    } finally {
      await Promise.all(nodes.map((node) => node.end()))
    }
  })

  it('refuses a database whose applied step differs from its file', async () => {
    const edited = PG_MIGRATIONS.map((m) => ({ ...m, sql: `${m.sql}\n-- edited` }))
    await expect(migratePostgres(sql, edited)).rejects.toThrow(
      'PostgreSQL migration 0001-schema.sql differs from the one this database applied',
    )
  })

  it("has every table, column and index of SQLite's schema (and the PostgreSQL-only additions)", async () => {
    const lite = new Database(':memory:')
    migrate(lite)
    const liteTables = lite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence' ORDER BY name",
      )
      .pluck()
      .all() as string[]
    const liteColumns = new Map(
      liteTables.map((table) => [
        table,
        lite
          .prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY name`)
          .pluck()
          .all() as string[],
      ]),
    )
    const liteIndexes = lite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .pluck()
      .all() as string[]
    lite.close()

    const pgColumns = await sql<{ tableName: string; columnName: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, column_name`
    const byTable = new Map<string, string[]>()
    for (const r of pgColumns) byTable.set(r.tableName, [...(byTable.get(r.tableName) ?? []), r.columnName])
    expect([...byTable.keys()].sort()).toEqual([...liteTables, ...Object.keys(PG_ONLY_TABLES)].sort())
    for (const [table, columns] of Object.entries(PG_ONLY_TABLES))
      expect([table, byTable.get(table)]).toEqual([table, [...columns].sort()])
    for (const table of liteTables) {
      const extra = table === 'transactions' ? ['written_by'] : []
      expect([table, byTable.get(table)]).toEqual([
        table,
        [...(liteColumns.get(table) ?? []), ...extra].sort(),
      ])
    }
    const pgIndexes = (
      await sql<{ indexname: string }[]>`
      SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey'
        AND indexname NOT LIKE '%_key' ORDER BY indexname`
    ).map((r) => r.indexname)
    expect(pgIndexes).toEqual(
      [
        ...liteIndexes,
        'transactions_written_by',
        'limiter_attempts_lookup',
        'limiter_attempts_age',
        'help_calls_live_waiting',
        'help_calls_live_age',
        'help_mail_age',
        'help_presence_node',
        'help_presence_seen',
      ].sort(),
    )
    // Byte-wise text order and equality, as SQLite's BINARY collation, whatever locale the database has.
    expect(
      await sql`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> 'schema_migrations' AND data_type = 'text'
          AND collation_name IS DISTINCT FROM 'C'`,
    ).toEqual([])
  })
})

describe('PostgreSQL rollup triggers', () => {
  /** The counter rollup computed from raw counters, to compare with what the triggers kept. */
  const rawCounterDaily = () => sql`
    SELECT day, count(*)::int AS rows, coalesce(sum(value) FILTER (WHERE metric = 'views'), 0)::int AS views,
      coalesce(sum(value) FILTER (WHERE metric = 'starts'), 0)::int AS starts
    FROM counters GROUP BY day ORDER BY day`
  const keptCounterDaily = () =>
    sql`SELECT day, rows::int, views::int, starts::int FROM counter_daily ORDER BY day`

  it('keep the counter rollups equal to a raw GROUP BY through inserts, max-merges, moves and deletes', async () => {
    await sql`INSERT INTO counters VALUES ('t1', '2026-01-01', 'A', 'views', 3), ('t1', '2026-01-01', 'B', 'views', 2),
      ('t2', '2026-01-02', 'A', 'starts', 1)`
    await sql`INSERT INTO counters VALUES ('t1', '2026-01-01', 'A', 'views', 5), ('t1', '2026-01-01', 'A', 'starts', 4)
      ON CONFLICT (district_code, terminal_id, day, item_code, metric) DO UPDATE SET value = excluded.value
      WHERE excluded.value > counters.value`
    expect(await keptCounterDaily()).toEqual([
      { day: '2026-01-01', rows: 3, views: 7, starts: 4 },
      { day: '2026-01-02', rows: 1, views: 0, starts: 1 },
    ])
    await sql`UPDATE counters SET day = '2026-01-03' WHERE item_code = 'B'`
    await sql`DELETE FROM counters WHERE day = '2026-01-02'`
    expect(await keptCounterDaily()).toEqual(await rawCounterDaily())
    expect(await sql`SELECT day FROM counter_daily ORDER BY day`).toEqual([
      { day: '2026-01-01' },
      { day: '2026-01-03' },
    ])
    expect(await sql`SELECT day, terminal_id, rows::int FROM counter_daily_terminal ORDER BY 1, 2`).toEqual([
      { day: '2026-01-01', terminalId: 't1', rows: 2 },
      { day: '2026-01-03', terminalId: 't1', rows: 1 },
    ])
  })

  it('keep the transaction rollups through a multi-row insert and a delete', async () => {
    const row = (key: string, day: string, session: string, reference: string | null) => ({
      key,
      payload_hash: 'h',
      terminal_id: 't1',
      session_id: session,
      item_code: 'A',
      department: 'D',
      catalog_version: 1,
      created_at: `${day}T01:00:00.000Z`,
      day,
      received_at: `${day}T01:00:01.000Z`,
      result_json: '{}',
      reference,
    })
    await sql`INSERT INTO transactions ${sql([
      row('k1', '2026-02-01', 's1', 'SB2026020100001'),
      row('k2', '2026-02-01', 's1', null),
      row('k3', '2026-02-01', 's2', null),
      row('k4', '2026-02-02', 's3', null),
    ])}`
    expect(await sql`SELECT day, n::int FROM transaction_daily ORDER BY day`).toEqual([
      { day: '2026-02-01', n: 3 },
      { day: '2026-02-02', n: 1 },
    ])
    expect(await sql`SELECT day, session_id, n::int FROM transaction_daily_session ORDER BY 1, 2`).toEqual([
      { day: '2026-02-01', sessionId: 's1', n: 2 },
      { day: '2026-02-01', sessionId: 's2', n: 1 },
      { day: '2026-02-02', sessionId: 's3', n: 1 },
    ])
    await sql`DELETE FROM transactions WHERE day = '2026-02-01'`
    expect(await sql`SELECT day, n::int FROM transaction_daily ORDER BY day`).toEqual([
      { day: '2026-02-02', n: 1 },
    ])
    expect(await sql`SELECT count(*)::int AS n FROM transaction_daily_session`).toEqual([{ n: 1 }])
  })
})

describe('PostgreSQL transactions', () => {
  const insert = (tx: Sql | TransactionSql, key: string, day: string, reference: string | null = null) =>
    tx`INSERT INTO transactions (key, payload_hash, terminal_id, session_id, item_code, department,
        catalog_version, created_at, day, received_at, result_json, reference)
      VALUES (${key}, 'h', 't1', 's1', 'A', 'D', 1, ${`${day}T01:00:00.000Z`}, ${day}, ${`${day}T01:00:00.000Z`},
        '{}', ${reference})`

  it('reference numbers are unique (the index ingest relies on when several nodes claim them)', async () => {
    await insert(sql, 'r1', '2026-03-01', 'SB2026030100007')
    await expect(insert(sql, 'r2', '2026-03-01', 'SB2026030100007')).rejects.toThrow(
      'duplicate key value violates unique constraint "transactions_reference"',
    )
    await insert(sql, 'r3', '2026-03-01', null)
    await insert(sql, 'r4', '2026-03-01', null)
  })

  it('changed days include a transaction that commits after a later one was already seen', async () => {
    const before = await changeCursor(sql)
    // A slow batch starts first and takes the lower xid, then stays open.
    const slow = holdOpen(sql, (tx) => insert(tx, 'slow', '2026-04-01'))
    await slow.written
    // A fast batch starts later, commits first, and a report reads with a new cursor.
    await sql.begin((tx) => insert(tx, 'fast', '2026-04-02'))
    expect(await daysChangedSince(sql, before)).toEqual(['2026-04-02'])
    const seen = await changeCursor(sql)
    expect(await daysChangedSince(sql, seen)).toEqual([])
    // The slow batch commits now: a cursor taken after the fast one must still report its day.
    await slow.commit()
    expect(await daysChangedSince(sql, seen)).toEqual(['2026-04-01'])
    expect(await daysChangedSince(sql, before)).toEqual(['2026-04-01', '2026-04-02'])
  })
})
