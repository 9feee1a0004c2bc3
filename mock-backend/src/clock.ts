/**
 * The backend's clock. Real time unless a simulator moved it: under FAULTS=on an admin may set an instant or an
 * offset (faults/faultRoutes.ts), and every `deps.now` reader (ingest, counters, cases, sessions) follows it.
 * The clock keeps running at real speed from the instant set; a simulator sets it again at each step.
 */
import type { ClockSetting, ClockView } from './contract/clock'

/** Farthest a clock may be moved from real time either way: ~30 years, past any simulated history. */
export const MAX_CLOCK_OFFSET_MS = 30 * 365 * 24 * 3600 * 1000

/** A real clock plus an offset that only the fault route changes. */
export class Clock {
  private offsetMs = 0

  constructor(private readonly real: () => Date = () => new Date()) {}

  /** The backend's current instant. */
  now(): Date {
    return new Date(this.real().getTime() + this.offsetMs)
  }

  /** Sets an instant (`at`), an offset from real time (`offsetMs`), or real time again (`offsetMs: 0`). */
  set(setting: ClockSetting): ClockView {
    const offset = 'at' in setting ? Date.parse(setting.at) - this.real().getTime() : setting.offsetMs
    if (!Number.isFinite(offset) || Math.abs(offset) > MAX_CLOCK_OFFSET_MS)
      throw new RangeError(`the clock may move at most ${MAX_CLOCK_OFFSET_MS} ms from real time`)
    this.offsetMs = offset
    return this.view()
  }

  /** What the route answers: the instant and the offset from real time. */
  view(): ClockView {
    return { now: this.now().toISOString(), offsetMs: this.offsetMs }
  }
}
