/**
 * The per-day daily-counts answer (by day, item, department or terminal, whole store, no department filter),
 * kept as ready-made JSON per day so a year-long report only recomputes the days whose data changed, in two
 * layouts: `rows` (one object per day × key, the original answer) and `columns` (compact: a key dictionary
 * once, then per day one flat array of numbers — about a tenth of the bytes for a year by item).
 *
 * A day's JSON is reused while its data provably did not change:
 * - counters are only ever max-merged (values never decrease, rows never deleted), so every counter write
 *   changes that day's `counter_daily` row (its row count or one metric sum): the row is the day's fingerprint;
 *   the one exception, an admin's counter reset of a terminal's day, forgets that day (`forgetDay`);
 * - transactions are insert-only, so the days of rows stored after the last seen `transactionMark` (SQLite:
 *   `max(rowid)`) are the changed days;
 * - labels (catalog version, terminal names) are part of the JSON: a new label signature empties the cache.
 * Missing days are computed in runs of consecutive days by the same `countsInputs` + `dailyCounts` as an
 * uncached report, split by day; the totals of a range are the sums of the days' totals (every counted figure
 * is additive across days, the derived ones are recomputed from the sums by figures.ts).
 * span=range reports (one row per key) are summed from the same days; their residents served per item or
 * department is the union of the days' session ids (dailyCache/sessionUnion.ts). A range missing more than a
 * week is answered uncached while its days fill in the background, a week per step (dailyCache/warming.ts).
 * Entries and eviction: dailyCache/dayEntries.ts; the JSON: dailyCache/jsonWriters.ts.
 */
import { emptyFigures, type Figures, finishFigures } from '../../../services-catalog/src/figures'
import type { GroupBy } from '../db/reportRows'
import type { ReportStorage, TransactionMark } from '../db/storage'
import { daysBetween } from '../time'
import { COLUMN_FIELDS } from './columns'
import { DAILY_CACHE_MAX_BYTES, DayEntries, type DayEntry } from './dailyCache/dayEntries'
import {
  addKey,
  columnsJson,
  dictionaryJson,
  type KeyDictionary,
  newDictionary,
  rowsJson,
  STRIDE,
} from './dailyCache/jsonWriters'
import { SessionUnion } from './dailyCache/sessionUnion'
import { Warming } from './dailyCache/warming'
import { type DailyCounts, type DailyRow, dailyCounts, type ReportLabels } from './dailyCounts'
import type { ReportLabelSource } from './reportLabels'

/** The two JSON layouts of a per-day report. */
export type Layout = 'rows' | 'columns'

/** How many days the last answer took from the cache and how many it computed (for tests and benches). */
export interface CacheUse {
  reused: number
  computed: number
}

/** A span=range report missing more days than this is answered uncached while the days fill in the background. */
const RANGE_COLD_DAYS = 7

const COMMA = Buffer.from(',')
const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The per-day report cache of one store (built by createAppDeps; one per running server). */
export class DailyCountsCache {
  private readonly entries = new DayEntries()
  private dictionaries = new Map<GroupBy, KeyDictionary>()
  private readonly sessions: SessionUnion
  private readonly warming = new Warming()
  private labelSignature = ''
  private watermark: TransactionMark | undefined
  /** Bytes of JSON the cache may keep (tests use a small budget to see eviction). */
  maxBytes = DAILY_CACHE_MAX_BYTES
  /** How the last cached report was assembled (days reused vs computed). */
  lastUse: CacheUse = { reused: 0, computed: 0 }

  constructor(
    private readonly queries: ReportStorage,
    private readonly labels: ReportLabelSource,
  ) {
    this.sessions = new SessionUnion(queries, this.entries)
  }

