/**
 * The one storage interface of the backend. Every call is asynchronous, so SQLite (sqlite/, better-sqlite3) and
 * PostgreSQL (postgres/) can both sit behind it; openStorage.ts opens the configured one. No code outside an
 * implementation folder speaks SQL or holds a driver object.
 *
 * Units of work: writes that must commit together are ONE method each (see unitsOfWork.ts), never a generic
 * transaction around caller code — a better-sqlite3 transaction cannot span an `await`, and with one method per
 * unit no two requests' statements can interleave inside it. Hot paths cost one await per unit (a batch, a
 * rating), never one per record.
 */

import type { Catalog, SearchEntry } from '../../../services-catalog/src/schema'
import type { LiveSession, NewSession } from '../auth/sessions'
import type { AuditAction, AuditEntry, CaseEvent, StaffRole } from '../contract'
import type { QuarantinedCounter } from '../contract/counterQuarantine'
import type { Division } from '../contract/divisions'
import type { PinHash } from '../contract/wire'
import type { HelpCallQueue } from '../help/callQueue'
import type { HelperPresence } from '../help/helperPresence'
import type { HelpMailbox } from '../help/mailbox'
import type { NodeCoordination } from '../nodes/coordination'
import type {
  AccountEdit,
  AccountEditOutcome,
  NewAuditEntry,
  NewStaffUser,
  StaffUserRow,
} from './accountRows'
import type { CaseRow, Districts, FollowUpChange, FollowUpRow, NewCase, RatingCount } from './caseRows'
import type { EidStorage } from './eidRows'
import type { HelpDeskStorage } from './helpDeskRows'
import type { MaterialStorage } from './materialRows'
import type { OrderStorage } from './orderRows'
import type { OverlayStorage } from './overlayRows'
import type { PhoneUploadStorage } from './phoneUploadRows'
import type { CountsInputs, CountsQuery, TerminalName } from './reportRows'
import type {
  AgencyFigureRow,
  CandidateRow,
  CatalogVersionFull,
  CatalogVersionRow,
  CounterValue,
  NewTerminal,
  ResetOutcome,
  StoredTransaction,
  TerminalRow,
} from './rows'
import type {
  DemoTerminalUnit,
  EventsReported,
  FingerprintRewrite,
  IngestDone,
  IngestUnit,
  PurgeCounts,
  RatingWrite,
  RatingWritten,
  ReportedEvent,
  TerminalEdit,
} from './unitsOfWork'

/** What several nodes' 帮办 signalling hubs share. */
export interface HelpCallSharing {
  queue: HelpCallQueue
  mailbox: HelpMailbox
  /** The helper consoles connected to any node (a rang-out call's missed reason counts them all). */
  presence: HelperPresence
}

/** The whole backend store. */
export interface Storage {
  /** True for a store that keeps nothing past the process (an in-memory SQLite: tests, benches). */
  readonly ephemeral: boolean
  /** Bumped by every publish so in-memory catalog caches (catalogCache.ts) start over. */
  readonly catalogGeneration: number
  readonly counters: CounterStorage
  readonly staff: StaffStorage
  readonly audit: AuditStorage
  readonly reports: ReportStorage
  /** 电子身份证 codes used (each identifies once, on any node) and attempts counted (eidRows.ts). */
  readonly eid: EidStorage
  /** 用手机拍照上传 sessions: claimed by one phone, ended by the kiosk, on any node (phoneUploadRows.ts). */
  readonly phoneUploads: PhoneUploadStorage
  readonly cases: CaseStorage
  /** 帮办 call records and call-back tasks (helpDeskRows.ts). */
  readonly helpDesk: HelpDeskStorage
  /** The districts' additions and withdrawals on the province catalog (overlayRows.ts). */
  readonly overlays: OverlayStorage
  /** Payment and refund orders (orderRows.ts). */
  readonly orders: OrderStorage
  /** 申请材料: their rows and database-kept sealed bytes (materialRows.ts). */
  readonly materials: MaterialStorage
  /**
   * What the nodes sharing this store coordinate through (nodes/coordination.ts): present on a store several
   * processes may share (PostgreSQL); absent on one only this process opens (SQLite), which then keeps it in memory.
   */
  readonly nodes?: NodeCoordination
  /**
   * The 帮办 call queue and the mail between nodes' signalling (help/callQueue.ts, help/mailbox.ts): present on a
   * store several processes may share; absent on SQLite, whose one process keeps them in memory.
   */
  readonly helpCalls?: HelpCallSharing

  /** Cheap liveness probe for /api/health. */
  ping(): Promise<boolean>
  /** Closes the connection(s); the store is unusable afterwards. */
  close(): Promise<void>

