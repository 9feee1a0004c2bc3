/**
 * Plain types of every answer the staff API (admin and ops consoles, the catalog CLI) gives. The routes
 * return them with `satisfies`; the clients read them. No zod, no backend code.
 */

import type { CatalogDiff } from '../../../services-catalog/src/diff'
import type { ImportReport, Problem } from '../../../services-catalog/src/problems'
import type { Catalog } from '../../../services-catalog/src/schema'
import type { CalendarInfo, CaseStatus } from './cases'
import type { AuditAction, CaseChannel, STAFF_ROLES } from './constants'
import type { Division } from './divisions'
import type { HelpContact } from './helpDeskRules'
import type { DeadLetterSummary, Heartbeat } from './wire'

export type { CatalogDiff, ImportReport, Problem }

/** Staff roles the backend knows. */
export type StaffRole = (typeof STAFF_ROLES)[number]

/** Body of `POST /api/auth/login`. */
export interface LoginRequest {
  username: string
  password: string
}

/** `POST /api/auth/login` answer; `token` is the bearer token the CLI uses instead of the cookie. */
export interface LoginAnswer {
  username: string
  role: StaffRole
  csrfToken: string
  token: string
  /** The division the account serves, named (as in MeAnswer). */
  org: Division
}

/** `GET /api/auth/me` answer, used to restore a session on page load. */
export interface MeAnswer {
  username: string
  role: StaffRole
  csrfToken: string
  /** The division the account serves, named: the consoles show it, and hide the province's functions below it. */
  org: Division
}

/** `GET /api/health` answer. */
export interface HealthAnswer {
  ok: boolean
  apiVersion: number
  appVersion: string
  db: string
}

/** `POST /api/admin/catalog/validate` answer: the import report plus the id diff and publish need. */
export type ValidateAnswer = ImportReport & { candidateId: string }

/** `POST /api/admin/catalog/publish` answer. */
export interface PublishAnswer {
  version: number
  publishedAt: string
  publishedBy: string
}

/** `POST /api/admin/catalog/rollback` answer: a new version with the old one's content. */
export type RollbackAnswer = PublishAnswer & { rolledBackTo: number }

/** One row of `GET /api/admin/catalog/versions`. */
export interface CatalogVersionRow {
  version: number
  publishedAt: string
  publishedBy: string
  note: string | null
  itemCount: number
  active: boolean
}

/** `GET /api/admin/catalog/current` answer: the active catalog. */
export type CurrentCatalogAnswer = Catalog

/** One row of `GET /api/admin/terminals`, and the answer of `PUT /api/admin/terminals/:id`. */
export interface AdminTerminal {
  id: string
  name: string
  location: string
  groups: string[]
  /** The district (division code) it stands in. */
  districtCode: string
  enrolled: boolean
  lastSeenAt: string | null
  /** Whether a maintenance PIN is set (the PIN and its hash are never shown). */
  pinSet: boolean
  /** Seconds without a touch before "are you still there?" (IDLE_SECONDS; doubled in elder mode). */
  idleSeconds: number
  /** The centre's phone, hours and nearest hall shown when no helper answers, or null until set. */
  helpContact: HelpContact | null
  /** Seconds a 帮办 call rings before the kiosk offers the phone information (NO_ANSWER_SECONDS). */
  noAnswerSeconds: number
  /** When an admin revoked its key (its routes answer 401 terminal_revoked), or null. */
  revokedAt: string | null
  /** After a rotate: when the old key stops, unless the terminal re-enrols with the new code first. */
  keyExpiresAt: string | null
  /** A wipe ordered and not yet reported done by the terminal. */
  wipeRequestedAt: string | null
  /** When the terminal last reported an ordered wipe done. */
  wipedAt: string | null
}

/** Body of `POST /api/admin/terminals`. */
export interface NewTerminalRequest {
  name: string
  location?: string
  groups?: string[]
  /** The maintenance PIN, PIN_DIGITS digits; without one the terminal's maintenance screen stays locked. */
  pin?: string
  /** Left out: IDLE_SECONDS.default. */
  idleSeconds?: number
  /** The district it stands in (a known district's code); left out: the deployment's HOME_DISTRICT. */
  districtCode?: string
}

/**
 * Body of `PUT /api/admin/terminals/:id`: only the fields to change. A new `pin` is a remote reset: the
 * terminal receives its hash with the next heartbeat answer.
 */
export type TerminalUpdateRequest = Partial<
  Pick<
    AdminTerminal,
    'name' | 'location' | 'groups' | 'idleSeconds' | 'districtCode' | 'helpContact' | 'noAnswerSeconds'
  > & { pin: string }
