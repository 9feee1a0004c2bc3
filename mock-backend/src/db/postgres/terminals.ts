/** Terminal rows on PostgreSQL: the driver's camelCase row and its mapping to what admins and ops see. */
import type { HelpContact } from '../../contract/helpDeskRules'
import type { PinHash } from '../../contract/wire'
import type { TerminalRow } from '../rows'

/**
 * The columns of a terminal admins and ops may see, named as TerminalRow's fields; never the key or enrol-code
 * hashes (only whether a key exists).
 */
export const TERMINAL_COLUMNS =
  'id, name, location, groups_json, district_code, token_hash IS NOT NULL AS enrolled, created_at, last_seen_at, heartbeat_json, ' +
  'pin_hash_json, idle_seconds, help_contact_json, no_answer_seconds, revoked_at, token_expires_at, wipe_requested_at, wiped_at'

/** A terminal as TERMINAL_COLUMNS read it: TerminalRow with its JSON fields still text. */
export type TerminalDbRow = Omit<TerminalRow, 'groups' | 'heartbeat' | 'pin' | 'helpContact'> & {
  helpContactJson: string | null
  groupsJson: string
  heartbeatJson: string | null
  pinHashJson: string | null
}

/** The terminal as admins and ops see it: its JSON fields parsed. */
export const toTerminal = ({
  groupsJson,
  heartbeatJson,
  pinHashJson,
  helpContactJson,
  ...fields
}: TerminalDbRow): TerminalRow => ({
  ...fields,
  groups: JSON.parse(groupsJson) as string[],
  heartbeat: heartbeatJson === null ? null : JSON.parse(heartbeatJson),
  pin: pinHashJson === null ? null : (JSON.parse(pinHashJson) as PinHash),
  helpContact: helpContactJson === null ? null : (JSON.parse(helpContactJson) as HelpContact),
})
