/**
 * The route table: every call a client makes, as method, path, request and answer type. The request and
 * answer types ride along as phantom types (no run-time cost); `fetchRoute.ts` turns an entry into a call.
 * Grouped by client so the kiosk bundles only the terminal's paths.
 */
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import type { CaseLookupAnswer, RatingAnswer, RatingRequest } from './cases'
import type { DailyCountsAnswer } from './dailyCounts'
import type {
  AdminTerminal,
  CatalogDiff,
  CatalogVersionRow,
  CreatedTerminal,
  CurrentCatalogAnswer,
  FleetRow,
  FollowUp,
  FollowUpPatch,
  LoginAnswer,
  LoginRequest,
  MeAnswer,
  NewTerminalRequest,
  PublishAnswer,
  RollbackAnswer,
  SupervisionSummary,
  TerminalUpdateRequest,
  ValidateAnswer,
} from './staff'
import type {
  BatchAnswer,
  CountersPayload,
  EnrolAnswer,
  EnrolRequest,
  Heartbeat,
  TransactionBatch,
} from './wire'

/** One route: `path` may hold `:name` parameters; `Req` is the JSON body (`undefined`: none). */
export interface Route<Req, Ans> {
  readonly method: 'GET' | 'POST' | 'PUT'
  readonly path: string
  /** Phantom: the body type. Never set. */
  readonly request?: Req
  /** Phantom: the answer type. Never set. */
  readonly answer?: Ans
}

/** Any route of the table. */
// biome-ignore lint/suspicious/noExplicitAny: the widest route, for constraints only
export type AnyRoute = Route<any, any>
/** The JSON body a route takes. */
export type RequestOf<R> = R extends Route<infer Req, unknown> ? Req : never
/** The JSON answer a route gives. */
export type AnswerOf<R> = R extends Route<unknown, infer Ans> ? Ans : never

const GET = <Ans>(path: string): Route<undefined, Ans> => ({ method: 'GET', path })
const POST = <Req, Ans>(path: string): Route<Req, Ans> => ({ method: 'POST', path })
const PUT = <Req, Ans>(path: string): Route<Req, Ans> => ({ method: 'PUT', path })

/** Routes an enrolled terminal (and enrolment itself) calls. */
export const TERMINAL_ROUTES = {
  demoEnrol: POST<Record<string, never>, EnrolAnswer>('/api/terminals/demo-enrol'),
  enrol: POST<EnrolRequest, EnrolAnswer>('/api/terminals/enrol'),
  catalog: GET<PublishedCatalog>('/api/terminal/catalog'),
  transactions: POST<TransactionBatch, BatchAnswer>('/api/terminal/transactions'),
  counters: POST<CountersPayload, { accepted: number }>('/api/terminal/counters'),
  heartbeat: POST<Heartbeat, { ok: boolean; serverTime: string; catalogVersion: number }>(
    '/api/terminal/heartbeat',
  ),
  caseByNumber: GET<CaseLookupAnswer>('/api/terminal/cases/:caseNumber'),
  // POST: the ID number travels in the body, never in a URL.
  caseLookup: POST<{ idNumber: string }, CaseLookupAnswer>('/api/terminal/cases/lookup'),
  rating: POST<RatingRequest, RatingAnswer>('/api/terminal/ratings'),
} as const

/** Staff session routes (both consoles and the CLI). */
export const AUTH_ROUTES = {
  login: POST<LoginRequest, LoginAnswer>('/api/auth/login'),
  logout: POST<undefined, null>('/api/auth/logout'),
  me: GET<MeAnswer>('/api/auth/me'),
} as const

/** Admin console and CLI routes (role admin). */
export const ADMIN_ROUTES = {
  /** Raw file body (JSON or CSV), not JSON-encoded: sent by upload, not by `fetchRoute`'s JSON body. */
  validate: POST<Uint8Array | Blob, ValidateAnswer>('/api/admin/catalog/validate'),
  diff: POST<{ candidateId: string }, CatalogDiff>('/api/admin/catalog/diff'),
  publish: POST<{ candidateId: string; note?: string }, PublishAnswer>('/api/admin/catalog/publish'),
  versions: GET<CatalogVersionRow[]>('/api/admin/catalog/versions'),
  rollback: POST<{ version: number }, RollbackAnswer>('/api/admin/catalog/rollback'),
  current: GET<CurrentCatalogAnswer>('/api/admin/catalog/current'),
  terminals: GET<AdminTerminal[]>('/api/admin/terminals'),
  createTerminal: POST<NewTerminalRequest, CreatedTerminal>('/api/admin/terminals'),
  updateTerminal: PUT<TerminalUpdateRequest, AdminTerminal>('/api/admin/terminals/:id'),
} as const

/** Ops console routes (role ops). Query strings are appended to the path by the caller. */
export const OPS_ROUTES = {
  dailyCounts: GET<DailyCountsAnswer>('/api/ops/daily-counts'),
  fleet: GET<FleetRow[]>('/api/ops/terminals'),
  supervisionSummary: GET<SupervisionSummary>('/api/ops/supervision/summary'),
  updateFollowUp: POST<FollowUpPatch, FollowUp>('/api/ops/supervision/follow-ups/:id'),
  closeFollowUp: POST<undefined, FollowUp>('/api/ops/supervision/follow-ups/:id/close'),
} as const
