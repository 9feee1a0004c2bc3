/** The shape every benchmark reports, so `npm run bench` can print one table and one JSON file. */
export interface Figure {
  /** Stable name, e.g. `kiosk.entry.js.gz`. */
  name: string
  value: number
  unit: string
  /** The target as a readable bound, e.g. `<= 45 kB`. */
  target?: string
  /** Whether the value meets the target (absent when there is no target). */
  ok?: boolean
  /** Context: the baseline a ratio was taken against, sample sizes … */
  note?: string
}

/** Builds a figure with an upper bound. */
export function atMost(name: string, value: number, unit: string, limit: number, note?: string): Figure {
  return { name, value, unit, target: `<= ${limit} ${unit}`, ok: value <= limit, note }
}

/** Builds a figure with a lower bound. */
export function atLeast(name: string, value: number, unit: string, limit: number, note?: string): Figure {
  return { name, value, unit, target: `>= ${limit} ${unit}`, ok: value >= limit, note }
}

/** p-th percentile of samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
}

/** Median of samples (mean of the middle two for an even count), the robust centre of a few noisy runs. */
export function median(samples: number[]): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Rounds a figure for the table (milliseconds and ratios read best with one or two decimals). */
export const round = (value: number, digits = 1): number => Number(value.toFixed(digits))
