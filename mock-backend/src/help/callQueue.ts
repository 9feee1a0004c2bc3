/**
 * Who is waiting for a helper and who answered whom, behind one interface so several nodes can share it later
 * (README "帮办 calls": the shared one keeps the rows in the store and announces changes through
 * NodeCoordination's notices). Invariants, with their reasons:
 * - `claim` is the one step that gives a call to a helper, and it succeeds once: two helpers answering at the same
 *   moment cannot both get the resident.
 * - A call leaves the queue when claimed or ended, so every helper's list shows only calls still to answer.
 */
import type { QueuedCall } from '../contract/helpCall'

/** The queue and assignment state of 帮办 calls. */
export interface HelpCallQueue {
  /** Puts a new call at the end of the queue. */
  place(call: QueuedCall): Promise<void>
  /** Gives the call to `helper` when it still waits: the call, or undefined when another helper was first. */
  claim(callId: string, helper: string): Promise<QueuedCall | undefined>
  /** Forgets the call, waiting or answered. */
  end(callId: string): Promise<void>
  /** The calls still waiting, oldest first. */
  waiting(): Promise<QueuedCall[]>
}

/** One node's queue, in this process's memory (SQLite deployments run one node). */
export class InProcessHelpCallQueue implements HelpCallQueue {
  readonly #waiting = new Map<string, QueuedCall>()
  readonly #answered = new Map<string, string>()

  async place(call: QueuedCall): Promise<void> {
    this.#waiting.set(call.callId, call)
  }

  async claim(callId: string, helper: string): Promise<QueuedCall | undefined> {
    const call = this.#waiting.get(callId)
    if (!call) return undefined
    this.#waiting.delete(callId)
    this.#answered.set(callId, helper)
    return call
  }

  async end(callId: string): Promise<void> {
    this.#waiting.delete(callId)
    this.#answered.delete(callId)
  }

  async waiting(): Promise<QueuedCall[]> {
    return [...this.#waiting.values()].sort((a, b) => a.since - b.since)
  }
}
