/**
 * The record of every 帮办 call, written by the signalling server when the call ends, and the no-answer timer that
 * ends a call nobody answered in its terminal's time (NO_ANSWER_SECONDS, the admin's setting). Only metadata is
 * kept: start, wait, duration, answered or missed (and why), helper, terminal, item; never anything of the resident.
 * One recorder per server (built in startServer), holding only the no-answer timers of the calls placed on this node.
 */
import type { CallEndReason } from '../contract/helpCall'
import type { MissedReason } from '../contract/helpDeskRules'
import type { HelpCallRow } from '../db/helpDeskRows'
import type { TerminalRow } from '../db/rows'
import type { AppDeps } from '../deps'
import { noAnswerSecondsOf } from '../terminalSettings'
import { shanghaiDay } from '../time'
import type { EndedCall } from './callQueue'

/**
 * Why a call that was never answered was missed: it rang out with nobody online (`no_helper`) or with helpers who
 * did not pick up (`timeout`), or the resident hung up or left while waiting (`hung_up`).
 */
export function missedReasonOf(reason: CallEndReason, helpersOnline: number): MissedReason {
  if (reason !== 'no_answer') return 'hung_up'
  return helpersOnline === 0 ? 'no_helper' : 'timeout'
}

/**
 * Times the calls placed on this node and writes the record of each call this node ends. Several nodes: the timer
 * runs where the kiosk's socket is; the record is written by whichever node ended the call, from what the shared
 * queue answers (EndedCall: placed, answered, by whom, and the record's facts), so it is written once.
 */
export class HelpCallRecorder {
  readonly #timers = new Map<string, NodeJS.Timeout>()

  constructor(private readonly deps: Pick<AppDeps, 'store' | 'now' | 'logger'>) {}

  /** A call was placed on this node: call `onNoAnswer` when nobody answered in the terminal's time. */
  placed(callId: string, terminal: Pick<TerminalRow, 'noAnswerSeconds'>, onNoAnswer: () => void): void {
    const timer = setTimeout(onNoAnswer, noAnswerSecondsOf(terminal) * 1000)
    timer.unref()
    this.#timers.set(callId, timer)
  }

  /** The call was answered or ended (on any node): its no-answer timer, if it runs here, stops. */
  settled(callId: string): void {
    clearTimeout(this.#timers.get(callId))
    this.#timers.delete(callId)
  }

  /** This node ended the call: its record is written. `helpersOnline` tells a rang-out call's missed reason. */
  async ended(ended: EndedCall, reason: CallEndReason, helpersOnline: number): Promise<void> {
    const { call, facts } = ended
    this.settled(call.callId)
    const endedAt = this.deps.now().getTime()
    const answered = ended.answeredAt !== undefined
    const row: HelpCallRow = {
      callId: call.callId,
      terminalId: facts.terminalId,
      districtCode: facts.districtCode,
      day: shanghaiDay(call.since),
      startedAt: new Date(call.since).toISOString(),
      waitMs: (ended.answeredAt ?? endedAt) - call.since,
      durationMs: answered ? endedAt - (ended.answeredAt ?? endedAt) : 0,
      answered,
      missedReason: answered ? null : missedReasonOf(reason, helpersOnline),
      helper: ended.helper ?? null,
      itemCode: facts.itemCode,
    }
    try {
      await this.deps.store.helpDesk.recordCall(row)
    } catch (err) {
      this.deps.logger.error(
        { err: { message: (err as Error).message }, terminal: row.terminalId },
        'call record',
      )
    }
  }

  /** Stops every timer (server close). */
  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
  }
}
