/**
 * The counter side of the store on PostgreSQL: judging inputs, quarantine, floors and the reset. The floor rule
 * is stated once, in sqlite/counterStore.ts; this file stores the same way. Counter writes are multi-row upserts:
 * PostgreSQL refuses to update one row twice in a statement, so a push's duplicate keys are folded first
 * (the maximum wins, as a max-merge of each in turn would give).
 */
import type { Sql, TransactionSql } from 'postgres'
import type { QuarantinedCounter } from '../../contract/counterQuarantine'
import { shanghaiDay } from '../../time'
import { daysByDistrict, districtOfDay } from '../counterDistricts'
import type { Districts } from '../districtScope'
import { type CounterValue, counterKey, type ResetOutcome } from '../rows'
import type { CounterDecision, CounterStorage } from '../storage'
import { inDistricts } from './districtSql'

/** Takes the terminal's counter lock for the transaction: a push's judgement and an admin's reset take turns. */
async function lockCounters(tx: TransactionSql, terminalId: string): Promise<void> {
  await tx`SELECT pg_advisory_xact_lock(hashtextextended(${`counters:${terminalId}`}, 0))`
}

/**
 * The terminal's days grouped by the district their rows stand in (db/counterDistricts.ts states the rule): the
 * keys of counters, quarantine and floors lead with the district (migration 0012), and every statement on them
 * names it.
 */
async function daysIn(
  sql: Sql | TransactionSql,
  terminalId: string,
  days: readonly string[],
): Promise<Map<string, string[]>> {
  const [terminal] = await sql<
    { districtCode: string }[]
  >`SELECT district_code FROM terminals WHERE id = ${terminalId}`
  if (!terminal) throw new Error(`counters of unknown terminal ${terminalId}`)
  const asked = [...new Set(days)]
  const found = await sql<{ day: string; districtCode: string }[]>`
    SELECT day, district_code FROM counters WHERE terminal_id = ${terminalId} AND day = ANY(${asked})
    UNION SELECT day, district_code FROM counter_quarantine WHERE terminal_id = ${terminalId} AND day = ANY(${asked})
    UNION SELECT day, district_code FROM counter_floors WHERE terminal_id = ${terminalId} AND day = ANY(${asked})`
  return daysByDistrict(asked, new Map(found.map((r) => [r.day, r.districtCode])), terminal.districtCode)
}

/** The terminal's floors of `days`, by `counterKey`. */
async function floorsIn(
  sql: Sql | TransactionSql,
  terminalId: string,
  days: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  if (days.length === 0) return found
  for (const [district, ofDistrict] of await daysIn(sql, terminalId, days)) {
    const rows = await sql<CounterValue[]>`
      SELECT day, item_code, metric, floor AS value FROM counter_floors
      WHERE district_code = ${district} AND terminal_id = ${terminalId} AND day = ANY(${ofDistrict})`
    for (const f of rows) found.set(counterKey(f), f.value)
  }
  return found
}

/** Max-merges the decision's accepted values and quarantines the rest, inside `tx`. */
async function applyIn(
  tx: TransactionSql,
  terminalId: string,
  d: CounterDecision,
  at: string,
): Promise<void> {
  await mergeCounterValues(tx, terminalId, d.merge)
  if (d.quarantine.length === 0) return
  const district = districtOfDay(
    await daysIn(
      tx,
      terminalId,
      d.quarantine.map((c) => c.day),
    ),
  )
  const rows = foldCounters(d.quarantine).map((c) => ({
    districtCode: district.get(c.day)!,
    terminalId,
    day: c.day,
    itemCode: c.itemCode,
    metric: c.metric,
    value: c.value,
    times: c.times,
    firstAt: at,
    lastAt: at,
  }))
  await tx`
    INSERT INTO counter_quarantine ${tx(rows, 'districtCode', 'terminalId', 'day', 'itemCode', 'metric', 'value', 'times', 'firstAt', 'lastAt')}
    ON CONFLICT (district_code, terminal_id, day, item_code, metric) DO UPDATE SET
      value = greatest(counter_quarantine.value, excluded.value),
      times = counter_quarantine.times + excluded.times, last_at = excluded.last_at`
}

/** The values of `counters` with each key once, at its largest value, and how often the key came; sorted by key. */
export function foldCounters(counters: readonly CounterValue[]): (CounterValue & { times: number })[] {
  const folded = new Map<string, CounterValue & { times: number }>()
  for (const c of counters) {
    const key = counterKey(c)
    const seen = folded.get(key)
    if (seen) {
      seen.value = Math.max(seen.value, c.value)
      seen.times += 1
    } else folded.set(key, { ...c, times: 1 })
  }
  // In key order, so two pushes of one terminal lock shared rows in the same order (no deadlock between them).
  return [...folded.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c)
}

/** Max-merges absolute counter values of one terminal in one statement (the rollup triggers follow it). */
export async function mergeCounterValues(
  tx: Sql | TransactionSql,
  terminalId: string,
  counters: readonly CounterValue[],
): Promise<void> {
  if (counters.length === 0) return
  // A day's rows keep the district they began in; a new day takes the terminal's district as the counters arrive.
  const district = districtOfDay(
    await daysIn(
      tx,
      terminalId,
      counters.map((c) => c.day),
    ),
  )
  const rows = foldCounters(counters).map((c) => ({
    terminalId,
    districtCode: district.get(c.day)!,
    day: c.day,
    itemCode: c.itemCode,
    metric: c.metric,
    value: c.value,
  }))
  // Only a larger value updates: an equal or smaller one leaves the row, and so its rollups, untouched.
  await tx`
    INSERT INTO counters ${tx(rows, 'terminalId', 'districtCode', 'day', 'itemCode', 'metric', 'value')}
    ON CONFLICT (district_code, terminal_id, day, item_code, metric) DO UPDATE SET value = excluded.value
    WHERE excluded.value > counters.value`
}

