/**
 * The inputs and answers of the storage's units of work: writes that must commit together, each ONE storage
 * method. A decision the unit needs between its statements comes in as precomputed data or a pure synchronous
 * callback, so SQLite runs the whole unit in one synchronous transaction (better-sqlite3 transactions cannot
 * span an `await`) and PostgreSQL can call the callback between two statements of its async transaction.
 */
import type { CaseStatus } from '../contract/cases'
import { TERMINAL_CHANNEL } from '../contract/constants'
import type { HelpContact } from '../contract/helpDeskRules'
import type { PinHash } from '../contract/wire'
import type { CaseRow, FollowUpRow, NewCase } from './caseRows'
import type { NewTerminal, NewTransaction, StoredTransaction, TerminalRow } from './rows'

/** The ingest stages a unit reports to the bench's stopwatch (ingest.ts IngestTimings). */
export type IngestStage = 'insert' | 'cases'

/** One terminal batch: its accepted records, and the cases the records stored by it open. */
export interface IngestUnit {
  rows: NewTransaction[]
  /**
   * Pure and synchronous: given which rows this unit stored (`storedNow[i]`), the cases to open. Called once,
   * after the rows are written.
   */
  casesFor(storedNow: readonly boolean[]): NewCase[]
  /** Called as each stage ends (bench timings only). */
  lap?(stage: IngestStage): void
}

/** What an ingest unit did. */
export interface IngestDone {
  /**
   * Per row: null when stored now or refused for its reference, else the row another request stored first under
   * its key (for replay/conflict).
   */
  raced: (StoredTransaction | null)[]
  /**
   * Rows not stored because another request stored their reference number first (indices into `rows`): only a
   * store that several nodes share refuses any (its unique index is their common claim). The caller draws again.
   */
  referenceTaken: number[]
  /** Cases opened. */
  casesOpened: number
  /**
   * Opening the cases failed (rolled back on its own; the records are stored): the error, for the log. A full
   * disk is never reported here: it fails the whole unit (nothing stored).
   */
  caseError?: unknown
}

/** One rating of a case (一事一评), with the follow-up a bad rating opens. */
export interface RatingWrite {
  transactionKey: string
  level: number
  at: string
  ratingKey: string | null
  /** Present for a bad rating: the 差评整改 follow-up to open with it. */
  followUp?: { openDay: string; dueDay: string; calendarCovered: boolean }
}

/** What a rating write did: stored, or refused because the case had a rating (then its current row). */
export type RatingWritten =
  | { stored: true; followUp: FollowUpRow | undefined }
  | { stored: false; current: CaseRow | undefined; followUp: FollowUpRow | undefined }

/** An admin's edit of a terminal: fields, idle time and a remote PIN reset commit together. */
export interface TerminalEdit {
  name: string
  location: string
  groups: string[]
  districtCode: string
  idleSeconds?: number
  pin?: PinHash
  /** 帮办 fields, each left as it is when absent. */
  help?: HelpEdit
}

/** An admin's change of a terminal's 帮办 fields: the centre contact (null clears it) and the no-answer timeout. */
export interface HelpEdit {
  contact?: HelpContact | null
  noAnswerSeconds?: number
}

/** The demo terminal's start-up step (demoTerminal.ts), one transaction. */
export interface DemoTerminalUnit {
  /** Inserted when the terminal does not exist. */
  terminal: NewTerminal
  /** The settings key of its standing key. */
  settingKey: string
  /** Pure: the hash of the standing key the stored setting holds, if any (to find which terminal holds it). */
  standingHash(stored: string | undefined): string | undefined
  /** Pure: what to write, given what is stored. */
  decide(state: DemoTerminalState): DemoTerminalWrites
}

/** What the demo terminal's step reads before deciding. */
export interface DemoTerminalState {
  stored: string | undefined
  terminal: TerminalRow
  /** The terminal holding the standing key, if any. */
  holderId: string | undefined
}

/** What the demo terminal's step writes. */
export interface DemoTerminalWrites {
  /** A new setting value, null to delete it, undefined to keep it. */
  setting?: string | null
  /** A new key for the terminal (lifts a revoke). */
  tokenHash?: string
  /** Revoke the terminal's key. */
  revoke?: boolean
  /** The one-time enrol code of this start. */
  enrolCode: { hash: string; expiresAt: number }
}

/** The keyed operations the one-time fingerprint rewrite needs (privacy/fingerprints.ts). */
export interface FingerprintRewrite {
  payload(canonicalSha256: string): string
  subject(innerHash: string): string
  seal(text: string): string
  isSealed(text: string): boolean
}

/** How many rows one retention purge cleared, by kind of resident data. */
export interface PurgeCounts {
  /** Case subject hashes: the case no longer answers a lookup by ID number (its case number still works). */
  subjects: number
  /** Follow-up contact notes (差评整改: who was called, what they said). */
  contactNotes: number
}

/** A status change another channel's system reports for one of its cases (Storage.cases.reportEvents). */
export interface ReportedEvent {
  transactionKey: string
  status: CaseStatus
  at: string
}

/**
 * Why a reported event cannot apply: no such case, a terminal's case (its simulated department plans its
 * history), a case already finished or refused, or a time before the case's acceptance.
 */
export type EventRefusal = 'unknown' | 'planned' | 'closed' | 'before_acceptance'

/** What `reportEvents` did: every event stored or replayed, or nothing stored and the first refusal. */
export type EventsReported =
  | { ok: true; outcomes: ('stored' | 'replayed')[] }
  | { ok: false; index: number; refusal: EventRefusal }

/** The pure rule of one reported event against the case as it stands (both stores apply it in their unit). */
export function judgeEvent(
  c: { status: CaseStatus; channel: string; acceptedAt: string } | undefined,
  history: readonly { status: string; at: string }[],
  e: ReportedEvent,
): 'stored' | 'replayed' | EventRefusal {
  if (!c) return 'unknown'
  if (history.some((h) => h.status === e.status && h.at === e.at)) return 'replayed'
  if (c.channel === TERMINAL_CHANNEL) return 'planned'
  if (c.status === '办结' || c.status === '不予受理') return 'closed'
  if (Date.parse(e.at) < Date.parse(c.acceptedAt)) return 'before_acceptance'
  return 'stored'
}
