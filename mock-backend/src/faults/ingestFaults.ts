/**
 * A real fault hook for the transaction ingest: "answer the next N batches with HTTP <status>",
 * either before anything is stored or after the batch was committed (the answer is lost). It lets
 * tests and demos prove that terminals retry with backoff and that nothing is stored twice.
 */
import { ApiError } from '../http/errors'
import type { FaultMoment, FaultStatus } from './faultStatuses'

/** What the admin route shows and sets. */
export interface IngestFaultState {
  /** Batches still to fail. */
  failNext: number
  status: FaultStatus
  when: FaultMoment
  /** Batches failed since the process started (for tests and the demo). */
  injected: number
}

/** The ingest fault switch the routes use: one process's (`IngestFaults`) or every node's (`SharedIngestFaults`). */
export interface IngestFaultSwitch {
  /** The current setting. */
  view(): IngestFaultState | Promise<IngestFaultState>
  /** Replaces the setting (the injected count is kept). */
  set(next: IngestFaultChange): IngestFaultState | Promise<IngestFaultState>
  /** Throws the configured error when a fault is due at this moment of a batch, and counts it down. */
  check(moment: FaultMoment): void | Promise<void>
}

/** What an admin sets (status and moment default to 500 and before). */
export interface IngestFaultChange {
  failNext: number
  status?: FaultStatus
  when?: FaultMoment
}

/** The ingest fault switch of one process (built by createAppDeps from the config's INGEST_FAIL_*). */
export class IngestFaults implements IngestFaultSwitch {
  private state: IngestFaultState

  constructor(initial: Partial<Omit<IngestFaultState, 'injected'>> = {}) {
    this.state = { failNext: 0, status: 500, when: 'before', injected: 0, ...initial }
  }

  /** The current setting. */
  view(): IngestFaultState {
    return { ...this.state }
  }

  /** Replaces the setting (the injected count is kept). */
  set(next: IngestFaultChange): IngestFaultState {
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
    throw injectedFault(this.state.status, moment)
  }
}

/** The error of one injected fault: what the terminal gets, and whether the batch was stored. */
export function injectedFault(status: FaultStatus, moment: FaultMoment): ApiError {
  return new ApiError(
    status,
    'injected_fault',
    moment === 'before'
      ? `fault injected by an admin: batch refused (HTTP ${status}), nothing stored`
      : `fault injected by an admin: batch stored but answered HTTP ${status}`,
  )
}
