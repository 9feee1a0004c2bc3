/**
 * A small seeded PRNG so simulated department answers are plausible yet repeatable under DEPT_SEED.
 */
import { hash } from 'node:crypto'

/** Random helpers over one deterministic stream. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Whole number in [min, max]. */
  int(min: number, max: number): number
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T
}

/** mulberry32 seeded from SHA-256 of (seed, key): the same pair always gives the same stream. */
export function seededRng(seed: string, key: string): Rng {
  // One-shot hash (a few µs cheaper than createHash().update().digest(); the same bytes).
  let state = hash('sha256', `${seed}\u0000${key}`, 'buffer').readUInt32LE(0)
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => {
      const value = list[Math.floor(next() * list.length)]
      if (value === undefined) throw new Error('pick from an empty list')
      return value
    },
  }
}
