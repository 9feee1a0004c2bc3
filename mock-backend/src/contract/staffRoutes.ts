/**
 * The staff part of the route table: the session routes (both consoles and the CLI), the admin routes and
 * the ops routes, with the query types the ops routes read. Its own module so the kiosk never bundles it.
 */
import type { ClockSetting, ClockView } from './clock'
import type { CounterQuarantineAnswer, CounterResetAnswer, CounterResetRequest } from './counterQuarantine'
import type { CountsGroupBy, DailyCountsAnswer } from './dailyCounts'
import type {
  DistrictCatalogAnswer,
  DistrictCatalogCandidate,
  DistrictCatalogCheck,
  DistrictCatalogDiff,
  DistrictCatalogPublished,
  DistrictCatalogPublishRequest,
  DistrictCatalogVersion,
} from './districtCatalog'
import type { Division } from './divisions'
import type {
  CallbackCloseRequest,
  CallbackNumberAnswer,
  CallbackTasksAnswer,
  CallbackTaskView,
  HelpFiguresAnswer,
} from './helpDesk'
import type { AgencyFigures } from './household'
import type {
  IntakeCases,
  IntakeCasesAnswer,
  IntakeEvents,
  IntakeEventsAnswer,
  IntakeRatings,
  IntakeRatingsAnswer,
} from './intake'
import type { OrderNotice, OrderView, PaymentFigures } from './payments'
import { GET, GET_CSV, POST, PUT } from './routes'
import type {
  AccountPasswordAnswer,
  AccountUpdateRequest,
  AdminTerminal,
  AuditPage,
  AuditQuery,
  CatalogDiff,
  CatalogVersionRow,
  CreatedTerminal,
  CurrentCatalogAnswer,
  DepartmentFaultsAnswer,
  DepartmentFaultView,
  FleetRow,
  FollowUp,
  FollowUpPatch,
  FollowUpsAnswer,
  GroupIdleAnswer,
  GroupIdleRequest,
  LoginAnswer,
  LoginRequest,
  MeAnswer,
  NewAccountRequest,
  NewTerminalRequest,
  PasswordChangeAnswer,
  PasswordChangeRequest,
  PublishAnswer,
  RatingsAnswer,
  RollbackAnswer,
  RotatedTerminal,
  StaffAccount,
  SupervisionSummary,
  TerminalUpdateRequest,
  ValidateAnswer,
  WarningsAnswer,
  YellowCardsAnswer,
} from './staff'

/** Staff session routes (both consoles and the CLI). */
export const AUTH_ROUTES = {
  login: POST<LoginRequest, LoginAnswer>()('/api/auth/login'),
  logout: POST<undefined, null>()('/api/auth/logout'),
  me: GET<MeAnswer>()('/api/auth/me'),
  /** Any role: changes the caller's own password and ends their other sessions. */
  changePassword: POST<PasswordChangeRequest, PasswordChangeAnswer>()('/api/auth/password'),
} as const

/** Body of `PUT /api/admin/departments/faults`: each department's faults, and optionally the default. */
export type DepartmentFaultsRequest = {
  /** Left-out fields take their defaults (no latency, no failures, no outage). */
  default?: Partial<DepartmentFaultView>
  departments: Record<string, Partial<DepartmentFaultView>>
}