  getSetting(key: string): Promise<string | undefined>
  putSetting(key: string, value: string): Promise<void>
  deleteSetting(key: string): Promise<void>

  latestCatalogVersion(): Promise<number>
  listCatalogVersions(): Promise<CatalogVersionRow[]>
  getCatalogVersion(version: number): Promise<CatalogVersionFull | undefined>
  /** Publishes the next version number atomically and returns it. */
  publishCatalog(
    catalog: Catalog,
    search: SearchEntry[],
    by: string,
    note: string,
    now: string,
  ): Promise<number>
  /** Stores a candidate and prunes all but the newest 20. */
  putCandidate(c: CandidateRow, now: string): Promise<void>
  getCandidate(id: string): Promise<CandidateRow | undefined>

  /** The organisation tree's divisions (province, cities, districts), by code. */
  listDivisions(): Promise<Division[]>
  /** One division by its code (an account's, a terminal's district), without listing the tree. */
  division(code: string): Promise<Division | undefined>
  /** Adds the divisions whose code is not stored yet; returns how many were added (a stored name is kept). */
  addDivisions(divisions: readonly Division[]): Promise<number>
  insertTerminal(t: NewTerminal): Promise<void>
  getTerminal(id: string): Promise<TerminalRow | undefined>
  listTerminals(): Promise<TerminalRow[]>
  terminalByTokenHash(tokenHash: string): Promise<TerminalRow | undefined>
  /** Consumes a one-time enrol code: returns the terminal when the code was valid and unexpired. */
  enrolWithCode(
    codeHash: string,
    tokenHash: string,
    nowMs: number,
  ): Promise<{ id: string; name: string } | undefined>
  /** Sets a one-time enrol code (hash) valid until `expiresAt` (epoch ms), replacing any earlier code. */
  setEnrolCode(id: string, codeHash: string, expiresAt: number): Promise<void>
  /** Gives the terminal this key, lifting a revoke or a rotation deadline. */
  setTerminalToken(id: string, tokenHash: string, at: string): Promise<void>
  /** Revokes the terminal's key at once and cancels any pending enrol code. */
  revokeTerminal(id: string, at: string): Promise<void>
  /** Rotation, one unit: a new enrol code valid until `until`, and the current key stops then (unless sooner). */
  rotateTerminalKey(id: string, codeHash: string, until: number): Promise<void>
  /** Orders a wipe of the terminal's resident data at its next contact. */
  orderWipe(id: string, at: string): Promise<void>
  /** The terminal reported the ordered wipe done. */
  recordWipe(id: string, at: string): Promise<void>
  /** An admin's edit, one unit: name, location, groups, and optionally idle seconds and a new PIN hash. */
  editTerminal(id: string, edit: TerminalEdit): Promise<void>
  /** Stores a terminal's new maintenance PIN hash. */
  setTerminalPin(id: string, pin: PinHash): Promise<void>
  /** Sets the idle seconds of the given terminals in one transaction; returns the ids it changed. */
  setIdleSeconds(ids: readonly string[], seconds: number): Promise<string[]>
  recordHeartbeat(id: string, at: string, heartbeat: unknown): Promise<void>
  /** The demo terminal's start-up step, one unit (demoTerminal.ts decides, the store writes). */
  prepareDemoTerminal(unit: DemoTerminalUnit): Promise<void>

  getTransaction(key: string): Promise<StoredTransaction | undefined>
  /** Stored rows for any of these keys, by key: ONE query for a whole batch (ingest's replay check). */
  getTransactionsByKey(keys: readonly string[]): Promise<Map<string, StoredTransaction>>
  /** Per item over the days [from, to] (in `districts`, when given): its records, and how many were 代办. */
  agencyFigures(from: string, to: string, districts?: readonly string[]): Promise<AgencyFigureRow[]>
  /**
   * Stores a batch of accepted transactions with their rollups, and the cases they open, in ONE transaction. A key
   * another request stored meanwhile is not overwritten: its stored row is answered instead. Without cases to open
   * (`casesFor` answering none) it is the plain batch insert.
   */
  ingest(unit: IngestUnit): Promise<IngestDone>
  /** The reference numbers stored for one Shanghai day (read once per day by the node's reference claims). */
  referencesOfDay(day: string): Promise<string[]>
  /** Stored results with this reference number (unique since references are claimed at ingest; older rows may repeat). */
  transactionsByReference(reference: string): Promise<{ key: string; resultJson: string }[]>
  countTransactions(): Promise<number>

  /** Max-merges absolute counter values in one transaction; returns how many were applied. */
  mergeCounters(terminalId: string, counters: CounterValue[]): Promise<number>

