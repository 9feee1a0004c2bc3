/**
 * Residents served over a range by item or department: the number of distinct sessions per key, which is not a
 * sum of the days' figures (a session may cross midnight). Each cached day keeps its keys' session ids as small
 * numbers (every id numbered once per cache), so a range's union costs one typed-array read per listed session.
 */
import type { ReportStorage } from '../../db/storage'
import type { DayEntries, DayEntry } from './dayEntries'
import type { KeyDictionary } from './jsonWriters'

/** Numbered session ids beyond which the numbering starts over (every entry re-reads its sessions). */
const MAX_SESSION_IDS = 2_000_000

/** The session numbering of one cache and the union of numbered sessions. */
export class SessionUnion {
  /** Session id → small number, shared by every entry's `sessions`. */
  private ids = new Map<string, number>()
  private marks = new Int32Array(0)
  private stamp = 0

  constructor(
    private readonly queries: ReportStorage,
    private readonly entries: DayEntries,
  ) {}

  /**
   * Reads the session ids per key of the entries that do not have them yet, in runs of consecutive days, as
   * small numbers so a range's union is cheap.
   */
  async load(
    days: string[],
    entries: DayEntry[],
    by: 'item' | 'department',
    d: KeyDictionary,
  ): Promise<void> {
    if (this.ids.size > MAX_SESSION_IDS) this.forget()
    for (let i = 0; i < entries.length; i++) {
      if (entries[i]!.sessions) continue
      let end = i
      while (end + 1 < entries.length && !entries[end + 1]!.sessions) end += 1
      const byDay = new Map<string, Map<number, number[]>>()
      for (let k = i; k <= end; k++) byDay.set(days[k] as string, new Map())
      for (const [day, key, session] of await this.queries.sessionsPerKey(by, days[i]!, days[end]!)) {
        const k = d.index.get(key)
        // Every key with transactions on a day has a row in that day's entry, computed in this same call.
        if (k === undefined) throw new Error(`daily-counts cache: no row for ${by} ${key} on ${day}`)
        let id = this.ids.get(session)
        if (id === undefined) {
          id = this.ids.size
          this.ids.set(session, id)
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
        this.entries.grew(entry.sessionBytes)
      }
      i = end
    }
  }

  /**
   * Per key, how many distinct session numbers its lists hold together: each session is marked with the key's
   * stamp the first time it is met.
   */
  distinct(lists: Int32Array[][], keyCount: number): Int32Array {
    const counts = new Int32Array(keyCount)
    if (this.marks.length < this.ids.size) {
      this.marks = new Int32Array(Math.max(this.ids.size, this.marks.length * 2))
      this.stamp = 0
    }
    if (this.stamp > 2 ** 30) {
      this.marks.fill(0)
      this.stamp = 0
    }
    const marks = this.marks
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

  /** Starts the numbering over once every entry is gone (the numbering only grows otherwise). */
  reset(): void {
    this.ids = new Map()
  }

  /** Forgets every entry's session numbers and the numbering itself. */
  private forget(): void {
    for (const entry of this.entries.values()) {
      if (!entry.sessions) continue
      this.entries.grew(-(entry.sessionBytes ?? 0))
      entry.sessions = undefined
      entry.sessionBytes = 0
    }
    this.reset()
  }
}
