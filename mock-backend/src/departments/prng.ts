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

/**
 * mulberry32 over one 32-bit state. A class, not closures: ingest makes two of these per record, and closures
 * built per call cost a property definition each under the server's TypeScript loader (tsx keeps names).
 */
class Mulberry32 implements Rng {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(list: readonly T[]): T {
    const value = list[Math.floor(this.next() * list.length)]
    if (value === undefined) throw new Error('pick from an empty list')
    return value
  }
}

/** mulberry32 seeded from SHA-256 of (seed, key): the same pair always gives the same stream. */
export function seededRng(seed: string, key: string): Rng {
  // One-shot hash (a few µs cheaper than createHash().update().digest(); the same bytes).
  return new Mulberry32(hash('sha256', `${seed}\u0000${key}`, 'buffer').readUInt32LE(0))
}
