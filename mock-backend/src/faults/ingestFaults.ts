/**
 * A real fault hook for the transaction ingest: "answer the next N batches with HTTP <status>",
 * either before anything is stored or after the batch was committed (the answer is lost). It lets
 * tests and demos prove that terminals retry with backoff and that nothing is stored twice.
 */
import type { AppDeps } from '../deps'
import { ApiError } from '../http/errors'

/** Statuses a fault may answer with: the ones a terminal must treat as "try again later". */
export const FAULT_STATUSES = [408, 429, 500, 502, 503, 504] as const
/** One of FAULT_STATUSES. */
export type FaultStatus = (typeof FAULT_STATUSES)[number]
/** 'before': nothing is stored. 'after': the batch is stored, then the answer is replaced by the error. */
export type FaultMoment = 'before' | 'after'

/** What the admin route shows and sets. */
export interface IngestFaultState {
  /** Batches still to fail. */
  failNext: number
  status: FaultStatus
  when: FaultMoment
  /** Batches failed since the process started (for tests and the demo). */
  injected: number
}

/** The ingest fault switch of one running server. */
export class IngestFaults {
  private state: IngestFaultState

  constructor(initial: Partial<Omit<IngestFaultState, 'injected'>> = {}) {
    this.state = { failNext: 0, status: 500, when: 'before', injected: 0, ...initial }
  }

  /** The current setting. */
  view(): IngestFaultState {
    return { ...this.state }
  }

  /** Replaces the setting (the injected count is kept). */
  set(next: { failNext: number; status?: FaultStatus; when?: FaultMoment }): IngestFaultState {
    this.state = {
      failNext: next.failNext,
      status: next.status ?? 500,
      when: next.when ?? 'before',
      injected: this.state.injected,
    }
    return this.view()
  }

  /** Throws the configured error when a fault is due at this moment of a batch, and counts it down. */
  check(moment: FaultMoment): void {
    if (this.state.failNext <= 0 || this.state.when !== moment) return
    this.state.failNext -= 1
    this.state.injected += 1
    throw new ApiError(
      this.state.status,
      'injected_fault',
      moment === 'before'
        ? `fault injected by an admin: batch refused (HTTP ${this.state.status}), nothing stored`
        : `fault injected by an admin: batch stored but answered HTTP ${this.state.status}`,
    )
  }
}

/** Reads INGEST_FAIL_FIRST (N), INGEST_FAIL_STATUS and INGEST_FAIL_WHEN ('before' | 'after'). */
export function ingestFaultsFromEnv(env: NodeJS.ProcessEnv): IngestFaults {
  const raw = env.INGEST_FAIL_FIRST?.trim()
  if (!raw) return new IngestFaults()
  const failNext = Number(raw)
  if (!Number.isInteger(failNext) || failNext < 0 || failNext > 1_000_000)
    throw new Error(`INGEST_FAIL_FIRST: "${raw}" is not a whole number of batches`)
  const status = Number(env.INGEST_FAIL_STATUS ?? 500)
  if (!(FAULT_STATUSES as readonly number[]).includes(status))
    throw new Error(`INGEST_FAIL_STATUS: ${status} is not one of ${FAULT_STATUSES.join(', ')}`)
  const when = env.INGEST_FAIL_WHEN ?? 'before'
  if (when !== 'before' && when !== 'after')
    throw new Error(`INGEST_FAIL_WHEN: "${when}" must be before or after`)
  return new IngestFaults({ failNext, status: status as FaultStatus, when })
}

const byServer = new WeakMap<AppDeps, IngestFaults>()

/** The fault switch of one server (created from the environment on first use). */
export function ingestFaultsOf(deps: AppDeps, env: NodeJS.ProcessEnv = process.env): IngestFaults {
  let faults = byServer.get(deps)
  if (!faults) {
    faults = ingestFaultsFromEnv(env)
    byServer.set(deps, faults)
  }
  return faults
}
