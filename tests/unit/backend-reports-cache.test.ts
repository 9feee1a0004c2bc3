/**
 * The cached per-day daily-counts JSON must be byte for byte the uncached report (rollup queries +
 * dailyCounts over the whole range) and equal to the report built from every raw row, for every grouping and
 * range — also after counters are merged up, transactions arrive, terminals are renamed and a catalog is
 * published, while only the days that changed are recomputed.
 */
import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../mock-backend/src/config'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { GroupBy } from '../../mock-backend/src/db/reportRows'
import type { CounterValue, NewTransaction } from '../../mock-backend/src/db/rows'
import { migrate } from '../../mock-backend/src/db/sqlite/migrations'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import type { AppDeps } from '../../mock-backend/src/deps'
import {
  columnsFromReport,
  type DailyCountsColumns,
  rowsFromColumns,
} from '../../mock-backend/src/reports/columns'
import { dailyCounts } from '../../mock-backend/src/reports/dailyCounts'
import type { Layout } from '../../mock-backend/src/reports/dailyCountsCache'
import { createAppDeps } from '../../mock-backend/src/server'
import type { Catalog } from '../../services-catalog/src/schema'
import { rawCountsInputs } from '../fixtures/node/backend/rawCounts'
import { FIXTURE_CATALOG } from '../fixtures/node/backend/server'
import { storeRows } from '../fixtures/node/backend/storeRows'

const DAYS = Array.from({ length: 10 }, (_, i) => `2026-04-${String(i + 1).padStart(2, '0')}`)
const FIRST = DAYS[0]!
const LAST = DAYS.at(-1)!
const TERMINALS = ['T-A', 'T-B', 'T-C', 'T-GONE']
const GROUPINGS: GroupBy[] = ['day', 'item', 'department', 'terminal', 'district']
const catalog = JSON.parse(readFileSync(FIXTURE_CATALOG, 'utf8')) as Catalog
// GONE-0001 is in no catalog: its rows fall under the 'unknown' department.
const ITEMS = [...catalog.items.map((i) => i.code), 'GONE-0001']
const METRICS = ['views', 'starts', 'completions', 'abandons', 'rating1', 'rating3', 'rating4', 'rating5']

function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

/** The deps of a test server over SQLite (its raw rows are read back). */
type SqliteDeps = AppDeps & { store: SqliteStorage }

/** A store with the fixture catalog and its terminals, and the services a server builds over it. */
async function freshDeps(): Promise<SqliteDeps> {
  const db = new Database(':memory:')
  migrate(db)
  const store = new SqliteStorage(db)
  await store.publishCatalog(catalog, [], 'test', '', '2026-04-01T00:00:00Z')
  // T-GONE sends data, then leaves the terminals table (write below): its label falls back to its id.
  for (const id of TERMINALS) {
    await store.insertTerminal({
      id,
      name: `终端 ${id}`,
      location: '服务大厅',
      groups: [],
      districtCode: DEMO_DISTRICT_CODE,
      tokenHash: null,
      codeHash: null,
      codeExpiresAt: null,
      now: '2026-04-01T00:00:00Z',
    })
  }
  const deps = await createAppDeps(loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'warn' }), store)
  return Object.assign(deps, { store })
}

