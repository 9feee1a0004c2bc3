/**
 * The per-day daily-counts answer (by day, item, department or terminal, whole store, no department filter),
 * kept as ready-made JSON per day so a year-long report only recomputes the days whose data changed, in two
 * layouts: `rows` (one object per day × key, the original answer) and `columns` (compact: a key dictionary
 * once, then per day one flat array of numbers — about a tenth of the bytes for a year by item).
 *
 * A day's JSON is reused while its data provably did not change:
 * - counters are only ever max-merged (values never decrease, rows never deleted), so every counter write
 *   changes that day's `counter_daily` row (its row count or one metric sum): the row is the day's fingerprint;
 * - transactions are insert-only, so the days of rows above the last seen `max(rowid)` are the changed days;
 * - labels (catalog version, terminal names) are part of the JSON: a new label signature empties the cache.
 * Missing days are computed in runs of consecutive days by the same `countsInputs` + `dailyCounts` as an
 * uncached report, split by day; the totals of a range are the sums of the days' totals (every summed figure
 * is additive across days, the derived rates are recomputed from the sums exactly as `dailyCounts` does).
 * span=range reports (one row per key) are summed from the same days; their residents served per item or
 * department is the union of the days' session ids. A range missing more than a week is answered uncached
 * while its days fill in the background, a week per step.
 */
import type Database from 'better-sqlite3'
import { goodRateOf } from '../../../services-catalog/src/rating'
import { ROLLUP_METRICS } from '../db/rollups'
import type { Store } from '../db/store'
import { daysBetween } from '../time'
import { COLUMN_FIELDS } from './columns'
import { countsInputs } from './countsQuery'
import {
  type DailyCounts,
  type DailyRow,
  dailyCounts,
  emptyFigures,
  type Figures,
  finishFigures,
  type GroupBy,
  type ReportLabels,
} from './dailyCounts'
import { reportLabels } from './reportLabels'

/** The two JSON layouts of a per-day report. */
export type Layout = 'rows' | 'columns'

/** What one cached day keeps: its rows as numbers and JSON, its sums, and the data fingerprint behind them. */
interface DayEntry {
  /** Per row: key index, then the COLUMN_FIELDS. */
  numbers: number[]
  /** `["YYYY-MM-DD",[key, …fields, key, …fields]]`; empty when the day has no rows. */
  columns: Buffer
  /** Row objects joined by commas (no brackets), written from `numbers` when first asked for. */
  rows?: Buffer
  /** by=item/department: the distinct sessions (numbered) of each key's transactions (read for span=range). */
  sessions?: Map<number, Int32Array>
  sessionBytes?: number
  totals: Figures
  counterPrint: string
}

/** Cached days above this many bytes of JSON (all groupings together) evict the least recently used days. */
export const DAILY_CACHE_MAX_BYTES = 96 * 1024 * 1024

const COUNTER_PRINT_SQL = `SELECT day, rows, ${ROLLUP_METRICS.join(', ')} FROM counter_daily WHERE day BETWEEN ? AND ?`
const MAX_ROWID_SQL = 'SELECT coalesce(max(rowid), 0) AS n FROM transactions'
const CHANGED_DAYS_SQL = 'SELECT DISTINCT day FROM transactions WHERE rowid > ?'
// Distinct per day × key: an item's transactions may carry two departments (an older catalog).
const ITEM_SESSIONS_SQL =
  'SELECT DISTINCT day, item_code, session_id FROM transaction_daily_session WHERE day BETWEEN ? AND ?'
const DEPARTMENT_SESSIONS_SQL =
  'SELECT DISTINCT day, department, session_id FROM transaction_daily_session WHERE day BETWEEN ? AND ?'
/** A span=range report missing more days than this is answered uncached while the days fill in the background. */
const RANGE_COLD_DAYS = 7
/** Days one background fill step computes before yielding to other requests. */
const WARM_CHUNK_DAYS = 7
/** Numbered session ids beyond which the numbering starts over (every entry re-reads its sessions). */
const MAX_SESSION_IDS = 2_000_000

/** How many days the last answer took from the cache and how many it computed (for tests and benches). */
export interface CacheUse {
  reused: number
  computed: number
}