/** Counter queries over one pooled `sql`. */
export class PostgresCounterStorage implements CounterStorage {
  /** The first Shanghai day each item code was in a published version, for one catalog_versions signature. */
  private firstDays: { signature: string; days: Map<string, string> } | undefined

  constructor(private readonly sql: Sql) {}

  async enrolmentDay(terminalId: string): Promise<string | undefined> {
    const [row] = await this.sql<
      { enrolledAt: string | null }[]
    >`SELECT enrolled_at FROM terminals WHERE id = ${terminalId}`
    return row?.enrolledAt ? shanghaiDay(row.enrolledAt) : undefined
  }

  async itemFirstDays(): Promise<ReadonlyMap<string, string>> {
    // Cheap: a few rows. Any publish, rollback or edited publication time changes it.
    const [row] = await this.sql<{ signature: string | null }[]>`
      SELECT string_agg(version || '@' || published_at, ',' ORDER BY version) AS signature FROM catalog_versions`
    const signature = row?.signature ?? ''
    if (this.firstDays?.signature !== signature) {
      const rows = await this.sql<{ code: string; at: string }[]>`
        SELECT i.item->>'code' AS code, min(v.published_at) AS at
        FROM catalog_versions v, jsonb_array_elements(v.catalog_json::jsonb -> 'items') AS i(item) GROUP BY 1`
      this.firstDays = { signature, days: new Map(rows.map((r) => [r.code, shanghaiDay(r.at)])) }
    }
    return this.firstDays.days
  }

  async floors(terminalId: string, days: readonly string[]): Promise<Map<string, number>> {
    return floorsIn(this.sql, terminalId, days)
  }

  /** Max-merges the accepted values and quarantines the out-of-bound ones, in one transaction. */
  apply: CounterStorage['apply'] = async (terminalId, merge, quarantine, at) => {
    await this.sql.begin((tx) => applyIn(tx, terminalId, { merge, quarantine }, at))
  }

  /** Under the terminal's counter lock, which the reset takes too: its floors cannot change in between. */
  judgeAndApply<D extends CounterDecision>(
    terminalId: string,
    days: readonly string[],
    judge: (floors: Map<string, number>) => D,
    at: string,
  ): Promise<D> {
    return this.sql.begin(async (tx) => {
      await lockCounters(tx, terminalId)
      const decided = judge(await floorsIn(tx, terminalId, days))
      await applyIn(tx, terminalId, decided, at)
      return decided
    }) as Promise<D>
  }

  async quarantined(limit: number, districts?: Districts): Promise<QuarantinedCounter[]> {
    return [
      ...(await this.sql<QuarantinedCounter[]>`
        SELECT q.terminal_id, coalesce(t.name, q.terminal_id) AS terminal_name, q.day, q.item_code, q.metric,
          q.value, q.times, q.first_at, q.last_at
        FROM counter_quarantine q LEFT JOIN terminals t ON t.id = q.terminal_id
        WHERE true ${inDistricts(this.sql, districts, 'q.district_code')}
        ORDER BY q.last_at DESC, q.terminal_id, q.day, q.item_code, q.metric LIMIT ${limit}`),
    ]
  }

  async resetDay(terminalId: string, day: string, by: string, at: string): Promise<ResetOutcome> {
    return this.sql.begin(async (tx) => {
      await lockCounters(tx, terminalId)
      const district = districtOfDay(await daysIn(tx, terminalId, [day])).get(day)!
      // The terminal's claim per counter of the day: stored value plus an earlier floor, or the quarantined value.
      const claims = await tx<{ itemCode: string; metric: string; value: number }[]>`
        SELECT item_code, metric, max(claim) AS value FROM (
          SELECT c.item_code, c.metric, c.value + coalesce(f.floor, 0) AS claim FROM counters c
            LEFT JOIN counter_floors f USING (district_code, terminal_id, day, item_code, metric)
            WHERE c.district_code = ${district} AND c.terminal_id = ${terminalId} AND c.day = ${day}
          UNION ALL SELECT item_code, metric, value FROM counter_quarantine
            WHERE district_code = ${district} AND terminal_id = ${terminalId} AND day = ${day}
          UNION ALL SELECT item_code, metric, floor FROM counter_floors
            WHERE district_code = ${district} AND terminal_id = ${terminalId} AND day = ${day}
        ) AS claims GROUP BY 1, 2`
      if (claims.length > 0) {
        const floors = claims.map((c) => ({
          districtCode: district,
          terminalId,
          day,
          itemCode: c.itemCode,
          metric: c.metric,
          floor: c.value,
          setAt: at,
          setBy: by,
        }))
        await tx`
          INSERT INTO counter_floors ${tx(floors, 'districtCode', 'terminalId', 'day', 'itemCode', 'metric', 'floor', 'setAt', 'setBy')}
          ON CONFLICT (district_code, terminal_id, day, item_code, metric) DO UPDATE SET
            floor = greatest(counter_floors.floor, excluded.floor), set_at = excluded.set_at, set_by = excluded.set_by`
      }
      const reset =
        await tx`DELETE FROM counters WHERE district_code = ${district} AND terminal_id = ${terminalId} AND day = ${day}`
      const cleared = await tx`
        DELETE FROM counter_quarantine WHERE district_code = ${district} AND terminal_id = ${terminalId} AND day = ${day}`
      return { reset: reset.count, floors: claims.length, cleared: cleared.count }
    })
  }
}
