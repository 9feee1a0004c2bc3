/** The fleet's tallies and the figures its summary prints. */

/** What a run sent and what the backend answered. */
export interface FleetTally {
  sent: number
  stored: number
  replayed: number
  /** Records refused for good (conflict, rejected) and calls that failed after every retry: must stay 0. */
  errors: number
  batches: number
  heartbeats: number
  counterCalls: number
  countersAccepted: number
  retries: number
  /** Wall ms of each transactions call, for p50/p99. */
  batchMs: number[]
  /** The reference number each record stored or replayed was answered with, by key (the province check's input). */
  references: Map<string, string>
}

/** An empty tally. */
export function newTally(): FleetTally {
  return {
    sent: 0,
    stored: 0,
    replayed: 0,
    errors: 0,
    batches: 0,
    heartbeats: 0,
    counterCalls: 0,
    countersAccepted: 0,
    retries: 0,
    batchMs: [],
    references: new Map(),
  }
}

/** The `p`-th percentile (0–100) by nearest rank; 0 for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}
