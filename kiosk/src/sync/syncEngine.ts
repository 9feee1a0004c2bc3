/**
 * One sync run: the outbox in batches (oldest first), then dirty counters as absolute values.
 * The sync machine decides when to run; this module decides what a run does with each answer.
 */
import type { DepartmentResult, RecordOutcome, TransactionRecord } from '../../../mock-backend/src/contract'
import { MAX_COUNTERS_PER_PAYLOAD, MAX_RECORDS_PER_BATCH } from '../../../mock-backend/src/contract/constants'
import { markCountersAcked, unackedCounters } from '../storage/counterStore'
import {
  type DeadLetter,
  type KioskDatabase,
  type OutboxEntry,
  type StoredOutboxEntry,
  setMeta,
} from '../storage/db'
import { type RecordDisposition, settleBatch, takeBatch } from '../storage/outboxStore'
import { type BackendClient, BackendError, refusalMessage, refusesContent } from './backendClient'
import { fullJitterDelay } from './backoff'
import { BATCH_RECORD_BYTES } from './batchBytes'

/** The contract's batch limit. */
export const OUTBOX_BATCH_SIZE = MAX_RECORDS_PER_BATCH
/** A batch's records stay within the body limit: the backend refuses a larger body whole with 413. */
const BATCH_BUDGET = {
  bytes: BATCH_RECORD_BYTES,
  weigh: (entry: StoredOutboxEntry) => entry.wireBytes,
}
/** Batches on the wire at once during a drain (the backend answers each batch on its own). */
export const OUTBOX_PARALLEL_BATCHES = 2
/** The contract's counters limit per request. */
export const COUNTERS_BATCH_SIZE = MAX_COUNTERS_PER_PAYLOAD

/** What a waiting `submit` learns about its record. */
export type SettledOutcome =
  | { state: 'done'; result: DepartmentResult }
  | { state: 'rejected'; message: string; code: number }

/** What a run needs; all injectable. */
export interface SyncDeps {
  db: () => Promise<KioskDatabase>
  client: BackendClient
  now: () => Date
  random?: () => number
  /** Called for every record that reached a final state (delivered or dead-lettered), with the record. */
  onSettled?: (key: string, outcome: SettledOutcome, record?: TransactionRecord) => void
}

/** Summary of a run, for tests and logs (counts only, no personal data). */
export interface SyncReport {
  batches: number
  delivered: number
  deadLettered: number
  retried: number
  countersSent: number
}

/**
 * Sends every due outbox record, then the counters. A batch refused whole for its content is split (see
 * `deliver`); any other whole-request failure (network, timeout, 401/403/409, 408/429/5xx) puts the
 * undecided records back to pending and rethrows so the machine decides what to do.
 */
export async function runSyncOnce(deps: SyncDeps): Promise<SyncReport> {
  const report: SyncReport = { batches: 0, delivered: 0, deadLettered: 0, retried: 0, countersSent: 0 }
  await sendOutbox(deps, report)
  report.countersSent = await sendCounters(deps)
  const db = await deps.db()
  await setMeta(db, 'lastSyncAt', deps.now().toISOString())
  return report
}

/**
 * Sends one batch alone first (a backend that has just come back is not hit by every lane at once), then
 * runs OUTBOX_PARALLEL_BATCHES lanes, so one batch's IndexedDB work overlaps another's request. Lanes
 * never share a record (takeBatch marks what it takes inflight in its transaction). After a whole-request
 * failure the other lanes finish their current batch, then the first error is rethrown.
 */
async function sendOutbox(deps: SyncDeps, report: SyncReport): Promise<void> {
  const first = report.batches
  if (await sendBatches(deps, report, () => report.batches === first)) return
  let failure: { error: unknown } | null = null
  const lane = () =>
    sendBatches(deps, report, () => failure === null).catch((error: unknown) => {
      failure ??= { error }
    })
  await Promise.all(Array.from({ length: OUTBOX_PARALLEL_BATCHES }, lane))
  if (failure) throw (failure as { error: unknown }).error
}

/**
 * One lane: takes, sends and settles batches while `goOn()` allows (another lane has not failed).
 * Resolves true when nothing due was left.
 */
async function sendBatches(deps: SyncDeps, report: SyncReport, goOn: () => boolean): Promise<boolean> {
  while (goOn()) {
    const db = await deps.db()
    const batch = await takeBatch(db, OUTBOX_BATCH_SIZE, deps.now().getTime(), BATCH_BUDGET)
    if (batch.length === 0) return true
    report.batches += 1
    await sendBatch(deps, report, batch)
  }
  return false
}

/** What the records of one taken batch came to, filled as their answers arrive. */
interface BatchProgress {
  dispositions: RecordDisposition[]
  settled: Array<[string, SettledOutcome, TransactionRecord]>
}

