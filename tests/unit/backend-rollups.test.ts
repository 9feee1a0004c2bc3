/**
 * The daily-counts report read from the rollup tables (migration 4) must equal the report computed from the
 * raw counters and transactions, for every grouping, span and department filter, after max-merge updates,
 * deletes, and a backfill of rows written before the migration.
 */

import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { METRICS } from '../../mock-backend/src/contract/constants'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { type FactGroup, type GroupBy, rangeDay } from '../../mock-backend/src/db/reportRows'
import type { CounterValue, NewTransaction } from '../../mock-backend/src/db/rows'
import { MIGRATIONS, migrate } from '../../mock-backend/src/db/sqlite/migrations'
import { countersSql, factsSql, ReportQueries } from '../../mock-backend/src/db/sqlite/reportQueries'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import { type DailyCounts, dailyCounts, type ReportLabels } from '../../mock-backend/src/reports/dailyCounts'
import { type CounterAggregate, pivotCounters, rawCountsInputs } from '../fixtures/node/backend/rawCounts'
import { storeRows } from '../fixtures/node/backend/storeRows'

const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']
const TERMINALS = ['T-1', 'T-2', 'T-3', 'T-4']
/** Two terminals in the demo district, two in 紫金县. */
const DISTRICT_OF: Record<string, string> = {
  'T-1': DEMO_DISTRICT_CODE,
  'T-2': DEMO_DISTRICT_CODE,
  'T-3': '441621',
  'T-4': '441621',
}
const DEPARTMENTS = ['hrss', 'tax', 'med']
const ITEMS = Array.from({ length: 12 }, (_, i) => `ITEM-${i}`)
/** Every metric but two rating levels, so some rollup columns stay zero while others sum. */
const METRIC_NAMES = METRICS.filter((m) => m !== 'rating2' && m !== 'rating3')

function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

const labels: ReportLabels = {
  // ITEM-11 is not in the catalog: its counters fall under 'unknown'.
  items: new Map(
    ITEMS.slice(0, 11).map((code, i) => [code, { name: `事项${i}`, department: DEPARTMENTS[i % 3]! }]),
  ),
  departments: new Map([
    ['hrss', '人社局'],
    ['tax', '税务局'],
    ['med', '医保局'],
  ]),
  terminals: new Map(TERMINALS.map((t) => [t, `终端${t}`])),
  districts: new Map([
    [DEMO_DISTRICT_CODE, '源城区'],
    ['441621', '紫金县'],
  ]),
}

/** A database at `version` (default: the latest); from districts on, with the terminals the counters name. */
function freshDb(version?: number): Database.Database {
  const db = new Database(':memory:')
  migrate(db, version === undefined ? MIGRATIONS : MIGRATIONS.filter((m) => m.version <= version))
  if (version === undefined || version >= 13) insertTerminals(db)
  return db
}

/** The terminals in their districts (the terminals table has districts from migration 13 on). */
function insertTerminals(db: Database.Database): void {
  for (const id of TERMINALS)
    db.prepare(
      'INSERT INTO terminals (id, name, location, groups_json, created_at, district_code) ' +
        "VALUES (?, ?, '', '[]', '2026-03-01', ?)",
    ).run(id, id, DISTRICT_OF[id])
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!
}

/** Random counters (merged twice so the max-merge update path runs) and transactions sharing sessions. */
async function writeRandom(store: SqliteStorage, seed: number): Promise<void> {
  const random = prng(seed)
  const sessions = Array.from({ length: 25 }, (_, i) => `S-${seed}-${i}`)
  let n = 0
  for (let round = 0; round < 3; round++) {
    for (const terminalId of TERMINALS) {
      const counters: CounterValue[] = []
      for (let k = 0; k < 40; k++) {
        const metric = pick(random, METRIC_NAMES)
        const itemCode = metric === 'sessions' ? '' : pick(random, ITEMS)
        counters.push({
          day: pick(random, DAYS),
          itemCode,
          metric,
          value: Math.floor(random() * 9),
        } as CounterValue)
      }
      await store.mergeCounters(terminalId, counters)
    }
    const rows: NewTransaction[] = []
    for (let k = 0; k < 60; k++) {
      const terminalId = pick(random, TERMINALS)
      const itemIndex = Math.floor(random() * ITEMS.length)
      // Now and then a transaction carries another department than the catalog's (an older catalog).
      const department = random() < 0.1 ? pick(random, DEPARTMENTS) : DEPARTMENTS[itemIndex % 3]!
      const key = `K-${seed}-${n++}`
      rows.push({
        key,
        payloadHash: key,
        terminalId,
        districtCode: DISTRICT_OF[terminalId]!,
        sessionId: pick(random, sessions),
        itemCode: ITEMS[itemIndex]!,
        department,
        catalogVersion: 1,
        createdAt: '2026-03-01T10:00:00+08:00',
        day: pick(random, DAYS),
        receivedAt: '2026-03-01T10:00:05+08:00',
        resultJson: '{}',
        reference: key,
      })
    }
    await storeRows(store, rows)
  }
}