/** The append-only key dictionary of one grouping: the `columns` layout refers to keys by index. */
interface KeyDictionary {
  index: Map<string, number>
  keys: string[]
  labels: string[]
  /** Department of each key (by=item only). */
  departments: string[]
  /** Per key, the start of its row object up to the first figure: `"key":…,"label":…[,"department":…],`. */
  rowHeads: string[]
}

const newDictionary = (): KeyDictionary => ({
  index: new Map(),
  keys: [],
  labels: [],
  departments: [],
  rowHeads: [],
})

/** The cache of one store. */
class DailyCountsCache {
  private readonly days = new Map<string, DayEntry>()
  private dictionaries = new Map<GroupBy, KeyDictionary>()
  private bytes = 0
  private labelSignature = ''
  private watermark = -1
  maxBytes = DAILY_CACHE_MAX_BYTES
  lastUse: CacheUse = { reused: 0, computed: 0 }
  private readonly counterPrint: Database.Statement
  private readonly maxRowid: Database.Statement
  private readonly changedDays: Database.Statement
  private readonly warming = new Map<GroupBy, Promise<void>>()
  /** Session id → small number, shared by every entry's `sessions`. */
  private sessionIds = new Map<string, number>()
  private sessionMarks = new Int32Array(0)
  private stamp = 0
  private readonly itemSessions: Database.Statement
  private readonly departmentSessions: Database.Statement

  constructor(private readonly store: Store) {
    const db = store.db
    this.counterPrint = db.prepare(COUNTER_PRINT_SQL).raw(true)
    this.maxRowid = db.prepare(MAX_ROWID_SQL)
    this.changedDays = db.prepare(CHANGED_DAYS_SQL).pluck(true)
    this.itemSessions = db.prepare(ITEM_SESSIONS_SQL).raw(true)
    this.departmentSessions = db.prepare(DEPARTMENT_SESSIONS_SQL).raw(true)
  }

  /**
   * Every day's entry of [from, to] for `by`, reused when still valid, else computed (in runs of days);
   * undefined, computing nothing, when more than `maxMissing` days would have to be computed.
   */
  private entriesFor(
    from: string,
    to: string,
    by: GroupBy,
    maxMissing = Number.POSITIVE_INFINITY,
  ): { days: string[]; entries: DayEntry[]; use: CacheUse } | undefined {
    const { labels, signature } = reportLabels(this.store)
    if (signature !== this.labelSignature) {
      this.clear()
      this.labelSignature = signature
    }
    this.forgetChangedTransactionDays()
    const prints = new Map<string, string>()
    for (const row of this.counterPrint.all(from, to) as unknown[][])
      prints.set(String(row[0]), row.join(','))

    const days = daysBetween(from, to)
    const entries: (DayEntry | undefined)[] = days.map((day) => {
      const key = entryKey(by, day)
      const entry = this.days.get(key)
      if (!entry) return undefined
      if (entry.counterPrint !== (prints.get(day) ?? '')) {
        this.drop(key, entry)
        return undefined
      }
      // Most recently used last, so eviction drops the days nobody asked for longest.
      this.days.delete(key)
      this.days.set(key, entry)
      return entry
    })
    const use: CacheUse = { reused: entries.filter(Boolean).length, computed: 0 }
    if (days.length - use.reused > maxMissing) return undefined
    for (let i = 0; i < days.length; i++) {
      if (entries[i]) continue
      let end = i
      while (end + 1 < days.length && !entries[end + 1]) end += 1
      const computed = this.compute(days[i]!, days[end]!, by, labels, prints)
      for (let k = i; k <= end; k++) entries[k] = computed.get(days[k]!)
      use.computed += end - i + 1
      i = end
    }
    return { days, entries: entries as DayEntry[], use }
  }