/** Admin console and CLI routes (role admin). */
export const ADMIN_ROUTES = {
  /** Raw file body (JSON or CSV), not JSON-encoded: sent by upload, not by `fetchRoute`'s JSON body. */
  validate: POST<Uint8Array | Blob, ValidateAnswer>()('/api/admin/catalog/validate'),
  diff: POST<{ candidateId: string }, CatalogDiff>()('/api/admin/catalog/diff'),
  publish: POST<{ candidateId: string; note?: string }, PublishAnswer>()('/api/admin/catalog/publish'),
  versions: GET<CatalogVersionRow[]>()('/api/admin/catalog/versions'),
  rollback: POST<{ version: number }, RollbackAnswer>()('/api/admin/catalog/rollback'),
  current: GET<CurrentCatalogAnswer>()('/api/admin/catalog/current'),
  /** 本区县事项: an account of a district reads, checks, diffs, publishes and rolls back its overlay. */
  districtCatalog: GET<DistrictCatalogAnswer>()('/api/admin/district-catalog'),
  districtValidate: POST<DistrictCatalogCandidate, DistrictCatalogCheck>()(
    '/api/admin/district-catalog/validate',
  ),
  districtDiff: POST<DistrictCatalogCandidate, DistrictCatalogDiff>()('/api/admin/district-catalog/diff'),
  districtPublish: POST<DistrictCatalogPublishRequest, DistrictCatalogPublished>()(
    '/api/admin/district-catalog/publish',
  ),
  districtVersions: GET<DistrictCatalogVersion[]>()('/api/admin/district-catalog/versions'),
  districtRollback: POST<{ version: number }, DistrictCatalogPublished>()(
    '/api/admin/district-catalog/rollback',
  ),
  /** The organisation tree: the province, its cities and the districts terminals stand in. */
  divisions: GET<Division[]>()('/api/admin/divisions'),
  /** An admin adds a district (a known city's six-digit code); an existing code answers 409. */
  addDivision: POST<Division, Division>()('/api/admin/divisions'),
  terminals: GET<AdminTerminal[]>()('/api/admin/terminals'),
  createTerminal: POST<NewTerminalRequest, CreatedTerminal>()('/api/admin/terminals'),
  updateTerminal: PUT<TerminalUpdateRequest, AdminTerminal>()('/api/admin/terminals/:id'),
  groupIdle: PUT<GroupIdleRequest, GroupIdleAnswer>()('/api/admin/terminal-groups/:group/idle'),
  revokeTerminal: POST<Record<string, never>, AdminTerminal>()('/api/admin/terminals/:id/revoke'),
  rotateTerminal: POST<Record<string, never>, RotatedTerminal>()('/api/admin/terminals/:id/rotate'),
  wipeTerminal: POST<Record<string, never>, AdminTerminal>()('/api/admin/terminals/:id/wipe'),
  departmentFaults: GET<DepartmentFaultsAnswer>()('/api/admin/departments/faults'),
  setDepartmentFaults: PUT<DepartmentFaultsRequest, DepartmentFaultsAnswer>()(
    '/api/admin/departments/faults',
  ),
  /** Zeroes one terminal's counters of a day and stores floors so a re-sync cannot restore them. */
  counterReset: POST<CounterResetRequest, CounterResetAnswer>()('/api/admin/terminals/:id/counter-reset'),
  accounts: GET<StaffAccount[]>()('/api/admin/accounts'),
  createAccount: POST<NewAccountRequest, AccountPasswordAnswer>()('/api/admin/accounts'),
  updateAccount: PUT<AccountUpdateRequest, StaffAccount>()('/api/admin/accounts/:username'),
  resetPassword: POST<Record<string, never>, AccountPasswordAnswer>()(
    '/api/admin/accounts/:username/reset-password',
  ),
  audit: GET<AuditPage, AuditQuery>()('/api/admin/audit'),
  /** FAULTS=on only: the backend's clock, which a simulator sets to replay a past year (404 otherwise). */
  clock: GET<ClockView>()('/api/admin/faults/clock'),
  setClock: PUT<ClockSetting, ClockView>()('/api/admin/faults/clock'),
  /** FAULTS=on only: the simulated payment gateway's notice for one order (paid, failed, timed out). */
  orderNotice: PUT<OrderNotice, OrderView>()('/api/admin/faults/orders/:orderId'),
} as const