/** The report's inputs straight from the raw tables (the queries the report ran before the rollups). */
function rawInputs(
  db: Database.Database,
  q: { from: string; to: string; by: GroupBy; span: 'day' | 'range'; department?: string },
) {
  const range = q.span === 'range' && q.by !== 'day'
  const day = range ? '? AS day' : 'day'
  const dayParams = range ? [rangeDay(q.from, q.to)] : []
  const keepItem = q.by === 'item' || q.by === 'department' || q.department !== undefined
  const terminal = q.by === 'terminal' ? 'terminal_id' : "''"
  const district = q.by === 'district' ? 'district_code' : "''"
  const counters = db
    .prepare(
      `SELECT ${day}, ${terminal} AS terminalId, ${district} AS districtCode, ` +
        `${keepItem ? 'item_code' : "''"} AS itemCode, metric, ` +
        'sum(value) AS value FROM counters WHERE day BETWEEN ? AND ? GROUP BY 1, 2, 3, 4, 5',
    )
    .all(...dayParams, q.from, q.to) as CounterAggregate[]
  const item = q.by === 'item' ? 'item_code' : "''"
  const department = q.by === 'department' ? 'department' : "''"
  const only = q.department === undefined ? '' : ' AND department = ?'
  const departmentParams = q.department === undefined ? [] : [q.department]
  const factGroups = db
    .prepare(
      `SELECT ${day}, ${terminal} AS terminalId, ${district} AS districtCode, ${item} AS itemCode, ` +
        `${department} AS department, count(*) AS transactions, count(DISTINCT session_id) AS sessions ` +
        `FROM transactions WHERE day BETWEEN ? AND ?${only} GROUP BY 1, 2, 3, 4, 5`,
    )
    .all(...dayParams, q.from, q.to, ...departmentParams) as FactGroup[]
  const counterRows = pivotCounters(counters)
  if (q.department === undefined) return { counterRows, factGroups }
  const distinct = db
    .prepare(
      'SELECT count(DISTINCT session_id) AS n FROM transactions WHERE day BETWEEN ? AND ? AND department = ?',
    )
    .get(q.from, q.to, q.department) as { n: number }
  return { counterRows, factGroups, departmentSessions: distinct.n }
}

const QUERIES = (['day', 'item', 'department', 'terminal', 'district'] as const).flatMap((by) =>
  (by === 'day' ? (['day'] as const) : (['day', 'range'] as const)).flatMap((span) =>
    [undefined, 'hrss', 'tax', 'nowhere'].flatMap((department) =>
      [
        { from: DAYS[0]!, to: DAYS[4]! },
        { from: DAYS[1]!, to: DAYS[3]! },
      ].map((r) => ({ ...r, by, span, department })),
    ),
  ),
)

async function reports(
  db: Database.Database,
  q: (typeof QUERIES)[number],
): Promise<{ rollup: DailyCounts; raw: DailyCounts }> {
  const base = { from: q.from, to: q.to, by: q.by, labels, department: q.department }
  return {
    rollup: dailyCounts({ ...base, ...(await new ReportQueries(db).countsInputs(q)) }),
    raw: dailyCounts({ ...base, ...rawInputs(db, q) }),
  }
}

async function expectSameEverywhere(db: Database.Database): Promise<void> {
  for (const q of QUERIES) {
    const { rollup, raw } = await reports(db, q)
    expect(rollup, JSON.stringify(q)).toEqual(raw)
  }
}

