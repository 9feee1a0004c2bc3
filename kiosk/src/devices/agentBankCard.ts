/**
 * The 银行卡读卡器 through the device agent: a read asks `bankCard.read` in slices (each answers within the RPC
 * limit) until a card is in or BANK_CARD_INSERT_WAIT_MS passed; the hand-back asks `bankCard.handBack` in slices
 * until the card is taken or BANK_CARD_TAKE_WAIT_MS passed (then the step goes on: the reader keeps the card safe).
 * The agent's errors become the problems the payment step names.
 */
import { BANK_CARD_MAX_WAIT_MS } from '../../agent/protocol/messages'
import { AgentCallError, type AgentConnection } from './agentConnection'
import { BankCardError, type BankCardReader } from './types'

/** How long the step waits for a card to be inserted before it says none came. */
export const BANK_CARD_INSERT_WAIT_MS = 60_000
/** How long the hand-back waits for the resident to take the card before the result shows anyway. */
export const BANK_CARD_TAKE_WAIT_MS = 30_000

/** The agent's error as the payment step's problem: no device or agent is `missing`. */
function problemOf(error: unknown): BankCardError {
  if (!(error instanceof AgentCallError)) return new BankCardError('unreadable')
  if (error.code === 'cardRemoved') return new BankCardError('removed')
  if (error.code === 'deviceUnavailable' || error.code === 'methodNotFound')
    return new BankCardError('missing')
  return new BankCardError('unreadable')
}

/** The reader over the agent connection. */
export function createAgentBankCardReader(connection: AgentConnection): BankCardReader {
  return {
    async read(signal) {
      const until = performance.now() + BANK_CARD_INSERT_WAIT_MS
      while (performance.now() < until) {
        // A step left (or cancelled) stops asking: the card is not for it.
        if (signal?.aborted) throw new DOMException('the card read was abandoned', 'AbortError')
        let cardNumber: string | null
        try {
          ;({ cardNumber } = await connection.call('bankCard.read', { waitMs: BANK_CARD_MAX_WAIT_MS }))
        } catch (error) {
          throw problemOf(error)
        }
        if (cardNumber !== null) return { cardNumber }
      }
      throw new BankCardError('timeout')
    },
    async eject() {
      const until = performance.now() + BANK_CARD_TAKE_WAIT_MS
      while (performance.now() < until) {
        const { taken } = await connection
          .call('bankCard.handBack', { waitMs: BANK_CARD_MAX_WAIT_MS })
          .catch(() => ({ taken: true }))
        if (taken) return
      }
    },
  }
}