let keys = 0
/** Random counters (merged so some rise) and transactions sharing sessions, on `days`. */
async function write(
  store: SqliteStorage,
  seed: number,
  days: readonly string[],
  what = { counters: true },
): Promise<void> {
  const random = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const sessions = Array.from({ length: 30 }, (_, i) => `S-${seed}-${i}`)
  // T-GONE is back for as long as it sends (counters need their terminal's district), then gone again.
  store.db
    .prepare(
      "INSERT OR IGNORE INTO terminals (id, name, location, groups_json, created_at) VALUES ('T-GONE', '', '', '[]', '')",
    )
    .run()
  for (const terminalId of what.counters ? TERMINALS : []) {
    const counters: CounterValue[] = []
    for (let k = 0; k < 40; k++) {
      const sessionsCounter = random() < 0.2
      counters.push({
        day: pick(days),
        itemCode: sessionsCounter ? '' : pick(ITEMS),
        metric: sessionsCounter ? 'sessions' : pick(METRICS),
        value: 1 + Math.floor(random() * 9),
      } as CounterValue)
    }
    await store.mergeCounters(terminalId, counters)
  }
  store.db.prepare("DELETE FROM terminals WHERE id = 'T-GONE'").run()
  const rows: NewTransaction[] = []
  for (let k = 0; k < 50; k++) {
    const itemCode = pick(ITEMS)
    const key = `K-${keys++}`
    rows.push({
      key,
      payloadHash: key,
      terminalId: pick(TERMINALS),
      districtCode: DEMO_DISTRICT_CODE,
      sessionId: pick(sessions),
      itemCode,
      department: catalog.items.find((i) => i.code === itemCode)?.department ?? 'unknown',
      catalogVersion: 1,
      createdAt: `${days[0]}T10:00:00+08:00`,
      day: pick(days),
      receivedAt: `${days[0]}T10:00:05+08:00`,
      resultJson: '{}',
      reference: key,
    })
  }
  await storeRows(store, rows)
}

const cached = async (
  deps: AppDeps,
  from: string,
  to: string,
  by: GroupBy,
  layout: Layout = 'rows',
): Promise<string> => Buffer.concat(await deps.dailyCounts.json(from, to, by, layout)).toString('utf8')

/** The uncached report, as the route answered before the cache (rollup queries over the whole range). */
async function uncached(deps: AppDeps, from: string, to: string, by: GroupBy): Promise<string> {
  const inputs = await deps.store.reports.countsInputs({ from, to, by, span: 'day' })
  return JSON.stringify(
    dailyCounts({ from, to, by, ...inputs, labels: (await deps.reportLabels.current()).labels }),
  )
}

/** The report from every raw counter and transaction row, aggregated in JS. */
async function fromRawRows(deps: SqliteDeps, from: string, to: string, by: GroupBy) {
  return dailyCounts({
    from,
    to,
    by,
    ...rawCountsInputs(deps.store.db, { from, to, by }),
    labels: (await deps.reportLabels.current()).labels,
  })
}

/** The uncached span=range report (one row per key over the range). */
async function uncachedRange(deps: AppDeps, from: string, to: string, by: GroupBy): Promise<string> {
  const inputs = await deps.store.reports.countsInputs({ from, to, by, span: 'range' })
  return JSON.stringify(
    dailyCounts({ from, to, by, ...inputs, labels: (await deps.reportLabels.current()).labels }),
  )
}

/** The cached span=range report, which must be there (its days are cached). */
async function rangeOf(deps: AppDeps, from: string, to: string, by: GroupBy) {
  const report = await deps.dailyCounts.rangeReport(from, to, by)
  if (!report) throw new Error(`span=range ${by} ${from}/${to} was not answered from the cache`)
  return report
}

async function expectSameAsUncached(deps: SqliteDeps, ranges: [string, string][]): Promise<void> {
  for (const by of GROUPINGS) {
    for (const [from, to] of ranges) {
      const answer = await cached(deps, from, to, by)
      expect(answer, `${by} ${from}..${to}`).toBe(await uncached(deps, from, to, by))
      const report = JSON.parse(answer)
      expect(report, `${by} ${from}..${to}`).toEqual(await fromRawRows(deps, from, to, by))
      // The compact layout carries the same figures, cached or encoded from a report.
      const columns = JSON.parse(await cached(deps, from, to, by, 'columns')) as DailyCountsColumns
      expect(columns.layout).toBe('columns')
      expect(rowsFromColumns(columns), `${by} ${from}..${to} columns`).toEqual(report)
      expect(rowsFromColumns(columnsFromReport(report))).toEqual(report)
      if (by !== 'day') {
        // Every day of the range is cached now: the span=range report is summed from them.
        const range = JSON.stringify(await rangeOf(deps, from, to, by))
        expect(range, `${by} ${from}/${to}`).toBe(await uncachedRange(deps, from, to, by))
      }
    }
  }
}

