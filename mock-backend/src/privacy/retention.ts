/**
 * The retention job: resident data is kept no longer than needed (and a call-back's number no longer than
 * CALLBACK_NUMBER_RETENTION_DAYS after its task closed). It runs at start and then every few hours,
 * once across every node sharing the store: each node's timer first claims the run (NodeCoordination.claimRun),
 * and only the node whose claim succeeds purges.
 */
import { CALLBACK_NUMBER_RETENTION_DAYS } from '../contract/helpDeskRules'
import type { Storage } from '../db/storage'
import type { PurgeCounts } from '../db/unitsOfWork'
import type { Logger } from '../logger'
import type { Materials } from '../materials/materials'
import type { NodeCoordination } from '../nodes/coordination'

/** How often the running server purges. */
export const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
/**
 * A node runs the timed purge only when no node ran it in the last half interval: nodes started a moment apart
 * purge once per interval between them, and a node whose timer drifts never skips a whole interval.
 */
export const RETENTION_MIN_GAP_MS = RETENTION_INTERVAL_MS / 2
/** The job's name among the nodes' claims. */
const JOB = 'retention'

/** What one purge removed, by kind (counts only). */
export type RetentionCounts = PurgeCounts & { callbackNumbers: number; materials: number }

/** Purges resident data older than the retention period, now and on a timer. */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly store: Storage,
    readonly days: number,
    private readonly now: () => Date,
    private readonly logger: Logger,
    private readonly nodes: Pick<NodeCoordination, 'claimRun'>,
    private readonly materials: Pick<Materials, 'purge'>,
  ) {}

  /** The instant before which closed cases and follow-ups lose their resident data. */
  cutoff(): string {
    return new Date(this.now().getTime() - this.days * DAY_MS).toISOString()
  }

  /** The instant before which closed call-back tasks lose their number (CALLBACK_NUMBER_RETENTION_DAYS). */
  callbackCutoff(): string {
    return new Date(this.now().getTime() - CALLBACK_NUMBER_RETENTION_DAYS * DAY_MS).toISOString()
  }

  /** One purge; logs counts only, never what was purged. */
  async runOnce(): Promise<RetentionCounts> {
    const counts = {
      ...(await this.store.purgeResidentData(this.cutoff())),
      callbackNumbers: await this.store.helpDesk.purgeNumbers(this.callbackCutoff()),
      // A case's materials go with its personal data; orphans after MATERIAL_ORPHAN_HOURS (materials/materials.ts).
      materials: await this.materials.purge(this.cutoff()),
    }
    if (counts.subjects + counts.contactNotes + counts.callbackNumbers + counts.materials > 0)
      this.logger.info({ ...counts, days: this.days }, 'retention purge')
    return counts
  }

  /** One purge if this node wins the claim of this interval (several nodes: only one does); null when it did not. */
  async runClaimed(): Promise<RetentionCounts | null> {
    if (!(await this.nodes.claimRun(JOB, RETENTION_MIN_GAP_MS))) return null
    return this.runOnce()
  }

  /** Purges now, then every RETENTION_INTERVAL_MS until `stop`, each time if claimed; the timer never keeps the process alive. */
  async start(): Promise<void> {
    await this.runClaimed()
    this.timer ??= setInterval(() => {
      this.runClaimed().catch((err: unknown) =>
        this.logger.error(
          { err: { name: (err as Error).name, message: (err as Error).message } },
          'retention purge failed',
        ),
      )
    }, RETENTION_INTERVAL_MS)
    this.timer.unref()
  }

  /** Stops the timer (server close). */
  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
