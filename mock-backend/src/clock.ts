/**
 * The backend's clock. Real time unless a simulator moved it: under FAULTS=on an admin may set an instant or an
 * offset (faults/faultRoutes.ts), and every `deps.now` reader (ingest, counters, cases, sessions) follows it.
 * The clock keeps running at real speed from the instant set; a simulator sets it again at each step.
 *
 * Several nodes on one store (PostgreSQL, FAULTS=on) share one clock, as they share the department fault setting:
 * a change is applied where it was made, kept as an offset in the `clock_offset` settings row and announced; every
 * node applies the row on the notice and again before each API request (`refresh`: one settings read, only when
 * shared), so a request landing on node B right after the change on node A sees the new time. The row holds an
 * offset from real time, not an instant, so a node that reads it late still runs on the same time as the others.
 */
import type { ClockSetting, ClockView } from './contract/clock'
import type { Storage } from './db/storage'
import type { NodeCoordination } from './nodes/coordination'
import { NODE_TOPICS } from './nodes/topics'

/** Farthest a clock may be moved from real time either way: ~30 years, past any simulated history. */
export const MAX_CLOCK_OFFSET_MS = 30 * 365 * 24 * 3600 * 1000
/** The settings row that holds the offset every node applies (shared clocks only). */
export const CLOCK_OFFSET_SETTING = 'clock_offset'

/** A real clock plus an offset that only the fault route changes. */
export class Clock {
  private offsetMs = 0
  /** Where the offset is shared, once `share` was called (several nodes, FAULTS=on). */
  private sharing: { nodes: NodeCoordination; store: Storage } | null = null
  /**
   * Shared reads begun, and the newest one applied: reads overlap (one per request), so an older read that ends
   * after a newer one, or after a change made here, must not put back the offset it saw.
   */
  private reads = 0
  private applied = 0

  constructor(private readonly real: () => Date = () => new Date()) {}

  /** The backend's current instant. */
  now(): Date {
    return new Date(this.real().getTime() + this.offsetMs)
  }

  /** Sets an instant (`at`), an offset from real time (`offsetMs`), or real time again (`offsetMs: 0`), here only. */
  set(setting: ClockSetting): ClockView {
    this.apply(this.offsetOf(setting))
    return this.view()
  }

  /** The offset a setting asks for; a RangeError past MAX_CLOCK_OFFSET_MS. */
  private offsetOf(setting: ClockSetting): number {
    const offset = 'at' in setting ? Date.parse(setting.at) - this.real().getTime() : setting.offsetMs
    if (!Number.isFinite(offset) || Math.abs(offset) > MAX_CLOCK_OFFSET_MS)
      throw new RangeError(`the clock may move at most ${MAX_CLOCK_OFFSET_MS} ms from real time`)
    return offset
  }

  /** Takes `offset` as newer than every shared read begun so far (a read that ends later is not applied). */
  private apply(offset: number): void {
    this.applied = ++this.reads
    this.offsetMs = offset
  }

  /** What the route answers: the instant and the offset from real time. */
  view(): ClockView {
    return { now: this.now().toISOString(), offsetMs: this.offsetMs }
  }

  /**
   * From now on this clock follows the one the nodes of `store` share: it listens for changes and takes the
   * shared offset, if any (a node joining running ones must not answer at another time).
   */
  async share(nodes: NodeCoordination, store: Storage): Promise<void> {
    this.sharing = { nodes, store }
    await nodes.subscribe(NODE_TOPICS.clock, () => {
      this.refresh().catch(() => {})
    })
    await this.refresh()
  }

  /** Sets the clock here and, when shared, on every node (the row first, then the notice). */
  async setEverywhere(setting: ClockSetting): Promise<ClockView> {
    const offset = this.offsetOf(setting)
    // The row first: a read begun after it is written sees the new offset, one begun before is not applied.
    if (this.sharing) await this.sharing.store.putSetting(CLOCK_OFFSET_SETTING, String(offset))
    this.apply(offset)
    if (this.sharing) await this.sharing.nodes.publish(NODE_TOPICS.clock, '')
    return this.view()
  }

  /** Applies the shared offset (before each API request); a no-op unless shared. */
  async refresh(): Promise<void> {
    if (!this.sharing) return
    const read = ++this.reads
    const raw = await this.sharing.store.getSetting(CLOCK_OFFSET_SETTING)
    if (raw === undefined || read < this.applied) return
    const offset = Number(raw)
    if (!Number.isInteger(offset) || Math.abs(offset) > MAX_CLOCK_OFFSET_MS) return
    this.applied = read
    this.offsetMs = offset
  }
}