/**
 * Sends one taken batch (splitting it when refused whole for its content) and settles every record of it
 * in one transaction: decided records as answered, the rest back to pending when a request failed.
 */
async function sendBatch(deps: SyncDeps, report: SyncReport, batch: OutboxEntry[]): Promise<void> {
  const progress: BatchProgress = { dispositions: [], settled: [] }
  let failure: { error: unknown } | null = null
  try {
    // 申请材料 go before their records (materialDelivery.ts, loaded only for a batch that carries any).
    const ready = batch.some((entry) => entry.record.materials)
      ? await (await import('./materialDelivery')).sendMaterials(deps.client.call, batch, (entry, error) =>
          deadLetter(
            report,
            progress,
            entry,
            'refused',
            error.status ?? 400,
            refusalMessage(error),
            deps.now(),
          ),
        )
      : batch
    await deliver(deps, report, ready, progress)
  } catch (error) {
    failure = { error }
  }
  const decided = new Set(progress.dispositions.map((d) => d.key))
  const unsent = batch
    .filter((entry) => !decided.has(entry.key))
    .map((entry): RecordDisposition => ({ key: entry.key, kind: 'unsent' }))
  await settleBatch(await deps.db(), [...progress.dispositions, ...unsent])
  // Tell waiters only after the outcome is committed.
  for (const [key, outcome, record] of progress.settled) deps.onSettled?.(key, outcome, record)
  if (failure) throw failure.error
}

/**
 * Posts `entries`; when the backend refuses the request whole for its content (400, 413, 422) the entries
 * are bisected until the refused records stand alone, and those are dead-lettered with the refusal, so one
 * bad record never blocks the rest. Any other failure is rethrown (the caller keeps what was not decided).
 */
async function deliver(
  deps: SyncDeps,
  report: SyncReport,
  entries: OutboxEntry[],
  progress: BatchProgress,
): Promise<void> {
  let outcomes: RecordOutcome[]
  try {
    outcomes = (await deps.client.postTransactions(entries.map((e) => e.record))).outcomes
  } catch (error) {
    if (!(error instanceof BackendError && refusesContent(error))) throw error
    const [only] = entries
    if (entries.length === 1 && only) {
      deadLetter(report, progress, only, 'refused', error.status ?? 400, refusalMessage(error), deps.now())
      return
    }
    const half = Math.ceil(entries.length / 2)
    await deliver(deps, report, entries.slice(0, half), progress)
    await deliver(deps, report, entries.slice(half), progress)
    return
  }
  const random = deps.random ?? Math.random
  const byKey = new Map(outcomes.map((o) => [o.key, o]))
  const at = deps.now()
  const retryAt = (entry: OutboxEntry) => at.getTime() + fullJitterDelay(entry.attempts + 1, random)
  for (const entry of entries) {
    const outcome = byKey.get(entry.key)
    if (!outcome || outcome.status === 'retry') {
      // 'retry': the department is down or slow; keep it and try again later. A record the answer
      // skipped is treated the same, so the run cannot spin.
      report.retried += 1
      progress.dispositions.push({ key: entry.key, kind: 'retry', nextAttemptAt: retryAt(entry) })
    } else if (outcome.status === 'ok') {
      report.delivered += 1
      progress.settled.push([entry.key, { state: 'done', result: outcome.result }, entry.record])
      progress.dispositions.push({ key: entry.key, kind: 'delivered' })
    } else deadLetter(report, progress, entry, outcome.status, outcome.code, outcome.message, at)
  }
}

function deadLetter(
  report: SyncReport,
  progress: BatchProgress,
  entry: OutboxEntry,
  reason: DeadLetter['reason'],
  code: number,
  message: string,
  at: Date,
): void {
  report.deadLettered += 1
  progress.settled.push([entry.key, { state: 'rejected', message, code }, entry.record])
  progress.dispositions.push({ key: entry.key, kind: 'dead', reason, code, message, at: at.toISOString() })
}

/**
 * Sends the dirty counters in chunks. The backend answers each counter on its own; a refused one (out of
 * bounds, bad day) is refused for good, so it is marked sent like the others and never blocks a later run.
 */
async function sendCounters(deps: SyncDeps): Promise<number> {
  const db = await deps.db()
  const dirty = await unackedCounters(db)
  let sent = 0
  for (let i = 0; i < dirty.length; i += COUNTERS_BATCH_SIZE) {
    const chunk = dirty.slice(i, i + COUNTERS_BATCH_SIZE)
    await deps.client.postCounters(
      chunk.map(({ day, itemCode, metric, value }) => ({ day, itemCode, metric, value })),
    )
    await markCountersAcked(await deps.db(), chunk)
    sent += chunk.length
  }
  return sent
}
