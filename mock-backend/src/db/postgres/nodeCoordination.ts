/**
 * The NodeCoordination of several backend nodes on one PostgreSQL database (nodes/coordination.ts states the
 * invariants): limiter attempts in `limiter_attempts` under a per-key advisory lock, notices over LISTEN/NOTIFY,
 * job claims and countdowns as conditional upserts (tables in migrations/0003-nodes.sql).
 */
import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import type { Sql } from 'postgres'
import type { AttemptCounter } from '../../auth/rateLimit'
import type { Countdown, NodeCoordination } from '../../nodes/coordination'
import type { NodeTopic } from '../../nodes/topics'

/** Takes per counter between two sweeps of its expired attempts (keys never seen again would otherwise stay). */
const SWEEP_EVERY_TAKES = 500

/**
 * The stored form of a limiter key: its SHA-256. Keys hold NUL separators (PostgreSQL text cannot) and staff
 * user names with client addresses, which the table has no need to show.
 */
const storedKey = (key: string): string => createHash('sha256').update(key).digest('base64url')

/** One limiter's attempts, shared by every node: check and record under the key's transaction-scoped lock. */
class SharedAttemptCounter implements AttemptCounter {
  private takesSinceSweep = 0

  constructor(
    private readonly sql: Sql,
    private readonly limiter: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  async take(raw: string): Promise<number> {
    const key = storedKey(raw)
    const at = this.now()
    const cutoff = at - this.windowMs
    const wait = await this.sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(hashtextextended(${`${this.limiter}:${key}`}, 0))`
      // One snapshot for the three parts: the insert happens only when the count (expired rows excluded) has room.
      const [row] = await tx<{ n: number; oldest: number | null }[]>`
        WITH expired AS (
          DELETE FROM limiter_attempts WHERE limiter = ${this.limiter} AND key = ${key} AND at_ms <= ${cutoff}
        ), live AS (
          SELECT count(*) AS n, min(at_ms) AS oldest FROM limiter_attempts
          WHERE limiter = ${this.limiter} AND key = ${key} AND at_ms > ${cutoff}
        ), taken AS (
          INSERT INTO limiter_attempts (limiter, key, at_ms)
          SELECT ${this.limiter}, ${key}, ${at} FROM live WHERE n < ${this.limit}
        )
        SELECT n, oldest FROM live`
      const n = row?.n ?? 0
      if (n < this.limit) return 0
      return Math.max(1, Math.ceil(((row?.oldest ?? at) + this.windowMs - at) / 1000))
    })
    if (++this.takesSinceSweep >= SWEEP_EVERY_TAKES) {
      this.takesSinceSweep = 0
      await this.sql`DELETE FROM limiter_attempts WHERE limiter = ${this.limiter} AND at_ms <= ${cutoff}`
    }
    return wait
  }

  async release(raw: string): Promise<void> {
    const key = storedKey(raw)
    await this.sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(hashtextextended(${`${this.limiter}:${key}`}, 0))`
      await tx`
        DELETE FROM limiter_attempts WHERE id = (
          SELECT id FROM limiter_attempts WHERE limiter = ${this.limiter} AND key = ${key}
          ORDER BY at_ms DESC, id DESC LIMIT 1)`
    })
  }

  async count(raw: string): Promise<number> {
    const key = storedKey(raw)
    const [row] = await this.sql<{ n: number }[]>`
      SELECT count(*) AS n FROM limiter_attempts
      WHERE limiter = ${this.limiter} AND key = ${key} AND at_ms > ${this.now() - this.windowMs}`
    return row?.n ?? 0
  }
}

/** The coordination of every node on the database behind `sql`. */
export class PostgresNodeCoordination implements NodeCoordination {
  readonly shared = true
  /** This node in `job_runs` (which node ran a job): host and process id. */
  private readonly node = `${hostname()}:${process.pid}`
  private readonly handlers = new Map<NodeTopic, ((payload: string) => void)[]>()
  private readonly listening: { unlisten(): Promise<void> }[] = []

  constructor(private readonly sql: Sql) {}

  counter(limiter: string, limit: number, windowMs: number, now: () => number): AttemptCounter {
    return new SharedAttemptCounter(this.sql, limiter, limit, windowMs, now)
  }

  async publish(topic: NodeTopic, payload: string): Promise<void> {
    await this.sql.notify(topic, payload)
  }

  /** The first subscription of a topic LISTENs on it (one dedicated connection, the driver's); resolves once listening. */
  async subscribe(topic: NodeTopic, handler: (payload: string) => void): Promise<void> {
    const known = this.handlers.get(topic)
    if (known) {
      known.push(handler)
      return
    }
    const list = [handler]
    this.handlers.set(topic, list)
    const listener = await this.sql.listen(topic, (payload) => {
      for (const h of list) h(payload)
    })
    this.listening.push(listener)
  }

  async claimRun(job: string, minGapMs: number): Promise<boolean> {
    const rows = await this.sql`
      INSERT INTO job_runs (job, ran_at, node) VALUES (${job}, now(), ${this.node})
      ON CONFLICT (job) DO UPDATE SET ran_at = excluded.ran_at, runs = job_runs.runs + 1, node = excluded.node
      WHERE job_runs.ran_at <= excluded.ran_at - make_interval(secs => ${minGapMs / 1000})
      RETURNING job`
    return rows.length === 1
  }

  /** A session advisory lock on a connection of its own: a node that dies holding it releases it with its session. */
  async runAlone<T>(job: string, fn: () => Promise<T>): Promise<T> {
    const held = await this.sql.reserve()
    try {
      await held`SELECT pg_advisory_lock(hashtextextended(${`job:${job}`}, 0))`
      return await fn()
    } finally {
      await held`SELECT pg_advisory_unlock(hashtextextended(${`job:${job}`}, 0))`.catch(() => {})
      held.release()
    }
  }

  async setCountdown(name: string, remaining: number, tag: string, detail: string): Promise<Countdown> {
    const [row] = await this.sql<Countdown[]>`
      INSERT INTO node_countdowns (name, remaining, tag, detail) VALUES (${name}, ${remaining}, ${tag}, ${detail})
      ON CONFLICT (name) DO UPDATE SET remaining = excluded.remaining, tag = excluded.tag, detail = excluded.detail
      RETURNING remaining, taken, tag, detail`
    return { ...row! }
  }

  async takeCountdown(name: string, tag: string): Promise<Countdown | undefined> {
    const [row] = await this.sql<Countdown[]>`
      UPDATE node_countdowns SET remaining = remaining - 1, taken = taken + 1
      WHERE name = ${name} AND tag = ${tag} AND remaining > 0
      RETURNING remaining, taken, tag, detail`
    return row ? { ...row } : undefined
  }

  async readCountdown(name: string): Promise<Countdown | undefined> {
    const [row] = await this.sql<Countdown[]>`
      SELECT remaining, taken, tag, detail FROM node_countdowns WHERE name = ${name}`
    return row ? { ...row } : undefined
  }

  async close(): Promise<void> {
    const listeners = this.listening.splice(0)
    this.handlers.clear()
    await Promise.allSettled(listeners.map((l) => l.unlisten()))
  }
}
