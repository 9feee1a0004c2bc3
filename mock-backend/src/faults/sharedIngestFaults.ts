/**
 * The admin's ingest fault switch (FAULTS=on) shared by every node: "fail the next N batches" counts batches
 * whichever node they reach. The count is a shared countdown (NodeCoordination), taken atomically per batch, so a
 * switch set on node A holds for node B's very next batch. Each batch pays one indexed UPDATE for it, and only on a
 * shared store with the fault routes on (tests, demos, the fleet simulator); otherwise createAppDeps builds the
 * in-process `IngestFaults`.
 */
import type { NodeCoordination } from '../nodes/coordination'
import type { FaultMoment, FaultStatus } from './faultStatuses'
import {
  type IngestFaultChange,
  type IngestFaultState,
  type IngestFaultSwitch,
  injectedFault,
} from './ingestFaults'

/** The countdown's name among the nodes' countdowns. */
const COUNTDOWN = 'ingest-faults'

/** Every node's ingest fault switch (built by createAppDeps when the store is shared and FAULTS=on). */
export class SharedIngestFaults implements IngestFaultSwitch {
  private constructor(private readonly nodes: NodeCoordination) {}

  /** The shared switch; the start-time setting (INGEST_FAIL_FIRST), when it sets any, replaces the shared one. */
  static async start(nodes: NodeCoordination, initial: IngestFaultChange): Promise<SharedIngestFaults> {
    const faults = new SharedIngestFaults(nodes)
    if (initial.failNext > 0) await faults.set(initial)
    return faults
  }

  async view(): Promise<IngestFaultState> {
    const c = await this.nodes.readCountdown(COUNTDOWN)
    if (!c) return { failNext: 0, status: 500, when: 'before', injected: 0 }
    return {
      failNext: c.remaining,
      status: statusOf(c.detail),
      when: c.tag as FaultMoment,
      injected: c.taken,
    }
  }

  async set(next: IngestFaultChange): Promise<IngestFaultState> {
    await this.nodes.setCountdown(
      COUNTDOWN,
      next.failNext,
      next.when ?? 'before',
      JSON.stringify({ status: next.status ?? 500 }),
    )
    return this.view()
  }

  async check(moment: FaultMoment): Promise<void> {
    const taken = await this.nodes.takeCountdown(COUNTDOWN, moment)
    if (taken) throw injectedFault(statusOf(taken.detail), moment)
  }
}

function statusOf(detail: string): FaultStatus {
  return (JSON.parse(detail) as { status: FaultStatus }).status
}
