/**
 * A sliding-window counter per client, used to slow down password guessing.
 */

/** Counts events per key in the last `windowMs`; memory is bounded by pruning on use. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>()
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until another attempt is allowed, or 0 when the key is under the limit. */
  retryAfter(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.limit) return 0
    const oldest = recent[0] ?? this.now()
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000))
  }

  /** Records one event for the key. */
  hit(key: string): void {
    const recent = this.recent(key)
    recent.push(this.now())
    this.hits.set(key, recent)
    if (this.hits.size > 10_000) this.prune()
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs
    return (this.hits.get(key) ?? []).filter((t) => t > cutoff)
  }

  private prune(): void {
    for (const key of [...this.hits.keys()]) {
      if (this.recent(key).length === 0) this.hits.delete(key)
    }
  }
}