  /**
   * The one-time rewrite of an older database under a fingerprint key, with the key's check value stored in the
   * same transaction (a crash between them would key the hashes twice). Returns how many rows it touched.
   */
  rewriteFingerprints(f: FingerprintRewrite, check: { setting: string; value: string }): Promise<number>
  /** Clears resident data of cases finished, and follow-ups closed, before `cutoffIso` (one transaction). */
  purgeResidentData(cutoffIso: string): Promise<PurgeCounts>
}

/** What judging a counter push decided: the values to max-merge and those to quarantine. */
export interface CounterDecision {
  merge: readonly CounterValue[]
  quarantine: readonly CounterValue[]
}

/** Counter judging inputs, quarantine, floors and resets (the floor rule: sqlite/counterStore.ts). */
export interface CounterStorage {
  /** The Shanghai day the terminal enrolled on; undefined for a terminal that never enrolled. */
  enrolmentDay(terminalId: string): Promise<string | undefined>
  /** The first Shanghai day each item code was in a published version. */
  itemFirstDays(): Promise<ReadonlyMap<string, string>>
  /** The floors of this terminal on these days, by `counterKey`. */
  floors(terminalId: string, days: readonly string[]): Promise<Map<string, number>>
  /** Max-merges the accepted values and quarantines the out-of-bound ones, in one transaction. */
  apply(
    terminalId: string,
    merge: readonly CounterValue[],
    quarantine: readonly CounterValue[],
    at: string,
  ): Promise<void>
  /**
   * Reads the terminal's floors of `days`, judges with them (`judge`: pure, synchronous) and applies the decision,
   * as one unit: an admin's reset (on any node) cannot come between the floors read and the merge.
   */
  judgeAndApply<D extends CounterDecision>(
    terminalId: string,
    days: readonly string[],
    judge: (floors: Map<string, number>) => D,
    at: string,
  ): Promise<D>
  /** The quarantine of these districts (undefined: the province), most recently pushed first. */
  quarantined(limit: number, districts?: Districts): Promise<QuarantinedCounter[]>
  /** Zeroes a terminal's counters of a day and stores each one's floor; clears its quarantine. One transaction. */
  resetDay(terminalId: string, day: string, by: string, at: string): Promise<ResetOutcome>
}

/** Where staff sessions live (auth/sessions.ts states their invariants). */
export interface SessionStorage {
  /** Stores a session under the hash of its token (and drops expired ones). */
  createSession(tokenHash: string, session: NewSession, now: number): Promise<void>
  /** The session, when it exists, has not expired and its account is enabled. */
  findSession(tokenHash: string, now: number): Promise<LiveSession | undefined>
  /** Ends one session (logout). */
  endSession(tokenHash: string): Promise<void>
  /** Ends every session of the user except `keepTokenHash`; answers how many ended. */
  endSessionsOf(username: string, keepTokenHash?: string): Promise<number>
}

/** Staff accounts and their sessions. */
export interface StaffStorage extends SessionStorage {
  getUser(username: string): Promise<StaffUserRow | undefined>
  listUsers(): Promise<StaffUserRow[]>
  /** Inserts a new account; false when the user name is taken. */
  insertUser(u: NewStaffUser): Promise<boolean>
  updateUser(username: string, role: StaffRole, scope: string[]): Promise<void>
  /** Disables (with the time) or enables (null) the account. */
  setDisabled(username: string, disabledAt: string | null): Promise<void>
  /** A new password (admin reset, own change, seeded from the environment). */
  setPassword(username: string, passwordHash: string, now: string): Promise<void>
  /** The same password re-hashed at today's cost: not a change, so nothing else follows from it. */
  rehashPassword(username: string, passwordHash: string): Promise<void>
  countActiveAdmins(): Promise<number>
  /**
   * Reads the account and the active admins, decides (`edit.decide`) and writes, as one unit: two admins demoting
   * each other on two nodes at once cannot both leave the other as the last.
   */
  editAccount(edit: AccountEdit): Promise<AccountEditOutcome>
}

/** The audit log: append and page. */
export interface AuditStorage {
  insert(e: NewAuditEntry): Promise<void>
  /** Newest first, ids below `before`, optionally one action only. */
  page(before: number, limit: number, action: AuditAction | undefined): Promise<AuditEntry[]>
}

/** What a store hands out to say how far its transactions were seen: only compared for equality, never read. */
export type TransactionMark = number & { readonly __transactionMark: unique symbol }

