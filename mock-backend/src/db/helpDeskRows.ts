/**
 * The storage of 帮办 records (store.helpDesk): call metadata written when a call ends, and call-back tasks with
 * their sealed number. Driver-free, so both stores implement it; invariants, with their reasons:
 * - A call record holds no resident data: times, outcome, helper, terminal, item.
 * - A task is taken once (`take` is a conditional write: two helpers cannot both get a resident's number) and
 *   closed only by its taker.
 * - The number is stored sealed (privacy/fingerprints.ts, key outside the database), and `purgeNumbers` clears it
 *   after the task closed, so neither a copied database nor one read later gives it back.
 */
import type { CallbackOutcome, MissedReason } from '../contract/helpDeskRules'
import type { Districts } from './districtScope'

/** One call's metadata. */
export interface HelpCallRow {
  callId: string
  terminalId: string
  districtCode: string
  /** Shanghai day of the start, the unit of the figures. */
  day: string
  startedAt: string
  /** Answered: answer − start; missed: how long the resident waited. */
  waitMs: number
  /** Answered: end − answer; missed: 0. */
  durationMs: number
  answered: boolean
  missedReason: MissedReason | null
  helper: string | null
  itemCode: string | null
}

/** A stored call-back task. `phoneSealed` is null once purged. */
export interface CallbackTaskRow {
  key: string
  terminalId: string
  /** The district the terminal stood in when the resident asked (the task's key leads with it). */
  districtCode: string
  itemCode: string | null
  requestedAt: string
  maskedPhone: string
  phoneSealed: string | null
  takenBy: string | null
  takenAt: string | null
  closedAt: string | null
  outcome: CallbackOutcome | null
}

/** What a new task writes. */
export type NewCallbackTask = Pick<
  CallbackTaskRow,
  'key' | 'terminalId' | 'districtCode' | 'itemCode' | 'requestedAt' | 'maskedPhone' | 'phoneSealed'
>

/** A stored task as a write names it: its district and key, as read from `callback`. */
export type CallbackTaskRef = Pick<CallbackTaskRow, 'districtCode' | 'key'>

/** Call records and call-back tasks. */
export interface HelpDeskStorage {
  /** Stores a call's record once (a second write of the same call id is ignored). */
  recordCall(call: HelpCallRow): Promise<void>
  /** The calls started on days [from, to], in `districts` when given (below the province). */
  callsBetween(from: string, to: string, districts?: Districts): Promise<HelpCallRow[]>
  /** Stores a task; false when its key was stored before (a kiosk's resend). */
  addCallback(task: NewCallbackTask): Promise<boolean>
  /** Open tasks, then those closed since `closedSince`, newest first. */
  callbacks(closedSince: string): Promise<CallbackTaskRow[]>
  /** A task by its key alone (unique in the province). */
  callback(key: string): Promise<CallbackTaskRow | undefined>
  /** Gives an open, untaken task to `helper`; false when another helper took it first or it is closed. */
  takeCallback(task: CallbackTaskRef, helper: string, at: string): Promise<boolean>
  /** Closes a task `helper` took; false when it is not theirs or already closed. */
  closeCallback(task: CallbackTaskRef, helper: string, outcome: CallbackOutcome, at: string): Promise<boolean>
  /** Clears the sealed numbers of tasks closed before `cutoffIso`; returns how many. */
  purgeNumbers(cutoffIso: string): Promise<number>
}
