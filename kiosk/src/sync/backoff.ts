/** Full-jitter exponential backoff (AWS architecture blog): spreads a fleet's retries after an outage. */

/** First retry window. */
export const BACKOFF_BASE_MS = 1_000
/** Longest wait between attempts; records never expire, they just wait at most this long. */
export const BACKOFF_CAP_MS = 5 * 60_000

/** A random wait in [0, min(cap, base × 2^attempt)). */
export function fullJitterDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = BACKOFF_BASE_MS,
  capMs = BACKOFF_CAP_MS,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)))
  return Math.floor(random() * ceiling)
}
