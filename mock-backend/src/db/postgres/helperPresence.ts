/**
 * The helper consoles of every node on one PostgreSQL (help/helperPresence.ts states the invariants), as rows of
 * `help_presence` (migrations/0010-helper-presence.sql) named by this node's id and refreshed by its heartbeat.
 */
import { randomUUID } from 'node:crypto'
import type { Sql } from 'postgres'
import { HELPER_PRESENCE_EXPIRY_MS, type HelperPresence } from '../../help/helperPresence'

/** A row this long past its expiry is deleted (by any node's heartbeat): its node died long ago. */
const FORGOTTEN_AFTER_EXPIRIES = 4

/** This node's view of every node's consoles. */
export class PostgresHelperPresence implements HelperPresence {
  /** This node, for the lifetime of the process (a restarted node is a new one; its old rows expire). */
  readonly #node = randomUUID()

  /** `expiryMs`: how long a console counts without a heartbeat (tests shorten it). */
  constructor(
    private readonly sql: Sql,
    private readonly expiryMs = HELPER_PRESENCE_EXPIRY_MS,
  ) {}

  async join(socketId: string, username: string): Promise<void> {
    await this.sql`
      INSERT INTO help_presence (socket_id, node_id, username) VALUES (${socketId}, ${this.#node}, ${username})
      ON CONFLICT (socket_id) DO UPDATE SET node_id = excluded.node_id, seen_at = now()`
  }

  async leave(socketId: string): Promise<void> {
    await this.sql`DELETE FROM help_presence WHERE socket_id = ${socketId}`
  }

  async count(): Promise<number> {
    const [row] = await this.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM help_presence
      WHERE seen_at > now() - make_interval(secs => ${this.expiryMs / 1000})`
    return row?.n ?? 0
  }

  async heartbeat(): Promise<void> {
    await this.sql`UPDATE help_presence SET seen_at = now() WHERE node_id = ${this.#node}`
    await this.sql`
      DELETE FROM help_presence
      WHERE seen_at < now() - make_interval(secs => ${(FORGOTTEN_AFTER_EXPIRIES * this.expiryMs) / 1000})`
  }

  async close(): Promise<void> {
    await this.sql`DELETE FROM help_presence WHERE node_id = ${this.#node}`
  }
}