>

/** Body of `PUT /api/admin/terminal-groups/:group/idle`: one idle time for every terminal of the group. */
export interface GroupIdleRequest {
  idleSeconds: number
}

/** Answer of `PUT /api/admin/terminal-groups/:group/idle`: the terminals that now use it. */
export interface GroupIdleAnswer {
  group: string
  idleSeconds: number
  terminals: string[]
}

/** `POST /api/admin/terminals` answer: the one-time enrol code typed on the kiosk's maintenance screen. */
export interface CreatedTerminal {
  id: string
  enrolCode: string
  expiresAt: string
}

/** `POST /api/admin/terminals/:id/rotate` answer: the new one-time code, shown once, and the old key's deadline. */
export interface RotatedTerminal {
  id: string
  enrolCode: string
  expiresAt: string
  /** The old key works until this time or until the terminal enrols with the code; null when it had none. */
  oldKeyUntil: string | null
}

/** How one simulated department system misbehaves. */
export interface DepartmentFaultView {
  latencyMs: number
  failureRate: number
  outage: boolean
}

/** `GET`/`PUT /api/admin/departments/faults` answer: the default and each known department's faults. */
export interface DepartmentFaultsAnswer {
  default: DepartmentFaultView
  departments: Record<string, DepartmentFaultView>
}

/** One terminal's line on the ops dashboard (`GET /api/ops/terminals`). */
export interface FleetRow {
  id: string
  name: string
  location: string
  /** The district it stands in: its division code, and its name (the code when the tree does not know it). */
  districtCode: string
  districtName: string
  online: boolean
  lastSeenAt: string | null
  queueLength: number | null
  oldestUnsentAt: string | null
  lastSyncAt: string | null
  printer: Heartbeat['printer'] | null
  storage: Heartbeat['storage'] | null
  appVersion: string | null
  catalogVersion: number | null
  status: Heartbeat['status'] | null
  /** Records the terminal gave up on, by reason (no personal data); null before its first report. */
  deadLetters: DeadLetterSummary | null
  /** The device agent's devices and states from the last heartbeat; null with simulated devices or none yet. */
  devices?: NonNullable<Heartbeat['devices']> | null
  flags: string[]
}

/** A case as ops see it: everything but the resident hash and the rating's idempotency key. */
export interface OpsCase {
  transactionKey: string
  caseNumber: string
  /** 办件渠道: 自助终端 for a terminal's case, 窗口 or 网上 for one submitted through the intake API. */
  channel: CaseChannel
  /** The terminal that took the case, or the intake system account that submitted it. */
  terminalId: string
  /**
   * The district (division code) the case stands in: its terminal's when the record arrived, or the one the
   * intake system named. A district's supervision sees its own cases only (auth/scope.ts).
   */
  districtCode: string
  itemCode: string
  itemNameZh: string
  itemNameEn: string
  kind: string
  department: string
  departmentNameZh: string
  departmentNameEn: string
  acceptedAt: string
  acceptDay: string
  limitDays: number
  limitUnit: string
  dueDay: string
  calendarCovered: boolean
  status: CaseStatus
  finishedAt: string | null
  rating: number | null
  ratedAt: string | null
}

/** A 差评整改 follow-up as stored. */
export interface FollowUp {
  id: number
  transactionKey: string
  level: number
  openedAt: string
  openDay: string
  dueDay: string
  calendarCovered: boolean
  contactedAt: string | null
  contactNote: string | null
  rectification: string | null
  outcome: string | null
  updatedBy: string | null
  closedAt: string | null
  closedBy: string | null
}

/** A follow-up with its case and where it stands against its deadline. */
export type OpsFollowUp = FollowUp & {
  case: OpsCase | null
  /** Working days left (0 = due today); negative = that many calendar days overdue. */
  daysLeft: number
  overdue: boolean
  atRisk: boolean
}

/** Count per department (and month, for yellow cards). */
export interface DepartmentCount {
  department: string
  departmentName: string
  month?: string
  count: number
}

/** The figures the annual report gives for 好差评. */
export interface RatingFigures {
  /** 办件量: cases accepted in the range. */
  cases: number
  /** 评价数: those cases that were rated. */
  ratings: number
  /** 评价覆盖度 = ratings ÷ cases (null without cases). */
  coverage: number | null
  /** 好评: 非常满意, 满意 and 基本满意 (levels 3–5). */
  good: number
  /** 好评率 = good ÷ ratings. */
  goodRate: number | null
  /** 差评: 不满意 and 非常不满意 (levels 1–2). */
  bad: number
  /** Follow-ups closed for those bad ratings. */
  rectified: number
  /** 差评整改率 = rectified ÷ bad. */
  rectificationRate: number | null
  /** Ratings by level 1–5. */
  byLevel: [number, number, number, number, number]
}

