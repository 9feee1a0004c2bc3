/**
 * The route table: every call a client makes, as method, path, request and answer type. The request and
 * answer types ride along as phantom types (no run-time cost); `fetchRoute.ts` turns an entry into a call.
 * Grouped by client so the kiosk bundles only the terminal's paths.
 */
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import type { CaseLookupAnswer, RatingAnswer, RatingRequest } from './cases'
import type { CountsGroupBy, DailyCountsAnswer } from './dailyCounts'
import type {
  AdminTerminal,
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
  LoginAnswer,
  LoginRequest,
  MeAnswer,
  NewTerminalRequest,
  PublishAnswer,
  RatingsAnswer,
  RollbackAnswer,
  SupervisionSummary,
  TerminalUpdateRequest,
  ValidateAnswer,
  WarningsAnswer,
  YellowCardsAnswer,
} from './staff'
import type {
  BatchAnswer,
  CountersPayload,
  EnrolAnswer,
  EnrolRequest,
  Heartbeat,
  TransactionBatch,
} from './wire'

/**
 * One route: `path` may hold `:name` parameters (their names are read from the path's type); `Req` is the
 * JSON body (`undefined`: none); `Query` the query-string fields it reads (`undefined`: none).
 */
export interface Route<Req, Ans, Query = undefined, Path extends string = string> {
  readonly method: 'GET' | 'POST' | 'PUT'
  readonly path: Path
  /** True when `format=csv` gives the same rows as a CSV download (see `csvPath`). */
  readonly csv?: true
  /** Phantom: the body type. Never set. */
  readonly request?: Req
  /** Phantom: the answer type. Never set. */
  readonly answer?: Ans
  /** Phantom: the query type. Never set. */
  readonly query?: Query
}

/** Any route of the table. */
// biome-ignore lint/suspicious/noExplicitAny: the widest route, for constraints only
export type AnyRoute = Route<any, any, any, string>
/** The JSON body a route takes. */
export type RequestOf<R> = R extends Route<infer Req, unknown, unknown> ? Req : never
/** The JSON answer a route gives. */
export type AnswerOf<R> = R extends Route<unknown, infer Ans, unknown> ? Ans : never
/** The query fields a route reads (`undefined`: none). */
export type QueryOf<R> = R extends Route<unknown, unknown, infer Query> ? Query : never

/** The `:name` parameters of a path, as a union of names. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never
/** The values of a route's path parameters (`never`: the path has none). */
export type ParamsOf<R> = R extends { readonly path: infer P extends string }
  ? [ParamNames<P>] extends [never]
    ? never
    : Record<ParamNames<P>, string | number>
  : never

/** A query's field values: left-out fields are not sent. */
export type QueryFields = Readonly<Record<string, string | number | undefined>>

// Curried so the answer (and query) types are written out while the path's literal type is inferred.
const GET =
  <Ans, Query extends QueryFields | undefined = undefined>() =>
  <P extends string>(path: P): Route<undefined, Ans, Query, P> => ({ method: 'GET', path })
const POST =
  <Req, Ans>() =>
  <P extends string>(path: P): Route<Req, Ans, undefined, P> => ({ method: 'POST', path })
const PUT =
  <Req, Ans>() =>
  <P extends string>(path: P): Route<Req, Ans, undefined, P> => ({ method: 'PUT', path })
/** A GET whose rows are also downloadable as CSV with `format=csv`. */
const GET_CSV =
  <Ans, Query extends QueryFields | undefined = undefined>() =>
  <P extends string>(path: P): Route<undefined, Ans, Query, P> & { readonly csv: true } => ({
    method: 'GET',
    path,
    csv: true,
  })

/** Routes an enrolled terminal (and enrolment itself) calls. */
export const TERMINAL_ROUTES = {
  demoEnrol: POST<Record<string, never>, EnrolAnswer>()('/api/terminals/demo-enrol'),
  enrol: POST<EnrolRequest, EnrolAnswer>()('/api/terminals/enrol'),
  catalog: GET<PublishedCatalog>()('/api/terminal/catalog'),
  transactions: POST<TransactionBatch, BatchAnswer>()('/api/terminal/transactions'),
  counters: POST<CountersPayload, { accepted: number }>()('/api/terminal/counters'),
  heartbeat: POST<Heartbeat, { ok: boolean; serverTime: string; catalogVersion: number }>()(
    '/api/terminal/heartbeat',
  ),
  caseByNumber: GET<CaseLookupAnswer>()('/api/terminal/cases/:caseNumber'),
  // POST: the ID number travels in the body, never in a URL.
  caseLookup: POST<{ idNumber: string }, CaseLookupAnswer>()('/api/terminal/cases/lookup'),
  rating: POST<RatingRequest, RatingAnswer>()('/api/terminal/ratings'),
} as const

/** Staff session routes (both consoles and the CLI). */
export const AUTH_ROUTES = {
  login: POST<LoginRequest, LoginAnswer>()('/api/auth/login'),
  logout: POST<undefined, null>()('/api/auth/logout'),
  me: GET<MeAnswer>()('/api/auth/me'),
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
  terminals: GET<AdminTerminal[]>()('/api/admin/terminals'),
  createTerminal: POST<NewTerminalRequest, CreatedTerminal>()('/api/admin/terminals'),
  updateTerminal: PUT<TerminalUpdateRequest, AdminTerminal>()('/api/admin/terminals/:id'),
  departmentFaults: GET<DepartmentFaultsAnswer>()('/api/admin/departments/faults'),
  setDepartmentFaults: PUT<DepartmentFaultsRequest, DepartmentFaultsAnswer>()(
    '/api/admin/departments/faults',
  ),
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
  fleet: GET<FleetRow[]>()('/api/ops/terminals'),
  supervisionSummary: GET<SupervisionSummary, SupervisionSummaryQuery>()('/api/ops/supervision/summary'),
  warnings: GET_CSV<WarningsAnswer, WarningsQuery>()('/api/ops/supervision/warnings'),
  yellowCards: GET_CSV<YellowCardsAnswer, YellowCardsQuery>()('/api/ops/supervision/yellow-cards'),
  ratings: GET_CSV<RatingsAnswer, RatingsQuery>()('/api/ops/supervision/ratings'),
  followUps: GET_CSV<FollowUpsAnswer, FollowUpsQuery>()('/api/ops/supervision/follow-ups'),
  updateFollowUp: POST<FollowUpPatch, FollowUp>()('/api/ops/supervision/follow-ups/:id'),
  // The console sends an empty JSON object; the route reads no body.
  closeFollowUp: POST<Record<string, never>, FollowUp>()('/api/ops/supervision/follow-ups/:id/close'),
} as const
