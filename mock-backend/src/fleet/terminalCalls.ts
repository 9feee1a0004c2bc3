/**
 * What a virtual terminal says on one sync: a heartbeat, its records in batches and its counters in chunks, as
 * the kiosk's sync engine does (the same batch size, byte budget, parallelism and full-jitter backoff, imported
 * from the kiosk), over the contract's `fetchRoute`. Not the kiosk's IndexedDB engine: records live in memory.
 */
import { fullJitterDelay } from '../../../kiosk/src/sync/backoff'
import { BATCH_RECORD_BYTES, recordWireBytes } from '../../../kiosk/src/sync/batchBytes'
import {
  COUNTERS_BATCH_SIZE,
  OUTBOX_BATCH_SIZE,
  OUTBOX_PARALLEL_BATCHES,
} from '../../../kiosk/src/sync/syncEngine'
import {
  type AnswerOf,
  type AnyRoute,
  type Counter,
  fetchRoute,
  type RouteCall,
  TERMINAL_ROUTES,
  type TransactionRecord,
} from '../contract'
import type { Rng } from '../departments/prng'
import { FAULT_STATUSES } from '../faults/faultStatuses'
import type { FleetTally } from './stats'

/** Attempts of one call (or one record) before it counts as an error: bounded, like every fleet loop. */
export const MAX_ATTEMPTS = 6
/** The backoff's waits are divided by this: the fleet runs compressed, so a 1 s wait becomes 10 ms. */
const BACKOFF_DIVISOR = 100

/** How one terminal reaches the backend. */
export interface TerminalLink {
  fetch: typeof fetch
  url: string
  token: string
  rng: Rng
  tally: FleetTally
}

/** A call failed for good: the answer's status and code. */
export class FleetCallError extends Error {}

const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms))
/** Statuses worth another attempt: the ones a terminal treats as "try again later" (faultStatuses.ts). */
const RETRYABLE: ReadonlySet<number> = new Set(FAULT_STATUSES)

/** One call, retried with full jitter on a network failure or a retryable status; throws after MAX_ATTEMPTS. */
export async function call<R extends AnyRoute>(
  link: TerminalLink,
  route: R,
  body: RouteCall<R>['body'],
): Promise<AnswerOf<R>> {
  for (let attempt = 0; ; attempt++) {
    const started = performance.now()
    let status = 0
    try {
      const res = await fetchRoute(link.fetch, link.url, route, {
        body,
        headers: { Authorization: `Bearer ${link.token}` },
      })
      status = res.status
      const text = await res.text()
      if (res.ok) {
        if (route === TERMINAL_ROUTES.transactions) link.tally.batchMs.push(performance.now() - started)
        return JSON.parse(text) as AnswerOf<R>
      }
      if (!RETRYABLE.has(status))
        throw new FleetCallError(`${route.path} answered ${status}: ${text.slice(0, 200)}`)
    } catch (error) {
      if (error instanceof FleetCallError || attempt + 1 >= MAX_ATTEMPTS) throw error
    }
    if (attempt + 1 >= MAX_ATTEMPTS)
      throw new FleetCallError(`${route.path} answered ${status} ${MAX_ATTEMPTS} times`)
    link.tally.retries += 1
    await wait(fullJitterDelay(attempt, () => link.rng.next()) / BACKOFF_DIVISOR)
  }
}

/** Splits records as the kiosk's outbox does: at most OUTBOX_BATCH_SIZE and BATCH_RECORD_BYTES per batch. */
export function batchesOf(records: readonly TransactionRecord[]): TransactionRecord[][] {
  const batches: TransactionRecord[][] = []
  let current: TransactionRecord[] = []
  let bytes = 0
  for (const record of records) {
    const weight = recordWireBytes(record)
    if (current.length > 0 && (current.length >= OUTBOX_BATCH_SIZE || bytes + weight > BATCH_RECORD_BYTES)) {
      batches.push(current)
      current = []
      bytes = 0
    }
    current.push(record)
    bytes += weight
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** Delivers records: OUTBOX_PARALLEL_BATCHES batches at once; a record answered `retry` goes again, bounded. */
export async function sendRecords(link: TerminalLink, records: readonly TransactionRecord[]): Promise<void> {
  let pending = [...records]
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ATTEMPTS) {
      link.tally.errors += pending.length
      return
    }
    if (round > 0) {
      link.tally.retries += 1
      await wait(fullJitterDelay(round, () => link.rng.next()) / BACKOFF_DIVISOR)
    }
    const again: TransactionRecord[] = []
    const queue = batchesOf(pending)
    const worker = async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        link.tally.batches += 1
        if (round === 0) link.tally.sent += batch.length
        const answer = await call(link, TERMINAL_ROUTES.transactions, { records: batch })
        answer.outcomes.forEach((outcome, i) => {
          if (outcome.status === 'ok') {
            link.tally[outcome.replayed ? 'replayed' : 'stored'] += 1
            link.tally.references.set(outcome.key, outcome.result.reference)
          } else if (outcome.status === 'retry') again.push(batch[i]!)
          else link.tally.errors += 1
        })
      }
    }
    await Promise.all(Array.from({ length: OUTBOX_PARALLEL_BATCHES }, worker))
    pending = again
  }
}

/** Reports counters in chunks of COUNTERS_BATCH_SIZE; a counter refused or quarantined is an error. */
export async function sendCounters(link: TerminalLink, counters: readonly Counter[]): Promise<void> {
  for (let i = 0; i < counters.length; i += COUNTERS_BATCH_SIZE) {
    const answer = await call(link, TERMINAL_ROUTES.counters, {
      counters: counters.slice(i, i + COUNTERS_BATCH_SIZE),
    })
    link.tally.counterCalls += 1
    link.tally.countersAccepted += answer.accepted
    link.tally.errors += answer.outcomes.filter((o) => o.status !== 'accepted').length
  }
}

/** A heartbeat as a healthy, idle terminal with an empty outbox sends it. */
export async function sendHeartbeat(
  link: TerminalLink,
  lastSyncAt: string | null,
  catalogVersion: number,
): Promise<void> {
  await call(link, TERMINAL_ROUTES.heartbeat, {
    status: 'idle',
    queueLength: 0,
    oldestUnsentAt: null,
    lastSyncAt,
    storage: { usage: 2_000_000, quota: 2_000_000_000, persisted: true },
    printer: 'ok',
    appVersion: 'fleet',
    catalogVersion,
    deadLetters: { count: 0, reasons: {} },
  })
  link.tally.heartbeats += 1
}
