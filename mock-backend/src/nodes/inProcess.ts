/**
 * The NodeCoordination of a store only one process uses (SQLite): counters in memory, notices delivered to this
 * process's own subscribers, every job claim granted (its timer is the only one), countdowns in a map.
 */
import { RateLimiter } from '../auth/rateLimit'
import type { Countdown, NodeCoordination } from './coordination'
import type { NodeTopic } from './topics'

/** One process's coordination: nothing to share, so nothing leaves the process. */
export class InProcessNodes implements NodeCoordination {
  readonly shared = false
  private readonly handlers = new Map<NodeTopic, ((payload: string) => void)[]>()
  private readonly countdowns = new Map<string, Countdown>()
  private readonly counters = new Map<string, RateLimiter>()

  /** One counter per limiter name, as on a shared store: asking twice for a name counts in one place. */
  counter(limiter: string, limit: number, windowMs: number, now: () => number): RateLimiter {
    let counter = this.counters.get(limiter)
    if (!counter) {
      counter = new RateLimiter(limit, windowMs, now)
      this.counters.set(limiter, counter)
    }
    return counter
  }

  async publish(topic: NodeTopic, payload: string): Promise<void> {
    for (const handler of this.handlers.get(topic) ?? []) handler(payload)
  }

  async subscribe(topic: NodeTopic, handler: (payload: string) => void): Promise<void> {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler])
  }

  /** One process: its own timer is the only runner, so every claim is granted. */
  async claimRun(_job: string, _minGapMs: number): Promise<boolean> {
    return true
  }

  /** One process: nothing else can run it. */
  runAlone<T>(_job: string, fn: () => Promise<T>): Promise<T> {
    return fn()
  }

  async setCountdown(name: string, remaining: number, tag: string, detail: string): Promise<Countdown> {
    const next = { remaining, taken: this.countdowns.get(name)?.taken ?? 0, tag, detail }
    this.countdowns.set(name, next)
    return { ...next }
  }

  async takeCountdown(name: string, tag: string): Promise<Countdown | undefined> {
    const c = this.countdowns.get(name)
    if (!c || c.remaining <= 0 || c.tag !== tag) return undefined
    c.remaining -= 1
    c.taken += 1
    return { ...c }
  }

  async readCountdown(name: string): Promise<Countdown | undefined> {
    const c = this.countdowns.get(name)
    return c ? { ...c } : undefined
  }

  async close(): Promise<void> {
    this.handlers.clear()
  }
}
