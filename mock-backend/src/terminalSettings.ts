/**
 * One terminal's settings as it receives them (contract TerminalSettings), built once from its row for the
 * enrolment answer and every heartbeat answer, so both always agree.
 */
import { IDLE_SECONDS, MOBILE_PAGE_PATH, NO_ANSWER_SECONDS, type TerminalSettingsAnswer } from './contract'
import type { TerminalRow } from './db/rows'
import type { Fingerprints } from './privacy/fingerprints'

/** The idle seconds in force: the admin's value, or the contract's default. */
export const idleSecondsOf = (t: Pick<TerminalRow, 'idleSeconds'>): number =>
  t.idleSeconds ?? IDLE_SECONDS.default

/** The no-answer seconds in force: the admin's value, or the contract's default. */
export const noAnswerSecondsOf = (t: Pick<TerminalRow, 'noAnswerSeconds'>): number =>
  t.noAnswerSeconds ?? NO_ANSWER_SECONDS.default

/**
 * What the terminal is sent: its idle time, its 帮办 timeout and centre contact, its PIN's hash (null until an admin set one), the retention in force,
 * the 缴费 hand-off's page and signing key (when PUBLIC_BASE_URL is known) and the secret its page pairs with the terminal's device agent (which follows the key, `keyHash`, the request holds).
 */
export function terminalSettingsOf(
  t: Pick<TerminalRow, 'id' | 'idleSeconds' | 'pin' | 'helpContact' | 'noAnswerSeconds'>,
  keyHash: string,
  retentionDays: number,
  fingerprints: Pick<Fingerprints, 'agentPairing' | 'paymentHandoff'>,
  publicBaseUrl: string | undefined,
): TerminalSettingsAnswer {
  return {
    idleSeconds: idleSecondsOf(t),
    pin: t.pin,
    retentionDays,
    ...(publicBaseUrl && {
      paymentHandoff: {
        page: `${publicBaseUrl.replace(/\/$/, '')}${MOBILE_PAGE_PATH}`,
        key: fingerprints.paymentHandoff(t.id),
      },
    }),
    help: { noAnswerSeconds: noAnswerSecondsOf(t), contact: t.helpContact },
    agentPairingSecret: fingerprints.agentPairing(t.id, keyHash),
  }
}