describe('daily-counts rollups', () => {
  it('answer every grouping, span and department filter exactly as the raw tables do', async () => {
    for (const seed of [1, 2, 3]) {
      const db = freshDb()
      await writeRandom(new SqliteStorage(db), seed)
      await expectSameEverywhere(db)
      // The data is not trivial: transactions, ratings and multi-item sessions are all there.
      const { raw } = await reports(
        db,
        QUERIES.find((q) => q.by === 'item' && q.span === 'range' && !q.department)!,
      )
      expect(raw.totals.transactions).toBeGreaterThan(100)
      expect(raw.rows.some((r) => r.sessions < r.transactions)).toBe(true)
      db.close()
    }
  })

  it('per-day reports also match a plain in-JS aggregation of every raw row', async () => {
    const db = freshDb()
    const store = new SqliteStorage(db)
    await writeRandom(store, 7)
    for (const by of ['day', 'item', 'department', 'terminal', 'district'] as const) {
      for (const department of [undefined, 'med']) {
        const q = { from: DAYS[0]!, to: DAYS[4]!, by, span: 'day' as const, department }
        const fromRows = dailyCounts({
          from: q.from,
          to: q.to,
          by,
          labels,
          department,
          ...rawCountsInputs(db, q),
        })
        expect(dailyCounts({ ...q, labels, ...(await store.reports.countsInputs(q)) })).toEqual(fromRows)
      }
    }
    db.close()
  })

  it('stay exact after counters and transactions are deleted or moved', async () => {
    const db = freshDb()
    await writeRandom(new SqliteStorage(db), 11)
    db.prepare("DELETE FROM counters WHERE metric = 'views' AND terminal_id = 'T-2'").run()
    db.prepare(
      "UPDATE counters SET terminal_id = 'T-9' WHERE metric = 'starts' AND terminal_id = 'T-1'",
    ).run()
    db.prepare("UPDATE counters SET value = max(value - 2, 0) WHERE metric = 'rating4'").run()
    db.prepare(
      "DELETE FROM transactions WHERE key IN (SELECT key FROM transactions WHERE terminal_id = 'T-3' LIMIT 20)",
    ).run()
    db.prepare(
      "UPDATE transactions SET item_code = 'ITEM-0', session_id = 'S-moved' WHERE terminal_id = 'T-4'",
    ).run()
    await expectSameEverywhere(db)
    // No rollup row outlives its last source row.
    const ghosts = db.prepare('SELECT count(*) AS n FROM counter_daily_item WHERE rows <= 0').get() as {
      n: number
    }
    expect(ghosts.n).toBe(0)
    db.close()
  })

  it('are backfilled from rows written before the migration', async () => {
    const after = freshDb()
    await writeRandom(new SqliteStorage(after), 5)
    // The same raw rows as a release before migration 4 wrote them: plain inserts, no rollups.
    const before = freshDb(3)
    for (const table of ['counters', 'transactions']) {
      const rows = after.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]
      // Only the columns that release had (the district came later, and is backfilled).
      const had = new Set(before.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all())
      const columns = Object.keys(rows[0]!).filter((c) => had.has(c))
      const insert = before.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      )
      for (const row of rows) insert.run(row)
    }
    // Migration 13 gives terminals their district; migration 15 then moves their rows to it.
    migrate(
      before,
      MIGRATIONS.filter((m) => m.version <= 14),
    )
    insertTerminals(before)
    migrate(before)
    for (const table of [
      'counter_daily',
      'counter_daily_item',
      'counter_daily_terminal',
      'transaction_daily',
      'transaction_daily_session',
    ]) {
      const all = `SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`
      expect(before.prepare(all).all(), table).toEqual(after.prepare(all).all())
    }
    await expectSameEverywhere(before)
    before.close()
    after.close()
  })

  it('are read through their primary keys or covering indexes, never by scanning raw tables', () => {
    const db = freshDb()
    for (const q of QUERIES) {
      for (const sql of [countersSql(q), factsSql(q)]) {
        const plan = (
          db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
            ...sql
              .split('?')
              .slice(1)
              .map(() => 'x'),
          ) as {
            detail: string
          }[]
        )
          .map((r) => r.detail)
          .join('; ')
        // Only by=terminal narrowed to a department still needs the raw counters (terminal × item).
        if (sql.includes('FROM counters'))
          expect(q.by === 'terminal' && q.department !== undefined).toBe(true)
        expect(plan, sql).not.toMatch(/SCAN (counters|transactions)\b/)
        expect(plan, sql).toMatch(/SEARCH \w+ USING (PRIMARY KEY|COVERING INDEX|INDEX)/)
      }
    }
    db.close()
  })
})