/** Query of `GET /api/ops/daily-counts` (JSON rows; `layout=columns` is another answer, not used by a client). */
export type DailyCountsQuery = {
  from: string
  to: string
  /** Omitted: one row per day. */
  by?: Exclude<CountsGroupBy, 'day'>
  /** `range`: one row per key over the whole range (needs `by`). */
  span?: 'range'
  /** Narrows `by=item` to one department. */
  department?: string
}
/** Query of the supervision summary: warning threshold in working days, ratings period (days). */
export type SupervisionSummaryQuery = { threshold?: number; from?: string; to?: string }
/** Query of the 预警 list: warning threshold in working days. */
export type WarningsQuery = { threshold?: number }
/** Query of the 黄牌 list: first and last month, `YYYY-MM`. */
export type YellowCardsQuery = { from?: string; to?: string }
/** Query of the 好差评 figures: first and last day. */
export type RatingsQuery = { from?: string; to?: string }
/** Query of the 差评整改 list: open ones only (default) or all. */
export type FollowUpsQuery = { status?: 'open' | 'all' }

/** Ops console routes (role ops). `csv` routes also serve their rows as a CSV download (`csvPath`). */
export const OPS_ROUTES = {
  dailyCounts: GET_CSV<DailyCountsAnswer, DailyCountsQuery>()('/api/ops/daily-counts'),
  fleet: GET_CSV<FleetRow[]>()('/api/ops/terminals'),
  supervisionSummary: GET<SupervisionSummary, SupervisionSummaryQuery>()('/api/ops/supervision/summary'),
  warnings: GET_CSV<WarningsAnswer, WarningsQuery>()('/api/ops/supervision/warnings'),
  yellowCards: GET_CSV<YellowCardsAnswer, YellowCardsQuery>()('/api/ops/supervision/yellow-cards'),
  ratings: GET_CSV<RatingsAnswer, RatingsQuery>()('/api/ops/supervision/ratings'),
  followUps: GET_CSV<FollowUpsAnswer, FollowUpsQuery>()('/api/ops/supervision/follow-ups'),
  updateFollowUp: POST<FollowUpPatch, FollowUp>()('/api/ops/supervision/follow-ups/:id'),
  // The console sends an empty JSON object; the route reads no body.
  closeFollowUp: POST<Record<string, never>, FollowUp>()('/api/ops/supervision/follow-ups/:id/close'),
  /** Counters kept aside for being over the bound, for ops to see and ask an admin to reset. */
  counterQuarantine: GET<CounterQuarantineAnswer>()('/api/ops/counter-quarantine'),
  /** 帮办 figures per day and terminal: calls, answered share, median wait (reports/helpFigures.ts). */
  helpFigures: GET<HelpFiguresAnswer, { from: string; to: string }>()('/api/ops/help-figures'),
  /** Payment orders of the days: paid, abandoned per reason, failed, refunds (payments/gateway.ts). */
  payments: GET<PaymentFigures, { from: string; to: string }>()('/api/ops/payments'),
  /** 代办 per item over the days: records, and those done by an agent for 家人 or 他人 (household/). */
  agency: GET<AgencyFigures, { from: string; to: string }>()('/api/ops/agency'),
} as const

/** The helper console's call-back tasks (role helper): numbers masked, the full one only to the taker, audited. */
export const HELP_ROUTES = {
  callbacks: GET<CallbackTasksAnswer>()('/api/help/callbacks'),
  take: POST<Record<string, never>, CallbackTaskView>()('/api/help/callbacks/:key/take'),
  number: GET<CallbackNumberAnswer>()('/api/help/callbacks/:key/number'),
  close: POST<CallbackCloseRequest, CallbackTaskView>()('/api/help/callbacks/:key/close'),
} as const

/** Intake routes for other channels' systems (role intake: a system account made in account management). */
export const INTAKE_ROUTES = {
  cases: POST<IntakeCases, IntakeCasesAnswer>()('/api/intake/cases'),
  caseEvents: POST<IntakeEvents, IntakeEventsAnswer>()('/api/intake/case-events'),
  ratings: POST<IntakeRatings, IntakeRatingsAnswer>()('/api/intake/ratings'),
} as const
