/**
 * The retention job: resident data is kept no longer than needed. It runs at start and then every few hours;
 * one per server today (with several nodes, a later issue makes it run once for all of them).
 */
import type { Storage } from '../db/storage'
import type { PurgeCounts } from '../db/unitsOfWork'
import type { Logger } from '../logger'

/** How often the running server purges. */
export const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

/** Purges resident data older than the retention period, now and on a timer. */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly store: Storage,
    readonly days: number,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  /** The instant before which closed cases and follow-ups lose their resident data. */
  cutoff(): string {
    return new Date(this.now().getTime() - this.days * DAY_MS).toISOString()
  }

  /** One purge; logs counts only, never what was purged. */
  async runOnce(): Promise<PurgeCounts> {
    const counts = await this.store.purgeResidentData(this.cutoff())
    if (counts.subjects + counts.contactNotes > 0)
      this.logger.info({ ...counts, days: this.days }, 'retention purge')
    return counts
  }

  /** Purges now, then every RETENTION_INTERVAL_MS until `stop`; the timer never keeps the process alive. */
  async start(): Promise<void> {
    await this.runOnce()
    this.timer ??= setInterval(() => {
      this.runOnce().catch((err: unknown) =>
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
