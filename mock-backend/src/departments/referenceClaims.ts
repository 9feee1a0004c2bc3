/**
 * Reference numbers (办件编号) a node may still hand out. A reference is also the number a resident types to look
 * a case up, so it must name one record.
 *
 * Two places decide it, for two reasons:
 * - Batches in flight on one node draw references before any of them is stored, so this node keeps what they
 *   claimed until the batch ends (ingest awaits between the draw and the insert; without this two batches drew
 *   the same reference and both stored it, or PostgreSQL refused the second batch with a 500).
 * - Other nodes' batches are not seen here. The store's unique index on the reference (PostgreSQL) is the claim
 *   all nodes share: a row whose reference another node stored meanwhile is refused by the store and drawn again
 *   (`IngestDone.referenceTaken`). SQLite runs one node, so the claims below see every writer.
 *
 * The days' stored references are read once per day and then kept current by this node's own batches and the
 * refusals the store reports; a reference wrongly thought taken only costs another draw.
 */
import type { Storage } from '../db/storage'

/** The claims of one batch: what it may take, what it learnt was taken, and its end. */
export interface ReferenceBatch {
  /** Claims `reference` of `day` for this batch: false when it is stored or claimed by another batch. */
  claim(reference: string, day: string): boolean
  /** Another node stored `reference` first: never offer it again. */
  takenElsewhere(reference: string, day: string): void
  /** Ends the batch: the `stored` references stay taken; every other claim of the batch is released. */
  close(stored: readonly { reference: string; day: string }[]): void
}

/** The node's reference claims (an interface, so a store-wide implementation can replace it). */
export interface ReferenceClaims {
  /** Opens the claims of one batch whose records fall on `days` (their stored references are read first). */
  open(days: readonly string[]): Promise<ReferenceBatch>
}

/** Days whose stored references are kept in memory, the least recently read dropped first. */
const DAYS_KEPT = 8

/** The claims of one node, in its memory; the store's unique index arbitrates between nodes. */
export class NodeReferenceClaims implements ReferenceClaims {
  /** Stored references per day, for the days last asked about (a Promise while the day is being read). */
  private readonly stored = new Map<string, Promise<Set<string>>>()
  /** References claimed by batches in flight, per day. */
  private readonly inFlight = new Map<string, Set<string>>()

  constructor(private readonly store: Pick<Storage, 'referencesOfDay'>) {}

  async open(days: readonly string[]): Promise<ReferenceBatch> {
    const byDay = new Map<string, Set<string>>()
    for (const day of new Set(days)) byDay.set(day, await this.storedOn(day))
    const mine: { reference: string; day: string }[] = []
    const taken = (day: string) => {
      // A day the batch did not name (a department answering for another day): known taken only by this batch.
      const set = byDay.get(day) ?? new Set<string>()
      byDay.set(day, set)
      return set
    }
    return {
      claim: (reference, day) => {
        const claimed = this.inFlight.get(day)
        if (taken(day).has(reference) || claimed?.has(reference)) return false
        if (claimed) claimed.add(reference)
        else this.inFlight.set(day, new Set([reference]))
        mine.push({ reference, day })
        return true
      },
      takenElsewhere: (reference, day) => {
        taken(day).add(reference)
      },
      close: (storedNow) => {
        for (const { reference, day } of storedNow) taken(day).add(reference)
        for (const { reference, day } of mine) {
          const claimed = this.inFlight.get(day)
          claimed?.delete(reference)
          if (claimed?.size === 0) this.inFlight.delete(day)
        }
        mine.length = 0
      },
    }
  }

  private storedOn(day: string): Promise<Set<string>> {
    let set = this.stored.get(day)
    if (set) return set
    set = this.store.referencesOfDay(day).then((references) => new Set(references))
    // A failed read is not remembered: the next batch reads the day again.
    set.catch(() => this.stored.delete(day))
    this.stored.set(day, set)
    const oldest = this.stored.keys().next().value
    if (this.stored.size > DAYS_KEPT && oldest !== undefined) this.stored.delete(oldest)
    return set
  }
}
