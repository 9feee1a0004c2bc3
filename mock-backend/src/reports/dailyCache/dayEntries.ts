/**
 * The per-day cache's entries and their eviction: one entry per grouping × day, kept in least-recently-used
 * order, with a running count of the bytes they hold so the cache stays within its budget.
 */
import type { Figures } from '../../../../services-catalog/src/figures'
import type { GroupBy } from '../../db/reportRows'

/** What one cached day keeps: its rows as numbers and JSON, its sums, and the data fingerprint behind them. */
export interface DayEntry {
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

const SEPARATOR = '\u001f'
const entryKey = (by: GroupBy, day: string) => `${by}${SEPARATOR}${day}`

/** Bytes an entry holds (numbers count 8 each). */
const entrySize = (entry: DayEntry) =>
  entry.numbers.length * 8 + entry.columns.length + (entry.rows?.length ?? 0) + (entry.sessionBytes ?? 0)

/** The cached days of one store, least recently used first. */
export class DayEntries {
  private readonly days = new Map<string, DayEntry>()
  /** Bytes held by every entry together. */
  bytes = 0

  /**
   * The entry of `by` on `day` while its counters still have the fingerprint `counterPrint` (else it is dropped),
   * made the most recently used, so eviction drops the days nobody asked for longest.
   */
  take(by: GroupBy, day: string, counterPrint: string): DayEntry | undefined {
    const key = entryKey(by, day)
    const entry = this.days.get(key)
    if (!entry) return undefined
    if (entry.counterPrint !== counterPrint) {
      this.drop(key, entry)
      return undefined
    }
    this.days.delete(key)
    this.days.set(key, entry)
    return entry
  }

  /** Keeps a newly computed entry. */
  put(by: GroupBy, day: string, entry: DayEntry): void {
    this.days.set(entryKey(by, day), entry)
    this.bytes += entrySize(entry)
  }

  /** Counts bytes an entry took on after it was put (its row JSON, its session ids) or gave back. */
  grew(bytes: number): void {
    this.bytes += bytes
  }

  /** Every entry, in use order. */
  values(): IterableIterator<DayEntry> {
    return this.days.values()
  }

  /** Drops the entries of every grouping on these days. */
  forgetDays(days: ReadonlySet<string>): void {
    for (const [key, entry] of this.days) {
      if (days.has(key.slice(key.indexOf(SEPARATOR) + 1))) this.drop(key, entry)
    }
  }

  /** Drops every entry. */
  clear(): void {
    this.days.clear()
    this.bytes = 0
  }

  /** Drops least recently used entries until at most `maxBytes` are held. */
  evict(maxBytes: number): void {
    for (const [key, entry] of this.days) {
      if (this.bytes <= maxBytes) break
      this.drop(key, entry)
    }
  }

  private drop(key: string, entry: DayEntry): void {
    this.days.delete(key)
    this.bytes -= entrySize(entry)
  }
}