  /**
   * The JSON of `GET /api/ops/daily-counts` for a per-day report of the whole store (no department, span=day),
   * as buffers in order. `rows`: byte for byte `JSON.stringify(dailyCounts(...))` of the uncached path;
   * `columns`: the same figures in the compact layout (decode with `rowsFromColumns`).
   */
  async json(from: string, to: string, by: GroupBy, layout: Layout = 'rows'): Promise<Buffer[]> {
    const got = await this.entriesFor(from, to, by)
    if (!got) throw new Error('daily-counts cache: without a limit every missing day is computed')
    const { days, entries, use } = got
    this.lastUse = use
    const totals = emptyFigures()
    const body: Buffer[] = []
    for (const [i, entry] of entries.entries()) {
      for (const f of COLUMN_FIELDS) totals[f] += entry.totals[f]
      const part = layout === 'rows' ? this.rowsOf(entry, by, days[i] as string) : entry.columns
      if (part.length === 0) continue
      if (body.length > 0) body.push(COMMA)
      body.push(part)
    }
    finishFigures(totals)
    const head = `{"from":${JSON.stringify(from)},"to":${JSON.stringify(to)},"by":${JSON.stringify(by)},"department":null,`
    const parts =
      layout === 'rows'
        ? [Buffer.from(`${head}"rows":[`), ...body, Buffer.from(`],"totals":${JSON.stringify(totals)}}`)]
        : [
            Buffer.from(`${head}"layout":"columns",${dictionaryJson(this.dictionaryOf(by), by)},"days":[`),
            ...body,
            Buffer.from(`],"totals":${JSON.stringify(totals)}}`),
          ]
    this.entries.evict(this.maxBytes)
    return parts
  }

  /**
   * The span=range report (one row per key over [from, to]) summed from the days' entries: the same figures as
   * the uncached report (`JSON.stringify` gives the same bytes). Every figure adds up across days except residents
   * served of item and department rows — distinct sessions over the range — which is the size of the union of
   * the days' session ids per key. Undefined while more than a week of the range is not cached yet: the caller
   * answers uncached and the days fill in the background.
   */
  async rangeReport(from: string, to: string, by: GroupBy): Promise<DailyCounts | undefined> {
    const got = await this.entriesFor(from, to, by, RANGE_COLD_DAYS)
    if (!got) {
      this.warming.start(from, to, by, async (first, last) => {
        const week = await this.entriesFor(first, last, by)
        if (week && (by === 'item' || by === 'department'))
          await this.sessions.load(week.days, week.entries, by, this.dictionaryOf(by))
        this.entries.evict(this.maxBytes)
      })
      return undefined
    }
    const { days, entries, use } = got
    this.lastUse = use
    const perItem = by === 'item' || by === 'department'
    const d = this.dictionaryOf(by)
    if (perItem) await this.sessions.load(days, entries, by, d)
    const keyCount = d.keys.length
    const width = COLUMN_FIELDS.length
    const sums = new Float64Array(keyCount * width)
    const present = new Uint8Array(keyCount)
    const totals = emptyFigures()
    const sessionLists: Int32Array[][] = []
    for (const entry of entries) {
      for (const f of COLUMN_FIELDS) totals[f] += entry.totals[f]
      const n = entry.numbers
      for (let i = 0; i < n.length; i += STRIDE) {
        const at = (n[i] as number) * width
        present[n[i] as number] = 1
        for (let j = 0; j < width; j++) sums[at + j]! += n[i + 1 + j] as number
      }
      if (!perItem) continue
      for (const [k, ids] of entry.sessions ?? []) {
        const lists = sessionLists[k]
        if (lists) lists.push(ids)
        else sessionLists[k] = [ids]
      }
    }
    const distinct = perItem ? this.sessions.distinct(sessionLists, keyCount) : undefined
    const day = `${from}/${to}`
    const rows: DailyRow[] = []
    const order = [...present.keys()]
      .filter((k) => present[k] === 1)
      .sort((a, b) => ascending(d.keys[a] as string, d.keys[b] as string))
    for (const k of order) {
      const key = d.keys[k] as string
      const label = d.labels[k] as string
      // The same property order as dailyCounts' rows, so the JSON is the same bytes.
      const row: DailyRow =
        by === 'item'
          ? { day, key, label, department: d.departments[k] as string, ...emptyFigures() }
          : { day, key, label, ...emptyFigures() }
      for (const [j, f] of COLUMN_FIELDS.entries()) row[f] = sums[k * width + j] as number
      if (distinct) row.sessions = distinct[k] as number
      finishFigures(row)
      rows.push(row)
    }
    finishFigures(totals)
    this.entries.evict(this.maxBytes)
    return { from, to, by, department: null, rows, totals }
  }

  /** Resolves when every background fill under way has finished (tests, benches). */
  warmed(): Promise<void> {
    return this.warming.done()
  }

