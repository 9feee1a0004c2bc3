/**
 * One terminal's settings as it receives them (contract TerminalSettings), built once from its row for the
 * enrolment answer and every heartbeat answer, so both always agree.
 */
import { IDLE_SECONDS, type TerminalSettings } from './contract'
import type { TerminalRow } from './db/rows'

/** The idle seconds in force: the admin's value, or the contract's default. */
export const idleSecondsOf = (t: Pick<TerminalRow, 'idleSeconds'>): number =>
  t.idleSeconds ?? IDLE_SECONDS.default

/** What the terminal is sent: its idle time, its PIN's hash (null until an admin set one) and the retention in force. */
export function terminalSettingsOf(
  t: Pick<TerminalRow, 'idleSeconds' | 'pin'>,
  retentionDays: number,
): TerminalSettings {
  return { idleSeconds: idleSecondsOf(t), pin: t.pin, retentionDays }
}