  /** The per-day report's JSON as buffers to send in order. */
  report(from: string, to: string, by: GroupBy, layout: Layout): Buffer[] {
    const got = this.entriesFor(from, to, by)
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
            Buffer.from(`${head}"layout":"columns",${this.dictionaryJson(by)},"days":[`),
            ...body,
            Buffer.from(`],"totals":${JSON.stringify(totals)}}`),
          ]
    this.evict()
    return parts
  }

  /**
   * The span=range report (one row per key over [from, to]) summed from the days' entries. Every figure adds
   * up across days except residents served of item and department rows — distinct sessions over the range —
   * which is the size of the union of the days' session ids per key (a session may cross midnight).
   */
  rangeReport(from: string, to: string, by: GroupBy): DailyCounts | undefined {
    const got = this.entriesFor(from, to, by, RANGE_COLD_DAYS)
    if (!got) {
      this.warm(from, to, by)
      return undefined
    }
    const { days, entries, use } = got
    this.lastUse = use
    const perItem = by === 'item' || by === 'department'
    if (perItem) this.loadSessions(days, entries, by)
    const d = this.dictionaryOf(by)
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
    const distinct = perItem ? this.distinctSessions(sessionLists, keyCount) : undefined
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
    this.evict()
    return { from, to, by, department: null, rows, totals }
  }

  /**
   * Fills the days of [from, to] for `by` (with session ids for item/department) a week at a time, yielding
   * to other requests between weeks; one fill per grouping at a time. Entries computed here are checked like
   * any other before use, so a fill racing with new data only ever costs a recompute.
   */
  private warm(from: string, to: string, by: GroupBy): void {
    if (this.warming.has(by)) return
    const days = daysBetween(from, to)
    const done = new Promise<void>((resolve) => {
      let at = 0
      const step = () => {
        try {
          const week = days.slice(at, at + WARM_CHUNK_DAYS)
          const got = this.entriesFor(week[0] as string, week.at(-1) as string, by)
          if (got && (by === 'item' || by === 'department')) this.loadSessions(got.days, got.entries, by)
          this.evict()
          at += WARM_CHUNK_DAYS
          if (at < days.length) {
            setImmediate(step)
            return
          }
        } catch {
          // The database was closed (shutdown) mid-fill: nothing left to warm. A real fault shows up in the
          // next request, which computes the same days in the foreground.
        }
        this.warming.delete(by)
        resolve()
      }
      setImmediate(step)
    })
    this.warming.set(by, done)
  }

  /** Resolves when every background fill under way has finished. */
  async warmed(): Promise<void> {
    while (this.warming.size > 0) await Promise.all(this.warming.values())
  }

  /**
   * Per key, how many distinct session numbers its lists hold together: each session is marked with the key's
   * stamp the first time it is met, so the union costs one typed-array read per listed session.
   */
  private distinctSessions(lists: Int32Array[][], keyCount: number): Int32Array {
    const counts = new Int32Array(keyCount)
    if (this.sessionMarks.length < this.sessionIds.size) {
      this.sessionMarks = new Int32Array(Math.max(this.sessionIds.size, this.sessionMarks.length * 2))
      this.stamp = 0
    }
    if (this.stamp > 2 ** 30) {
      this.sessionMarks.fill(0)
      this.stamp = 0
    }
    const marks = this.sessionMarks
    for (const [k, keyLists] of lists.entries()) {
      if (!keyLists) continue
      const stamp = ++this.stamp
      let count = 0
      for (const ids of keyLists) {
        for (const id of ids) {
          if (marks[id] !== stamp) {
            marks[id] = stamp
            count += 1
          }
        }
      }
      counts[k] = count
    }
    return counts
  }

  /** Forgets every entry's session numbers and the numbering itself (it only grows otherwise). */
  private forgetSessions(): void {
    for (const entry of this.days.values()) {
      if (!entry.sessions) continue
      this.bytes -= entry.sessionBytes ?? 0
      entry.sessions = undefined
      entry.sessionBytes = 0
    }
    this.sessionIds = new Map()
  }

  /**
   * Reads the session ids per key of the entries that do not have them yet, in runs of consecutive days, as
   * small numbers (each id numbered once per cache) so a range's union is cheap.
   */
  private loadSessions(days: string[], entries: DayEntry[], by: 'item' | 'department'): void {
    const statement = by === 'item' ? this.itemSessions : this.departmentSessions
    const d = this.dictionaryOf(by)
    if (this.sessionIds.size > MAX_SESSION_IDS) this.forgetSessions()
    for (let i = 0; i < entries.length; i++) {
      if (entries[i]!.sessions) continue
      let end = i
      while (end + 1 < entries.length && !entries[end + 1]!.sessions) end += 1
      const byDay = new Map<string, Map<number, number[]>>()
      for (let k = i; k <= end; k++) byDay.set(days[k] as string, new Map())
      for (const [day, key, session] of statement.all(days[i], days[end]) as [string, string, string][]) {
        const k = d.index.get(key)
        // Every key with transactions on a day has a row in that day's entry, computed in this same call.
        if (k === undefined) throw new Error(`daily-counts cache: no row for ${by} ${key} on ${day}`)
        let id = this.sessionIds.get(session)
        if (id === undefined) {
          id = this.sessionIds.size
          this.sessionIds.set(session, id)
        }
        const perKey = byDay.get(day) as Map<number, number[]>
        const ids = perKey.get(k)
        if (ids) ids.push(id)
        else perKey.set(k, [id])
      }
      for (let k = i; k <= end; k++) {
        const entry = entries[k] as DayEntry
        const perKey = byDay.get(days[k] as string) as Map<number, number[]>
        entry.sessions = new Map([...perKey].map(([key, ids]) => [key, Int32Array.from(ids)]))
        entry.sessionBytes = [...perKey.values()].reduce((n, ids) => n + ids.length * 4 + 16, 0)
        this.bytes += entry.sessionBytes
      }
      i = end
    }
  }

  /** Computes [from, to] in one uncached report and caches each of its days. */
  private compute(
    from: string,
    to: string,
    by: GroupBy,
    labels: ReportLabels,
    prints: Map<string, string>,
  ): Map<string, DayEntry> {
    const inputs = countsInputs(this.store.db, { from, to, by, span: 'day' })
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
        columns: Buffer.from(rows.length === 0 ? '' : `[${JSON.stringify(day)},[${numbers.join(',')}]]`),
        totals,
        counterPrint: prints.get(day) ?? '',
      }
      const key = entryKey(by, day)
      this.days.set(key, entry)
      this.bytes += entrySize(entry)
      out.set(day, entry)
    }
    return out
  }

  /**
   * The day's row objects as JSON, written from its numbers: byte for byte what JSON.stringify writes for the
   * rows dailyCounts builds (same key order; numbers print the same; rates computed the same way).
   */
  private rowsOf(entry: DayEntry, by: GroupBy, day: string): Buffer {
    if (entry.rows) return entry.rows
    const d = this.dictionaryOf(by)
    const dayJson = `{"day":${JSON.stringify(day)},`
    const out: string[] = []
    const n = entry.numbers
    for (let i = 0; i < n.length; i += STRIDE) {
      const [sessions, transactions, views, starts, completions, abandons, r1, r2, r3, r4, r5] = n.slice(
        i + 1,
        i + STRIDE,
      ) as number[] as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ]
      const ratings = r1 + r2 + r3 + r4 + r5
      const completionRate = starts > 0 ? completions / starts : null
      const goodRate = goodRateOf({ rating1: r1, rating2: r2, rating3: r3, rating4: r4, rating5: r5 })
      out.push(
        `${dayJson}${d.rowHeads[n[i] as number]}"sessions":${sessions},"transactions":${transactions},"views":${views},` +
          `"starts":${starts},"completions":${completions},"abandons":${abandons},"completionRate":${completionRate},` +
          `"ratings":${ratings},"rating1":${r1},"rating2":${r2},"rating3":${r3},"rating4":${r4},"rating5":${r5},` +
          `"goodRate":${goodRate}}`,
      )
    }
    entry.rows = Buffer.from(out.join(','))
    this.bytes += entry.rows.length
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

  private dictionaryJson(by: GroupBy): string {
    const d = this.dictionaryOf(by)
    const fields = `"fields":${JSON.stringify(COLUMN_FIELDS)}`
    const departments = by === 'item' ? `,"departments":${JSON.stringify(d.departments)}` : ''
    return `${fields},"keys":${JSON.stringify(d.keys)},"labels":${JSON.stringify(d.labels)}${departments}`
  }

  /** Drops every cached day that a transaction inserted since the last look belongs to. */
  private forgetChangedTransactionDays(): void {
    const top = (this.maxRowid.get() as { n: number }).n
    if (top === this.watermark) return
    if (this.watermark < 0 || top < this.watermark) {
      // First look, or rows vanished (never done by the app): nothing cached can be trusted.
      this.clear()
    } else {
      const changed = new Set(this.changedDays.all(this.watermark) as string[])
      for (const [key, entry] of this.days) {
        if (changed.has(key.slice(key.indexOf(SEPARATOR) + 1))) this.drop(key, entry)
      }
    }
    this.watermark = top
  }

  private drop(key: string, entry: DayEntry): void {
    this.days.delete(key)
    this.bytes -= entrySize(entry)
  }

  /** Forgets every day and key index (the dictionaries only ever grow while the labels stay the same). */
  private clear(): void {
    this.days.clear()
    this.dictionaries = new Map()
    this.sessionIds = new Map()
    this.bytes = 0
  }

  private evict(): void {
    for (const [key, entry] of this.days) {
      if (this.bytes <= this.maxBytes) break
      this.drop(key, entry)
    }
  }
}

