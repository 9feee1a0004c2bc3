/**
 * The structured mirror's way through the backend (contract/helpMirror.ts): a kiosk's `mirror` goes to the one
 * helper who answered its call, never to anyone else, and a mirror carrying the resident's masked details (given
 * only by the resident's tap on the consent button) is audited before the helper sees it, as `help.consent_view`
 * with the helper, the terminal and the call. One entry per consented view: a new entry when the consent starts
 * again or more details appear, not one per screen change.
 */

import type { AuditLog } from '../audit/auditLog'
import type { ConsentedDetails, MirrorMessage } from '../contract/helpMirror'
import type { Logger } from '../logger'

/** The helper of a call, as the audit entry names them. */
export interface MirrorViewer {
  username: string
  /** The helper's network address at the socket's upgrade. */
  address: string
}

/** The fields a mirror's details show, as one sorted list (`idNumber,name`), or '' without consent. */
function shownFields(details: ConsentedDetails | undefined): string {
  return Object.keys(details ?? {})
    .sort()
    .join(',')
}

/** Relays mirrors of the calls on this node, auditing consented views. */
export class MirrorRelay {
  /** Per call, the details fields the helper was last shown ('' while there is no consent). */
  readonly #shown = new Map<string, string>()

  constructor(private readonly deps: { audit: AuditLog; logger: Logger }) {}

  /**
   * The message to hand the helper: unchanged once any consented view in it is audited. When the audit cannot be
   * written the details are dropped, so no view goes unrecorded.
   */
  async relay(message: MirrorMessage, viewer: MirrorViewer, terminalId: string): Promise<MirrorMessage> {
    const fields = shownFields(message.mirror.details)
    const before = this.#shown.get(message.callId) ?? ''
    if (fields === '' || fields === before) {
      this.#shown.set(message.callId, fields)
      return message
    }
    try {
      await this.deps.audit.recordLocal(
        { kind: 'staff', name: viewer.username, role: 'helper' },
        viewer.address,
        'help.consent_view',
        terminalId,
        { callId: message.callId, fields },
      )
    } catch (error) {
      this.deps.logger.error({ err: error }, 'help consent view not audited: details withheld')
      const { details: _withheld, ...mirror } = message.mirror
      return { ...message, mirror }
    }
    this.#shown.set(message.callId, fields)
    return message
  }

  /** Forgets a call that ended (its next consent, in another call, is a new view). */
  forget(callId: string): void {
    this.#shown.delete(callId)
  }
}