/** The ops reports' queries over the rollups. */
export interface ReportStorage {
  /** Grouped counters and transactions for [from, to]. */
  countsInputs(q: CountsQuery): Promise<CountsInputs>
  /** Per day of [from, to] with counters, a fingerprint that changes with every counter write of the day. */
  counterPrints(from: string, to: string): Promise<Map<string, string>>
  /** A mark of the transactions stored so far: equal marks mean nothing was stored in between. */
  transactionMark(): Promise<TransactionMark>
  /**
   * The days of the transactions stored after mark `seen`, or null when the store cannot tell (a mark it did not
   * hand out, or rows gone): the caller then trusts nothing it derived from earlier rows.
   */
  transactionDaysAfter(seen: TransactionMark): Promise<string[] | null>
  /** `[day, key, sessionId]` for each distinct session per day × item (or department) over [from, to]. */
  sessionsPerKey(by: 'item' | 'department', from: string, to: string): Promise<[string, string, string][]>
  /** Every terminal's id and name, by id. */
  terminalNames(): Promise<TerminalName[]>
}

/** 办件 (cases), their status history, ratings and follow-ups. */
export interface CaseStorage {
  /** Opens a case with its first event (已受理); false when a case is already open for the key. */
  insertCase(c: NewCase): Promise<boolean>
  /** Opens many cases in one transaction, each with its first event; returns how many were opened. */
  insertCases(cases: readonly NewCase[]): Promise<number>
  /** Reveals every planned event whose time has come; returns how many cases moved. */
  advanceDue(nowIso: string): Promise<number>
  /** The status history, oldest first. */
  events(transactionKey: string): Promise<CaseEvent[]>
  byKey(transactionKey: string): Promise<CaseRow | undefined>
  /** Department references are not unique across years, so a number may match more than one case. */
  byNumber(caseNumber: string): Promise<CaseRow[]>
  bySubject(subjectHash: string, limit?: number): Promise<CaseRow[]>
  /** Cases still 已受理 or 办理中 (of `districts`, every district when undefined; so below). */
  openCases(districts?: Districts): Promise<CaseRow[]>
  /** Cases whose due day lies in [fromDay, beforeDay) and that were not refused. */
  dueBetween(fromDay: string, beforeDay: string, districts?: Districts): Promise<CaseRow[]>
  /**
   * Cases due in [fromDay, beforeDay), not refused, and still open or finished after their due day ended
   * (DUE_DAY_END_UTC): the yellow-card candidates without the on-time majority, which `dueBetween` also reads.
   */
  overdueBetween(fromDay: string, beforeDay: string, districts?: Districts): Promise<CaseRow[]>
  /** Cases accepted on days in [from, to]. */
  acceptedBetween(from: string, to: string, districts?: Districts): Promise<CaseRow[]>
  /**
   * Cases accepted on days in [from, to] counted by district, channel and rating, in the database (a year is
   * ~58,000 rows).
   */
  ratingCounts(from: string, to: string, districts?: Districts): Promise<RatingCount[]>
  /** The cases of these keys that exist (any order). */
  byKeys(transactionKeys: readonly string[]): Promise<CaseRow[]>
  /**
   * Status changes reported by other channels' systems, ONE unit: each checked by `judgeEvent` against the case
   * as it stands (earlier events of the same call included), and all stored, or none when one is refused.
   */
  reportEvents(events: readonly ReportedEvent[]): Promise<EventsReported>
  /** 一事一评, one unit: the rating, and the follow-up a bad rating opens. */
  rate(r: RatingWrite): Promise<RatingWritten>
  /** Many ratings in ONE unit (an intake page): each as `rate`, answered in order. */
  rateAll(writes: readonly RatingWrite[]): Promise<RatingWritten[]>
  /** Follow-up `id`, if it stands in one of `districts` (any district when undefined). */
  followUp(id: number, districts?: Districts): Promise<FollowUpRow | undefined>
  followUpOfCase(transactionKey: string): Promise<FollowUpRow | undefined>
  followUps(which: 'open' | 'all', districts?: Districts): Promise<FollowUpRow[]>
  /** Records contact, rectification and outcome on an open follow-up; false when it is closed. */
  updateFollowUp(
    f: Pick<FollowUpRow, 'id' | 'contactedAt' | 'contactNote' | 'rectification' | 'outcome' | 'updatedBy'>,
  ): Promise<boolean>
  /** Closes an open follow-up; false when it was closed already. */
  closeFollowUp(id: number, at: string, by: string): Promise<boolean>
  /**
   * Reads follow-up `id`, lets `decide` (pure, synchronous; it may throw, and then nothing is written) make a
   * change of it, writes it and answers the row after, as one unit: two ops on two nodes editing or closing the
   * same follow-up cannot lose one another's fields or close on fields just changed. Undefined when there is none
   * in `districts`.
   */
  changeFollowUp(
    id: number,
    decide: (f: FollowUpRow) => FollowUpChange,
    districts?: Districts,
  ): Promise<FollowUpRow | undefined>
}
