/**
 * Who is waiting for a helper and who answered whom, behind one interface so several nodes share it: one node's
 * memory here, rows in PostgreSQL for several (db/postgres/helpCallSharing.ts). Invariants, with their reasons:
 * - `claim` is the one step that gives a call to a helper, and it succeeds once, on any node: two helpers
 *   answering at the same moment cannot both get the resident.
 * - A call leaves the queue when claimed or ended, so every helper's list shows only calls still to answer.
 * - `end` succeeds once and answers what the call was (answered by whom, when): the node that ends a call is the
 *   one that records it, so a call both ends hang up at once is recorded once.
 */
import type { QueuedCall } from '../contract/helpCall'

/** What a call's record needs besides the queue's view (help/callRecords.ts): never anything of the resident. */
export interface CallRecordFacts {
  terminalId: string
  districtCode: string
  itemCode: string | null
}

/** A call as it ended: when it was answered and by whom, if it was, and the facts its record keeps. */
export interface EndedCall {
  call: QueuedCall
  facts: CallRecordFacts
  helper?: string
  /** When the helper answered (epoch ms, the clock `claim` was given). */
  answeredAt?: number
}

/** The queue and assignment state of 帮办 calls. */
export interface HelpCallQueue {
  /** Puts a new call at the end of the queue, with the facts its record will keep. */
  place(call: QueuedCall, facts: CallRecordFacts): Promise<void>
  /** Gives the call to `helper` at `at` when it still waits: the call, or undefined when another helper was first. */
  claim(callId: string, helper: string, at: number): Promise<QueuedCall | undefined>
  /** Ends the call, waiting or answered: what it was, or undefined when it had already ended. */
  end(callId: string): Promise<EndedCall | undefined>
  /** The calls still waiting, oldest first. */
  waiting(): Promise<QueuedCall[]>
}

/** One node's queue, in this process's memory (SQLite deployments run one node). */
export class InProcessHelpCallQueue implements HelpCallQueue {
  readonly #calls = new Map<string, EndedCall>()

  async place(call: QueuedCall, facts: CallRecordFacts): Promise<void> {
    this.#calls.set(call.callId, { call, facts })
  }

  async claim(callId: string, helper: string, at: number): Promise<QueuedCall | undefined> {
    const entry = this.#calls.get(callId)
    if (!entry || entry.helper) return undefined
    entry.helper = helper
    entry.answeredAt = at
    return entry.call
  }

  async end(callId: string): Promise<EndedCall | undefined> {
    const entry = this.#calls.get(callId)
    this.#calls.delete(callId)
    return entry
  }

  async waiting(): Promise<QueuedCall[]> {
    return [...this.#calls.values()]
      .filter((entry) => !entry.helper)
      .map((entry) => entry.call)
      .sort((a, b) => a.since - b.since)
  }
}

/**
 * A waiting call older than this was left by a node that died: the kiosk's no-answer limit ends every live call
 * long before, so a shared queue stops offering it to helpers.
 */
export const HELP_CALL_ABANDONED_MS = 30 * 60_000

/** A call row older than this is deleted whatever its state (an answered call on a node that died). */
export const HELP_CALL_FORGOTTEN_MS = 12 * 60 * 60_000