const SEPARATOR = '\u001f'
const COMMA = Buffer.from(',')
const entryKey = (by: GroupBy, day: string) => `${by}${SEPARATOR}${day}`

const STRIDE = 1 + COLUMN_FIELDS.length

/** Bytes an entry holds (numbers count 8 each). */
const entrySize = (entry: DayEntry) =>
  entry.numbers.length * 8 + entry.columns.length + (entry.rows?.length ?? 0) + (entry.sessionBytes ?? 0)
const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function addKey(d: KeyDictionary, row: DailyRow): number {
  const i = d.keys.length
  d.index.set(row.key, i)
  d.keys.push(row.key)
  d.labels.push(row.label)
  d.departments.push(row.department ?? '')
  const department = row.department === undefined ? '' : `"department":${JSON.stringify(row.department)},`
  d.rowHeads.push(`"key":${JSON.stringify(row.key)},"label":${JSON.stringify(row.label)},${department}`)
  return i
}

const caches = new WeakMap<Store, DailyCountsCache>()

function cacheOf(store: Store): DailyCountsCache {
  let cache = caches.get(store)
  if (!cache) {
    cache = new DailyCountsCache(store)
    caches.set(store, cache)
  }
  return cache
}

/**
 * The JSON of `GET /api/ops/daily-counts` for a per-day report of the whole store (no department, span=day),
 * as buffers in order. `rows`: byte for byte `JSON.stringify(dailyCounts(...))` of the uncached path;
 * `columns`: the same figures in the compact layout (decode with `rowsFromColumns`).
 */
