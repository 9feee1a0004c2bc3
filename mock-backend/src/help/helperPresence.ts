/**
 * Which helper consoles are connected, on every node, behind one interface: one node's memory here, rows in
 * PostgreSQL for several (db/postgres/helperPresence.ts). A call that rang out is `no_helper` only when no console
 * was connected anywhere, `timeout` when one was (help/callRecords.ts). Invariants, with their reasons:
 * - A console counts from its `join` to its `leave`, on whichever node holds its socket: the node that ends a
 *   call is often not the one the helpers are on.
 * - A node that dies cannot `leave`: each node refreshes its consoles' rows every HELPER_PRESENCE_HEARTBEAT_MS,
 *   and a row not refreshed for HELPER_PRESENCE_EXPIRY_MS no longer counts, so a dead node's helpers do not count
 *   for ever.
 */

/** How often a node refreshes the presence of the consoles it holds. */
export const HELPER_PRESENCE_HEARTBEAT_MS = 15_000
/** A console whose node has not refreshed it for this long no longer counts (three missed heartbeats). */
export const HELPER_PRESENCE_EXPIRY_MS = 3 * HELPER_PRESENCE_HEARTBEAT_MS

/** The helper consoles connected to any node. */
export interface HelperPresence {
  /** A console (`socketId`, one per socket: a helper may have two) of `username` connected to this node. */
  join(socketId: string, username: string): Promise<void>
  /** That console went away. */
  leave(socketId: string): Promise<void>
  /** How many consoles are connected, on any live node. */
  count(): Promise<number>
  /** Marks this node's consoles alive (every HELPER_PRESENCE_HEARTBEAT_MS while the node runs). */
  heartbeat(): Promise<void>
  /** This node stops: its consoles no longer count. */
  close(): Promise<void>
}

/** One node's consoles, in this process's memory (SQLite deployments run one node; a dead process takes them along). */
export class InProcessHelperPresence implements HelperPresence {
  readonly #consoles = new Map<string, string>()

  async join(socketId: string, username: string): Promise<void> {
    this.#consoles.set(socketId, username)
  }

  async leave(socketId: string): Promise<void> {
    this.#consoles.delete(socketId)
  }

  async count(): Promise<number> {
    return this.#consoles.size
  }

  async heartbeat(): Promise<void> {}

  async close(): Promise<void> {
    this.#consoles.clear()
  }
}
