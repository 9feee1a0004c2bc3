/** Terminal rows on PostgreSQL: the driver's camelCase row and its mapping to what admins and ops see. */
import type { PinHash } from '../../contract/wire'
import type { TerminalRow } from '../rows'

/** A `terminals` row as the driver returns it (`SELECT *`, camelCase). */
export interface TerminalDbRow {
  id: string
  name: string
  location: string
  groupsJson: string
  tokenHash: string | null
  createdAt: string
  lastSeenAt: string | null
  heartbeatJson: string | null
  pinHashJson: string | null
  idleSeconds: number | null
  revokedAt: string | null
  tokenExpiresAt: number | null
  wipeRequestedAt: string | null
  wipedAt: string | null
}

/** The terminal as admins and ops see it. */
export const toTerminal = (r: TerminalDbRow): TerminalRow => ({
  id: r.id,
  name: r.name,
  location: r.location,
  groups: JSON.parse(r.groupsJson) as string[],
  enrolled: r.tokenHash !== null,
  createdAt: r.createdAt,
  lastSeenAt: r.lastSeenAt,
  heartbeat: r.heartbeatJson ? JSON.parse(r.heartbeatJson) : null,
  pin: r.pinHashJson ? (JSON.parse(r.pinHashJson) as PinHash) : null,
  idleSeconds: r.idleSeconds,
  revokedAt: r.revokedAt,
  tokenExpiresAt: r.tokenExpiresAt,
  wipeRequestedAt: r.wipeRequestedAt,
  wipedAt: r.wipedAt,
})
