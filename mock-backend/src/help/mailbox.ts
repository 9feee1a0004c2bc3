/**
 * How one node's signalling reaches a socket another node holds. Each node keeps only its own sockets; every
 * message for a call's kiosk, a call's helper or all helpers is posted here and delivered to every node, which
 * passes it to the sockets it holds for that address (none, on most nodes). Invariants, with their reasons:
 * - Messages from one node to one address arrive in the order posted: an SDP offer before its ICE candidates,
 *   `answered` before the first `signal`.
 * - Delivery is to the nodes alive now; nothing is kept for later (a socket that is gone has nobody to tell).
 */
import type { ToHelperHelpMessage, ToKioskHelpMessage } from '../contract/helpCall'

/** Who a posted message is for. */
export type HelpAddress =
  /** The kiosk that placed the call. */
  | { to: 'kiosk'; callId: string }
  /** The helper who answered the call. */
  | { to: 'helper'; callId: string }
  /** Every helper console: the queue changed, each node re-reads it for its own helpers. */
  | { to: 'helpers' }

/** One posted message. */
export type HelpMail =
  | { to: 'kiosk'; callId: string; message: ToKioskHelpMessage }
  /** `terminalId`: the kiosk's terminal, which a consented view's audit entry names. */
  | { to: 'helper'; callId: string; message: ToHelperHelpMessage; terminalId?: string }
  | { to: 'helpers' }

/** The post between nodes' signalling hubs. */
export interface HelpMailbox {
  /** Delivers `mail` to every node's handler (this node's included). */
  post(mail: HelpMail): Promise<void>
  /** Calls `handler` with every mail from any node, in order, from now on. */
  listen(handler: (mail: HelpMail) => void): Promise<void>
  /** Stops delivering. */
  close(): Promise<void>
}

/** One node: the post goes straight to its own handlers. */
export class InProcessHelpMailbox implements HelpMailbox {
  readonly #handlers: ((mail: HelpMail) => void)[] = []

  async post(mail: HelpMail): Promise<void> {
    for (const handler of this.#handlers) handler(mail)
  }

  async listen(handler: (mail: HelpMail) => void): Promise<void> {
    this.#handlers.push(handler)
  }

  async close(): Promise<void> {
    this.#handlers.length = 0
  }
}
