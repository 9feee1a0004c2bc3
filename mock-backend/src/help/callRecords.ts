/**
 * The record of every 帮办 call, written by the signalling server when the call ends, and the no-answer timer that
 * ends a call nobody answered in its terminal's time (NO_ANSWER_SECONDS, the admin's setting). Only metadata is
 * kept: start, wait, duration, answered or missed (and why), helper, terminal, item; never anything of the resident.
 * One recorder per server (built in createAppDeps), holding only the calls under way on this node.
 */
import type { CallEndReason } from '../contract/helpCall'
import type { MissedReason } from '../contract/helpDeskRules'
import type { HelpCallRow } from '../db/helpDeskRows'
import type { TerminalRow } from '../db/rows'
import type { AppDeps } from '../deps'
import { noAnswerSecondsOf } from '../terminalSettings'
import { shanghaiDay } from '../time'

/** A call under way: what its record will say, and its no-answer timer until a helper answers. */
interface OpenCall {
  terminal: Pick<TerminalRow, 'id' | 'districtCode'>
  itemCode: string | null
  startedAt: number
  answeredAt?: number
  helper?: string
  timer?: NodeJS.Timeout
}

/**
 * Why a call that was never answered was missed: it rang out with nobody online (`no_helper`) or with helpers who
 * did not pick up (`timeout`), or the resident hung up or left while waiting (`hung_up`).
 */
export function missedReasonOf(reason: CallEndReason, helpersOnline: number): MissedReason {
  if (reason !== 'no_answer') return 'hung_up'
  return helpersOnline === 0 ? 'no_helper' : 'timeout'
}

/** Times and records the calls of one node. */
export class HelpCallRecorder {
  readonly #open = new Map<string, OpenCall>()

  constructor(private readonly deps: Pick<AppDeps, 'store' | 'now' | 'logger'>) {}

  /** A call was placed: start its record, and call `onNoAnswer` when nobody answered in the terminal's time. */
  placed(
    callId: string,
    terminal: Pick<TerminalRow, 'id' | 'districtCode' | 'noAnswerSeconds'>,
    itemCode: string | null,
    onNoAnswer: () => void,
  ): void {
    const timer = setTimeout(onNoAnswer, noAnswerSecondsOf(terminal) * 1000)
    timer.unref()
    this.#open.set(callId, { terminal, itemCode, startedAt: this.deps.now().getTime(), timer })
  }

  /** A helper answered: the wait ends and the timer stops. */
  answered(callId: string, helper: string): void {
    const call = this.#open.get(callId)
    if (!call) return
    clearTimeout(call.timer)
    call.answeredAt = this.deps.now().getTime()
    call.helper = helper
  }

  /** The call ended: its record is written once. `helpersOnline` tells a rang-out call's missed reason. */
  async ended(callId: string, reason: CallEndReason, helpersOnline: number): Promise<void> {
    const call = this.#open.get(callId)
    if (!call) return
    this.#open.delete(callId)
    clearTimeout(call.timer)
    const endedAt = this.deps.now().getTime()
    const answered = call.answeredAt !== undefined
    const row: HelpCallRow = {
      callId,
      terminalId: call.terminal.id,
      districtCode: call.terminal.districtCode,
      day: shanghaiDay(call.startedAt),
      startedAt: new Date(call.startedAt).toISOString(),
      waitMs: (call.answeredAt ?? endedAt) - call.startedAt,
      durationMs: answered ? endedAt - (call.answeredAt ?? endedAt) : 0,
      answered,
      missedReason: answered ? null : missedReasonOf(reason, helpersOnline),
      helper: call.helper ?? null,
      itemCode: call.itemCode,
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
    for (const call of this.#open.values()) clearTimeout(call.timer)
    this.#open.clear()
  }
}
