/**
 * The route table: every call a client makes, as method, path, request, query and answer type. The types
 * ride along as phantom types (no run-time cost); `fetchRoute.ts` turns an entry into a call.
 * This module holds the terminal's routes; the staff routes live in `staffRoutes.ts`, a module of their
 * own so the kiosk's bundle holds only terminal paths (a shared module lands whole in the shared chunk).
 */
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import type { CaseLookupAnswer, RatingAnswer, RatingRequest } from './cases'
import type { CallbackAccepted, CallbackRequest } from './helpDesk'
import type {
  BatchAnswer,
  CountersAnswer,
  CountersPayload,
  EnrolAnswer,
  EnrolRequest,
  Heartbeat,
  HeartbeatAnswer,
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
/** A GET route entry. */
export const GET =
  <Ans, Query extends QueryFields | undefined = undefined>() =>
  <P extends string>(path: P): Route<undefined, Ans, Query, P> => ({ method: 'GET', path })
/** A POST route entry. */
export const POST =
  <Req, Ans>() =>
  <P extends string>(path: P): Route<Req, Ans, undefined, P> => ({ method: 'POST', path })
/** A PUT route entry. */
export const PUT =
  <Req, Ans>() =>
  <P extends string>(path: P): Route<Req, Ans, undefined, P> => ({ method: 'PUT', path })
/** A GET whose rows are also downloadable as CSV with `format=csv`. */
export const GET_CSV =
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
  counters: POST<CountersPayload, CountersAnswer>()('/api/terminal/counters'),
  heartbeat: POST<Heartbeat, HeartbeatAnswer>()('/api/terminal/heartbeat'),
  caseByNumber: GET<CaseLookupAnswer>()('/api/terminal/cases/:caseNumber'),
  // POST: the ID number travels in the body, never in a URL.
  caseLookup: POST<{ idNumber: string }, CaseLookupAnswer>()('/api/terminal/cases/lookup'),
  rating: POST<RatingRequest, RatingAnswer>()('/api/terminal/ratings'),
  // The terminal deleted its resident data as ordered; a revoked key may still send this.
  wiped: POST<Record<string, never>, { ok: true }>()('/api/terminal/wiped'),
  // 帮办 when nobody answers: a resident's call-back request, sent from the outbox (idempotent by its key).
  callback: POST<CallbackRequest, CallbackAccepted>()('/api/terminal/callbacks'),
} as const