/** The 好差评 figures of one channel (every channel in CASE_CHANNELS order, zeros included). */
export interface ChannelFigures extends RatingFigures {
  channel: CaseChannel
}

/** `GET /api/ops/supervision/warnings` answer: open cases close to their deadline (预警). */
export interface WarningsAnswer {
  threshold: number
  rows: { case: OpsCase; daysLeft: number }[]
  byDepartment: DepartmentCount[]
}

/** `GET /api/ops/supervision/yellow-cards` answer: cases past their deadline (黄牌). */
export interface YellowCardsAnswer {
  from: string
  to: string
  rows: { case: OpsCase; overdueSince: string; month: string; stillOpen: boolean }[]
  byDepartmentMonth: DepartmentCount[]
  byDepartment: DepartmentCount[]
  /** Yellow cards per channel (every channel in CASE_CHANNELS order, zeros included). */
  byChannel: { channel: CaseChannel; count: number }[]
}

/** `GET /api/ops/supervision/ratings` answer. */
export interface RatingsAnswer {
  from: string
  to: string
  figures: RatingFigures
  /** The same figures per channel; they sum to `figures`. */
  byChannel: ChannelFigures[]
}

/** `GET /api/ops/supervision/follow-ups` answer. */
export interface FollowUpsAnswer {
  rows: OpsFollowUp[]
}

/** `GET /api/ops/supervision/summary` answer: everything the supervision panel shows at once. */
export interface SupervisionSummary {
  today: string
  calendar: CalendarInfo
  warnings: WarningsAnswer
  yellowCards: YellowCardsAnswer
  followUps: OpsFollowUp[]
  ratings: RatingsAnswer
  /**
   * The same figures per district of the account's division that has any (by code): 预警, 黄牌 and open
   * follow-ups as counted above, 好差评 over the ratings' range. The console shows it once it spans two districts.
   */
  byDistrict: DistrictSupervision[]
}

/** One district's line of the supervision summary. */
export interface DistrictSupervision extends RatingFigures {
  districtCode: string
  /** Its name in the organisation tree (the code when the tree does not hold it). */
  districtName: string
  warnings: number
  yellowCards: number
  openFollowUps: number
}

/** Body of `POST /api/ops/supervision/follow-ups/:id`: the notes to set. */
export interface FollowUpPatch {
  contactNote?: string
  rectification?: string
  outcome?: string
}

/** One staff account as admins see it (never its password hash). */
export interface StaffAccount {
  username: string
  role: StaffRole
  /** Terminal groups the account may see; empty means every terminal. */
  scope: string[]
  /** The division it serves (contract/divisions.ts): the province, a city or a district; it sees nothing outside. */
  orgCode: string
  disabled: boolean
  createdAt: string
  passwordChangedAt: string | null
}

/** Body of `POST /api/admin/accounts`: the password is generated and shown once. */
export interface NewAccountRequest {
  username: string
  role: StaffRole
  scope?: string[]
  /** Left out: the province. */
  orgCode?: string
}

/** Body of `PUT /api/admin/accounts/:username`: only the fields to change. */
export type AccountUpdateRequest = Partial<Pick<StaffAccount, 'role' | 'scope' | 'orgCode' | 'disabled'>>

/** Answer of account creation and password reset: the generated password, shown once. */
export interface AccountPasswordAnswer {
  account: StaffAccount
  password: string
}

/** Body of `POST /api/auth/password`: the owner's own change, proven with the current password. */
export interface PasswordChangeRequest {
  currentPassword: string
  newPassword: string
}

/** Answer of a password change: how many of the user's other sessions were ended. */
export interface PasswordChangeAnswer {
  endedSessions: number
}

/** One audit log entry. `actor` is a user name, a terminal id or `cli`; no entry holds resident data. */
export interface AuditEntry {
  id: number
  at: string
  actorKind: 'staff' | 'terminal' | 'cli'
  actor: string
  /** The staff role, or `terminal` / `cli`. */
  role: string
  address: string
  action: AuditAction
  target: string
  detail: Record<string, string | number | boolean>
}

/** Query of `GET /api/admin/audit`: newest first, entries older than `before` (an entry id). */
export type AuditQuery = { before?: number; limit?: number; action?: AuditAction }

/** One page of the audit log; `next` is the `before` of the following page, null on the last. */
export interface AuditPage {
  entries: AuditEntry[]
  next: number | null
}
