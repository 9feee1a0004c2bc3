/**
 * The admin's ingest fault switch shared by every node: "fail the next N batches" counts batches whichever node
 * they reach. The count is a shared countdown (NodeCoordination), taken atomically per batch; each node keeps
 * only an `armed` hint so that batches pay no query while no fault is set, and a notice re-arms every node.
 */
import type { NodeCoordination } from '../nodes/coordination'
import { NODE_TOPICS } from '../nodes/topics'
import type { FaultMoment, FaultStatus } from './faultStatuses'
import {
  type IngestFaultChange,
  type IngestFaultState,
  type IngestFaultSwitch,
  injectedFault,
} from './ingestFaults'

/** The countdown's name among the nodes' countdowns. */
const COUNTDOWN = 'ingest-faults'

/** Every node's ingest fault switch (built by createAppDeps when the store is shared). */
export class SharedIngestFaults implements IngestFaultSwitch {
  /** False only once a look found nothing left; every notice sets it again. */
  private armed = true
  private notices = 0

  private constructor(private readonly nodes: NodeCoordination) {}

  /** Listens for other nodes' changes; applies the start-time setting (INGEST_FAIL_FIRST) when it sets any. */
  static async start(nodes: NodeCoordination, initial: IngestFaultChange): Promise<SharedIngestFaults> {
    const faults = new SharedIngestFaults(nodes)
    await nodes.subscribe(NODE_TOPICS.ingestFaults, () => {
      faults.notices += 1
      faults.armed = true
    })
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
    await this.nodes.publish(NODE_TOPICS.ingestFaults, '')
    return this.view()
  }

  async check(moment: FaultMoment): Promise<void> {
    if (!this.armed) return
    const seen = this.notices
    const taken = await this.nodes.takeCountdown(COUNTDOWN, moment)
    if (taken) throw injectedFault(statusOf(taken.detail), moment)
    const left = await this.nodes.readCountdown(COUNTDOWN)
    // A notice while we looked may announce a new setting the look missed: stay armed then.
    if (this.notices === seen && (left?.remaining ?? 0) === 0) this.armed = false
  }
}

function statusOf(detail: string): FaultStatus {
  return (JSON.parse(detail) as { status: FaultStatus }).status
}