const RANGES: [string, string][] = [
  [FIRST, LAST],
  [DAYS[2]!, DAYS[6]!],
  [DAYS[4]!, DAYS[4]!],
  ['2026-03-25', '2026-04-03'],
]

describe('cached daily counts', () => {
  it('answer byte for byte what the uncached report answers, for every grouping and range', async () => {
    const deps = await freshDeps()
    await write(deps.store, 1, DAYS)
    await write(deps.store, 2, DAYS)
    const full = JSON.parse(await cached(deps, FIRST, LAST, 'item'))
    // The data is not trivial: unknown items, multi-transaction sessions and ratings are all there.
    expect(full.totals.transactions).toBe(100)
    expect(full.rows.some((r: { department: string }) => r.department === 'unknown')).toBe(true)
    expect(
      full.rows.some((r: { sessions: number; transactions: number }) => r.sessions < r.transactions),
    ).toBe(true)
    expect(full.totals.goodRate).not.toBeNull()
    // Sessions recur on several days of one item, so summing the days' distinct sessions would overcount.
    const range = await rangeOf(deps, FIRST, LAST, 'item')
    const perDaySum = (key: string) =>
      full.rows
        .filter((r: { key: string }) => r.key === key)
        .reduce((n: number, r: { sessions: number }) => n + r.sessions, 0)
    expect(range.rows.some((r) => r.sessions < perDaySum(r.key))).toBe(true)
    await expectSameAsUncached(deps, RANGES)
    // Asked twice, the second answer comes from the cache entirely.
    await cached(deps, FIRST, LAST, 'terminal')
    expect(deps.dailyCounts.lastUse).toEqual({ reused: DAYS.length, computed: 0 })
  })

  it('recompute exactly the days whose counters or transactions changed', async () => {
    const deps = await freshDeps()
    await write(deps.store, 3, DAYS)
    await expectSameAsUncached(deps, RANGES)

    // A counter rises (max-merge) on day 3 only.
    const before = JSON.parse(await cached(deps, FIRST, LAST, 'item')).totals.views
    await deps.store.mergeCounters('T-A', [
      { day: DAYS[2]!, itemCode: ITEMS[0]!, metric: 'views', value: 500 },
    ])
    const after = JSON.parse(await cached(deps, FIRST, LAST, 'item'))
    expect(deps.dailyCounts.lastUse).toEqual({ reused: DAYS.length - 1, computed: 1 })
    expect(after.totals.views).toBeGreaterThan(before)
    // A merge that changes nothing (a lower value) keeps every day.
    await deps.store.mergeCounters('T-A', [{ day: DAYS[2]!, itemCode: ITEMS[0]!, metric: 'views', value: 1 }])
    await cached(deps, FIRST, LAST, 'item')
    expect(deps.dailyCounts.lastUse).toEqual({ reused: DAYS.length, computed: 0 })

    // New transactions (and counters) land on days 6 and 8 only.
    await write(deps.store, 4, [DAYS[5]!, DAYS[7]!])
    await cached(deps, FIRST, LAST, 'item')
    expect(deps.dailyCounts.lastUse).toEqual({ reused: DAYS.length - 2, computed: 2 })
    // The department rows were last asked for before day 3 changed: they are recomputed too.
    await cached(deps, FIRST, LAST, 'department')
    expect(deps.dailyCounts.lastUse).toEqual({ reused: DAYS.length - 3, computed: 3 })
    // Transactions alone (no counter moves) on day 10 only.
    await write(deps.store, 8, [LAST], { counters: false })
    await cached(deps, FIRST, LAST, 'department')
    expect(deps.dailyCounts.lastUse).toEqual({ reused: DAYS.length - 1, computed: 1 })
    // A replayed transaction (same key, stored nothing) changes no day.
    keys -= 100
    await write(deps.store, 4, [DAYS[5]!, DAYS[7]!])
    await write(deps.store, 8, [LAST], { counters: false })
    await cached(deps, FIRST, LAST, 'department')
    expect(deps.dailyCounts.lastUse).toEqual({ reused: DAYS.length, computed: 0 })
    await expectSameAsUncached(deps, RANGES)
  })

  it('answer a cold span=range report uncached, then from the days filled in the background', async () => {
    const deps = await freshDeps()
    await write(deps.store, 9, DAYS)
    expect(await deps.dailyCounts.rangeReport(FIRST, LAST, 'department')).toBeUndefined()
    await deps.dailyCounts.warmed()
    const warm = await rangeOf(deps, FIRST, LAST, 'department')
    expect(deps.dailyCounts.lastUse).toEqual({ reused: DAYS.length, computed: 0 })
    expect(JSON.stringify(warm)).toBe(await uncachedRange(deps, FIRST, LAST, 'department'))
    // Up to a week of changed days is recomputed in the foreground.
    await write(deps.store, 10, DAYS.slice(0, 3))
    const fresh = await rangeOf(deps, FIRST, LAST, 'department')
    expect(deps.dailyCounts.lastUse).toEqual({ reused: DAYS.length - 3, computed: 3 })
    expect(JSON.stringify(fresh)).toBe(await uncachedRange(deps, FIRST, LAST, 'department'))
    expect(fresh.totals.transactions).toBe(100)
  })

  it('relabel everything when a terminal is renamed or another catalog is published', async () => {
    const deps = await freshDeps()
    await write(deps.store, 5, DAYS)
    await cached(deps, FIRST, LAST, 'terminal')
    // Quotes and a backslash: the cached JSON must escape labels exactly as JSON.stringify does.
    await deps.store.editTerminal('T-B', {
      name: '=改名"终端"\\1',
      location: '服务大厅',
      groups: [],
      districtCode: DEMO_DISTRICT_CODE,
    })
    const renamed = JSON.parse(await cached(deps, FIRST, LAST, 'terminal'))
    expect(deps.dailyCounts.lastUse).toEqual({ reused: 0, computed: DAYS.length })
    expect(renamed.rows.filter((r: { key: string }) => r.key === 'T-B')[0].label).toBe('=改名"终端"\\1')

    const renamedItems = {
      ...catalog,
      items: catalog.items.map((i) => ({ ...i, name: { ...i.name, zh: `新${i.name.zh}` } })),
    }
    await deps.store.publishCatalog(renamedItems, [], 'test', '', '2026-04-02T00:00:00Z')
    const relabelled = JSON.parse(await cached(deps, FIRST, LAST, 'item'))
    const hrss = relabelled.rows.find((r: { key: string }) => r.key === 'HRSS-Q-0001')
    expect(hrss.label).toBe(`新${catalog.items.find((i) => i.code === 'HRSS-Q-0001')!.name.zh}`)
    await expectSameAsUncached(deps, RANGES)
  })

  it('keep within the byte budget by dropping the least recently used days', async () => {
    const deps = await freshDeps()
    await write(deps.store, 6, DAYS)
    const perDay = Buffer.concat(await deps.dailyCounts.json(DAYS[0]!, DAYS[0]!, 'item')).length
    // Room for about three days of item rows.
    deps.dailyCounts.maxBytes = perDay * 3
    await cached(deps, FIRST, LAST, 'item')
    expect(deps.dailyCounts.lastUse.computed).toBe(DAYS.length - 1)
    await cached(deps, DAYS[8]!, LAST, 'item')
    expect(deps.dailyCounts.lastUse).toEqual({ reused: 2, computed: 0 })
    await cached(deps, FIRST, DAYS[1]!, 'item')
    expect(deps.dailyCounts.lastUse).toEqual({ reused: 0, computed: 2 })
    await expectSameAsUncached(deps, RANGES)
  })
})
