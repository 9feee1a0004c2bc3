/**
 * What the backend nodes sharing one store must agree on, behind one interface: attempt counters, change
 * notices, jobs that run once, and shared countdowns. One node (SQLite) keeps them in its process
 * (`inProcess.ts`); several nodes on PostgreSQL share them through the database (`db/postgres/nodeCoordination.ts`).
 * The composition root (server.ts) takes the store's own (`Storage.nodes`) or the in-process one.
 *
 * Invariants, with their reasons:
 * - A counter's check and record are one atomic step across nodes, so the 6th wrong password is refused
 *   whichever node it reaches.
 * - A notice is delivered to every node, the sender included, after the change it announces committed; handlers
 *   only drop caches (never carry the data), so a late or repeated notice costs a recomputation, never a wrong answer.
 * - A job claim succeeds on at most one node per `minGapMs`, so a purge timed on every node runs once; `runAlone`
 *   runs its work on one node at a time (the others wait), for steps every node must take but never together.
 */
import type { AttemptCounter } from '../auth/rateLimit'
import type { NodeTopic } from './topics'

/** A countdown's state as every node sees it. */
export interface Countdown {
  remaining: number
  /** How many were taken since the countdown was created. */
  taken: number
  /** Which moment takes count (a take under another tag takes nothing). */
  tag: string
  /** The setting's other fields, as JSON text. */
  detail: string
}

/** The state the nodes of one store share. */
export interface NodeCoordination {
  /** True when other processes may share the store (PostgreSQL); false for one process (SQLite). */
  readonly shared: boolean
  /** A sliding-window counter named `limiter`: at most `limit` attempts per key in `windowMs` of `now`. */
  counter(limiter: string, limit: number, windowMs: number, now: () => number): AttemptCounter
  /** Tells every node (this one included) that `topic` changed; `payload` is short text (a day, a version). */
  publish(topic: NodeTopic, payload: string): Promise<void>
  /** Calls `handler` on every notice of `topic` from any node, from now on. */
  subscribe(topic: NodeTopic, handler: (payload: string) => void): Promise<void>
  /**
   * True on the one node that may run `job` now: no node ran it in the last `minGapMs` of real time (the
   * database's clock on PostgreSQL, so nodes' clocks and the FAULTS=on backend clock do not matter).
   */
  claimRun(job: string, minGapMs: number): Promise<boolean>
  /**
   * Runs `fn` while no other node runs a `job` of the same name (a node's start: binding the fingerprint key and
   * seeding an empty database, which two nodes started at once would otherwise both do).
   */
  runAlone<T>(job: string, fn: () => Promise<T>): Promise<T>
  /** Sets countdown `name` (taken is kept) and answers it. */
  setCountdown(name: string, remaining: number, tag: string, detail: string): Promise<Countdown>
  /** Takes one from `name` if it has any left under `tag`: the countdown after the take, or undefined. */
  takeCountdown(name: string, tag: string): Promise<Countdown | undefined>
  /** Countdown `name`, or undefined when never set. */
  readCountdown(name: string): Promise<Countdown | undefined>
  /** Stops listening (server close; the store closes its own connections). */
  close(): Promise<void>
}
