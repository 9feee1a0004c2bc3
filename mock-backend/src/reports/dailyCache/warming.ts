/**
 * Background fills of the per-day cache: the days of a range computed a week at a time, yielding to other
 * requests between weeks, one fill per grouping at a time. Entries computed here are checked like any other
 * before use, so a fill racing with new data only ever costs a recompute.
 */
import type { GroupBy } from '../../db/reportRows'
import { daysBetween } from '../../time'

/** Days one background fill step computes before yielding to other requests. */
export const WARM_CHUNK_DAYS = 7

/** The fills under way of one cache. */
export class Warming {
  private readonly running = new Map<GroupBy, Promise<void>>()

  /** Starts filling [from, to] for `by` with `fill(firstDay, lastDay)` per week, unless a fill of `by` runs. */
  start(from: string, to: string, by: GroupBy, fill: (first: string, last: string) => Promise<void>): void {
    if (this.running.has(by)) return
    const days = daysBetween(from, to)
    const done = new Promise<void>((resolve) => {
      let at = 0
      const step = async () => {
        try {
          const week = days.slice(at, at + WARM_CHUNK_DAYS)
          await fill(week[0] as string, week.at(-1) as string)
          at += WARM_CHUNK_DAYS
          if (at < days.length) {
            setImmediate(step)
            return
          }
        } catch {
          // The database was closed (shutdown) mid-fill: nothing left to warm. A real fault shows up in the
          // next request, which computes the same days in the foreground.
        }
        this.running.delete(by)
        resolve()
      }
      setImmediate(step)
    })
    this.running.set(by, done)
  }

  /** Resolves when every fill under way has finished. */
  async done(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values())
  }
}