export function cachedDailyCountsJson(
  store: Store,
  from: string,
  to: string,
  by: GroupBy,
  layout: Layout = 'rows',
): Buffer[] {
  return cacheOf(store).report(from, to, by, layout)
}

/**
 * The span=range report (one row per key over the range; whole store, no department) from the per-day cache:
 * the same figures as the uncached report (`JSON.stringify` gives the same bytes). Undefined while more than a
 * week of the range is not cached yet: the caller answers uncached and the days fill in the background.
 */
export function cachedRangeReport(
  store: Store,
  from: string,
  to: string,
  by: GroupBy,
): DailyCounts | undefined {
  return cacheOf(store).rangeReport(from, to, by)
}

/** Resolves once the background fills started by `cachedRangeReport` have finished (tests, benches). */
export function dailyCountsCacheWarmed(store: Store): Promise<void> {
  return cacheOf(store).warmed()
}

/** How the last cached report of `store` was assembled (days reused vs computed). */
export function lastCacheUse(store: Store): CacheUse {
  return cacheOf(store).lastUse
}

/** Sets how many bytes of JSON the cache of `store` may keep (tests use a small budget to see eviction). */
export function setDailyCountsCacheBudget(store: Store, bytes: number): void {
  cacheOf(store).maxBytes = bytes
}