  /**
   * Every day's entry of [from, to] for `by`, reused when still valid, else computed (in runs of days);
   * undefined, computing nothing, when more than `maxMissing` days would have to be computed.
   */
  private async entriesFor(
    from: string,
    to: string,
    by: GroupBy,
    maxMissing = Number.POSITIVE_INFINITY,
  ): Promise<{ days: string[]; entries: DayEntry[]; use: CacheUse } | undefined> {
    const { labels, signature } = await this.labels.current()
    if (signature !== this.labelSignature) {
      this.clear()
      this.labelSignature = signature
    }
    await this.forgetChangedTransactionDays()
    const prints = await this.queries.counterPrints(from, to)
    const days = daysBetween(from, to)
    const entries = days.map((day) => this.entries.take(by, day, prints.get(day) ?? ''))
    const use: CacheUse = { reused: entries.filter(Boolean).length, computed: 0 }
    if (days.length - use.reused > maxMissing) return undefined
    for (let i = 0; i < days.length; i++) {
      if (entries[i]) continue
      let end = i
      while (end + 1 < days.length && !entries[end + 1]) end += 1
      const computed = await this.compute(days[i]!, days[end]!, by, labels, prints)
      for (let k = i; k <= end; k++) entries[k] = computed.get(days[k]!)
      use.computed += end - i + 1
      i = end
    }
    return { days, entries: entries as DayEntry[], use }
  }

  /** Computes [from, to] in one uncached report and caches each of its days. */
  private async compute(
    from: string,
    to: string,
    by: GroupBy,
    labels: ReportLabels,
    prints: Map<string, string>,
  ): Promise<Map<string, DayEntry>> {
    const inputs = await this.queries.countsInputs({ from, to, by, span: 'day' })
    const report = dailyCounts({ from, to, by, ...inputs, labels })
    const perDay = new Map<string, { rows: DailyRow[]; totals: Figures }>()
    for (const day of daysBetween(from, to)) perDay.set(day, { rows: [], totals: emptyFigures() })
    const dayOf = (day: string) => perDay.get(day) as { rows: DailyRow[]; totals: Figures }
    for (const row of report.rows) dayOf(row.day).rows.push(row)
    // The totals exactly as dailyCounts sums them (no department filter): every counter row, every fact group.
    for (const c of inputs.counterRows) {
      const t = dayOf(c.day).totals
      for (const f of COLUMN_FIELDS) if (f !== 'transactions') t[f] += c[f]
    }
    for (const g of inputs.factGroups) dayOf(g.day).totals.transactions += g.transactions

    const dictionary = this.dictionaryOf(by)
    const out = new Map<string, DayEntry>()
    for (const [day, { rows, totals }] of perDay) {
      const numbers: number[] = []
      for (const row of rows) {
        numbers.push(dictionary.index.get(row.key) ?? addKey(dictionary, row))
        for (const f of COLUMN_FIELDS) numbers.push(row[f])
      }
      const entry: DayEntry = {
        numbers,
        columns: columnsJson(day, numbers),
        totals,
        counterPrint: prints.get(day) ?? '',
      }
      this.entries.put(by, day, entry)
      out.set(day, entry)
    }
    return out
  }

  /** The day's row objects as JSON, written from its numbers on first use and kept. */
  private rowsOf(entry: DayEntry, by: GroupBy, day: string): Buffer {
    if (entry.rows) return entry.rows
    entry.rows = Buffer.from(rowsJson(this.dictionaryOf(by), day, entry.numbers))
    this.entries.grew(entry.rows.length)
    return entry.rows
  }

  private dictionaryOf(by: GroupBy): KeyDictionary {
    let dictionary = this.dictionaries.get(by)
    if (!dictionary) {
      dictionary = newDictionary()
      this.dictionaries.set(by, dictionary)
    }
    return dictionary
  }

  /** Forgets one day's JSON: an admin's counter reset lowered its counters (the only write that lowers them). */
  forgetDay(day: string): void {
    this.entries.forgetDays(new Set([day]))
  }

  /** Drops every cached day that a transaction inserted since the last look belongs to. */
  private async forgetChangedTransactionDays(): Promise<void> {
    const top = await this.queries.transactionMark()
    if (top === this.watermark) return
    // First look, or the store cannot tell (rows vanished, never done by the app): nothing cached is trusted.
    const days = this.watermark === undefined ? null : await this.queries.transactionDaysAfter(this.watermark)
    if (days === null) this.clear()
    else this.entries.forgetDays(new Set(days))
    this.watermark = top
  }

  /** Forgets every day and key index (the dictionaries only ever grow while the labels stay the same). */
  private clear(): void {
    this.entries.clear()
    this.dictionaries = new Map()
    this.sessions.reset()
  }
}
