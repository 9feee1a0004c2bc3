/**
 * The counter side of the store: what judging a terminal's counters needs (its enrolment day, the day each item
 * was first published, the floors of an admin's resets), the quarantine of out-of-bound values, and the reset.
 *
 * The floor rule, stated once. Terminals send absolute values per (day, item, metric) and the store keeps the
 * maximum, so a value can never be lowered by a later push. When an admin resets a terminal's day, each of its
 * counters of that day gets a floor F: the largest absolute value the terminal had claimed (stored, plus an
 * earlier floor, or quarantined). The terminal keeps counting on from its own absolute value, so a later push v
 * means v − F events since the reset:
 * - v ≤ F is absorbed: accepted as `at_or_below_floor`, nothing stored (a re-sync of the bad value restores nothing);
 * - v > F max-merges v − F, and the contract's bound applies to v − F.
 * A terminal whose own count started again below F (wiped, re-enrolled) is not counted for that one past day.
 */
import type Database from 'better-sqlite3'
import type { QuarantinedCounter } from '../../contract/counterQuarantine'
import { shanghaiDay } from '../../time'
import { daysByDistrict, districtOfDay } from '../counterDistricts'
import { type Districts, districtJsonPredicate } from '../districtScope'
import { type CounterValue, counterKey, type ResetOutcome } from '../rows'
import type { CounterDecision, CounterStorage } from '../storage'

/** Counter queries: judging inputs, quarantine, floors and the reset. */
export class CounterStore implements CounterStorage {
  /** Prepared on first use: a Store is also built over partly migrated databases (migration tests). */
  private prepared?: ReturnType<CounterStore['prepare']>
  /** The first Shanghai day each item code was in a published version, for one catalog_versions signature. */
  private firstDays: { signature: string; days: Map<string, string> } | undefined

  constructor(private readonly db: Database.Database) {}

  private get q() {
    this.prepared ??= this.prepare()
    return this.prepared
  }

  private prepare() {
    const p = (sql: string) => this.db.prepare(sql)
    return {
      enrolledAt: p('SELECT enrolled_at FROM terminals WHERE id = ?').pluck(),
      // Cheap: a few rows. Any publish, rollback or edited publication time changes it.
      versionsSignature: p(
        "SELECT group_concat(version || '@' || published_at, ',') FROM catalog_versions",
      ).pluck(),
      itemFirstPublished: p(
        "SELECT json_extract(i.value, '$.code') AS code, min(v.published_at) AS at " +
          "FROM catalog_versions v, json_each(v.catalog_json, '$.items') i GROUP BY 1",
      ),
      // The keys of counters, quarantine and floors lead with the district (migration 19): every statement below
      // names the one counterDistricts.ts gives a day, from where the day's rows stand, else where the terminal
      // stands now.
      districtOf: p('SELECT district_code FROM terminals WHERE id = ?').pluck(),
      // Where a terminal's days already stand (counterDistricts.ts): by terminal and day, across districts.
      daysFound: p(
        'SELECT day, district_code AS district FROM counters WHERE terminal_id = @terminal AND day IN (SELECT value FROM json_each(@days)) ' +
          'UNION SELECT day, district_code FROM counter_quarantine WHERE terminal_id = @terminal AND day IN (SELECT value FROM json_each(@days)) ' +
          'UNION SELECT day, district_code FROM counter_floors WHERE terminal_id = @terminal AND day IN (SELECT value FROM json_each(@days))',
      ),
      floorsOfDays: p(
        'SELECT day, item_code AS itemCode, metric, floor AS value FROM counter_floors ' +
          'WHERE district_code = ? AND terminal_id = ? AND day IN (SELECT value FROM json_each(?))',
      ),
      merge: p(
        'INSERT INTO counters (terminal_id, district_code, day, item_code, metric, value) VALUES (?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (district_code, terminal_id, day, item_code, metric) DO UPDATE SET value = max(value, excluded.value)',
      ),
      quarantine: p(
        'INSERT INTO counter_quarantine (district_code, terminal_id, day, item_code, metric, value, times, first_at, last_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (district_code, terminal_id, day, item_code, metric) DO UPDATE SET ' +
          'value = max(value, excluded.value), times = times + 1, last_at = excluded.last_at',
      ),
      // The claim per counter of the day: stored value plus an earlier floor, or the quarantined value.
      claimsOfDay: p(
        'SELECT item_code AS itemCode, metric, max(claim) AS value FROM (' +
          'SELECT c.item_code, c.metric, c.value + coalesce(f.floor, 0) AS claim FROM counters c ' +
          'LEFT JOIN counter_floors f USING (district_code, terminal_id, day, item_code, metric) ' +
          'WHERE c.district_code = @district AND c.terminal_id = @terminal AND c.day = @day ' +
          'UNION ALL SELECT item_code, metric, value FROM counter_quarantine ' +
          'WHERE district_code = @district AND terminal_id = @terminal AND day = @day ' +
          'UNION ALL SELECT item_code, metric, floor FROM counter_floors ' +
          'WHERE district_code = @district AND terminal_id = @terminal AND day = @day' +
          ') GROUP BY 1, 2',
      ),
      putFloor: p(
        'INSERT INTO counter_floors (district_code, terminal_id, day, item_code, metric, floor, set_at, set_by) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (district_code, terminal_id, day, item_code, metric) ' +
          'DO UPDATE SET floor = max(floor, excluded.floor), set_at = excluded.set_at, set_by = excluded.set_by',
      ),
      deleteCounters: p('DELETE FROM counters WHERE district_code = ? AND terminal_id = ? AND day = ?'),
      deleteQuarantine: p(
        'DELETE FROM counter_quarantine WHERE district_code = ? AND terminal_id = ? AND day = ?',
      ),
    }
  }

  /** The Shanghai day the terminal enrolled on; undefined for a terminal that never enrolled. */
  async enrolmentDay(terminalId: string): Promise<string | undefined> {
    const at = this.q.enrolledAt.get(terminalId) as string | null | undefined
    return at ? shanghaiDay(at) : undefined
  }

  /** The first Shanghai day each item code was in a published version (re-read only when versions change). */
  async itemFirstDays(): Promise<ReadonlyMap<string, string>> {
    const signature = (this.q.versionsSignature.get() as string | null) ?? ''
    if (this.firstDays?.signature !== signature) {
      const rows = this.q.itemFirstPublished.all() as { code: string; at: string }[]
      this.firstDays = { signature, days: new Map(rows.map((r) => [r.code, shanghaiDay(r.at)])) }
    }
    return this.firstDays.days
  }

  /** The floors of this terminal on these days, by `counterKey`. */
  async floors(terminalId: string, days: readonly string[]): Promise<Map<string, number>> {
    return this.floorsNow(terminalId, days)
  }

  /** The terminal's days grouped by the district their rows stand in (counterDistricts.ts states the rule). */
  private daysNow(terminalId: string, days: readonly string[]): Map<string, string[]> {
    const current = this.q.districtOf.get(terminalId) as string | undefined
    if (current === undefined) throw new Error(`counters of unknown terminal ${terminalId}`)
    const rows = this.q.daysFound.all({ terminal: terminalId, days: JSON.stringify(days) }) as {
      day: string
      district: string
    }[]
    return daysByDistrict(days, new Map(rows.map((r) => [r.day, r.district])), current)
  }

  private floorsNow(terminalId: string, days: readonly string[]): Map<string, number> {
    const found = new Map<string, number>()
    if (days.length === 0) return found
    for (const [district, ofDistrict] of this.daysNow(terminalId, days))
      for (const f of this.q.floorsOfDays.all(
        district,
        terminalId,
        JSON.stringify(ofDistrict),
      ) as CounterValue[])
        found.set(counterKey(f), f.value)
    return found
  }

  /** Max-merges the accepted values and quarantines the out-of-bound ones, in one transaction. */
  async apply(
    terminalId: string,
    merge: readonly CounterValue[],
    quarantine: readonly CounterValue[],
    at: string,
  ): Promise<void> {
    this.db.transaction(() => this.applyNow(terminalId, { merge, quarantine }, at))()
  }

  /** Floors, judgement and merge in one synchronous transaction. */
  async judgeAndApply<D extends CounterDecision>(
    terminalId: string,
    days: readonly string[],
    judge: (floors: Map<string, number>) => D,
    at: string,
  ): Promise<D> {
    return this.db.transaction(() => {
      const decided = judge(this.floorsNow(terminalId, days))
      this.applyNow(terminalId, decided, at)
      return decided
    })()
  }

  private applyNow(terminalId: string, d: CounterDecision, at: string): void {
    if (d.merge.length === 0 && d.quarantine.length === 0) return
    const days = [...d.merge, ...d.quarantine].map((c) => c.day)
    const district = districtOfDay(this.daysNow(terminalId, days))
    for (const c of d.merge)
      this.q.merge.run(terminalId, district.get(c.day), c.day, c.itemCode, c.metric, c.value)
    for (const c of d.quarantine)
      this.q.quarantine.run(district.get(c.day), terminalId, c.day, c.itemCode, c.metric, c.value, at, at)
  }

  /** Max-merges absolute values of one terminal (no quarantine); the caller's transaction holds it. */
  mergeNow(terminalId: string, merge: readonly CounterValue[]): void {
    this.applyNow(terminalId, { merge, quarantine: [] }, '')
  }

  /** The quarantine of these districts (undefined: the province), most recently pushed first. */
  async quarantined(limit: number, districts?: Districts): Promise<QuarantinedCounter[]> {
    const within = districtJsonPredicate(districts, 'q.district_code')
    const sql =
      'SELECT q.terminal_id AS terminalId, coalesce(t.name, q.terminal_id) AS terminalName, q.day, ' +
      'q.item_code AS itemCode, q.metric, q.value, q.times, q.first_at AS firstAt, q.last_at AS lastAt ' +
      `FROM counter_quarantine q LEFT JOIN terminals t ON t.id = q.terminal_id WHERE 1 = 1${within.sql} ` +
      'ORDER BY q.last_at DESC, q.terminal_id, q.day, q.item_code, q.metric LIMIT ?'
    return this.db.prepare(sql).all(...within.params, limit) as QuarantinedCounter[]
  }

  /** Zeroes a terminal's counters of a day and stores each one's floor (the rule above); clears its quarantine. */
  async resetDay(terminalId: string, day: string, by: string, at: string): Promise<ResetOutcome> {
    return this.db.transaction(() => {
      const district = districtOfDay(this.daysNow(terminalId, [day])).get(day)!
      const claims = this.q.claimsOfDay.all({ district, terminal: terminalId, day }) as Omit<
        CounterValue,
        'day'
      >[]
      for (const c of claims)
        this.q.putFloor.run(district, terminalId, day, c.itemCode, c.metric, c.value, at, by)
      const reset = this.q.deleteCounters.run(district, terminalId, day).changes
      const cleared = this.q.deleteQuarantine.run(district, terminalId, day).changes
      return { reset, floors: claims.length, cleared }
    })()
  }
}
