/**
 * The only module of the resident kiosk that calls fetch, through the contract's route table and its one
 * typed fetch (zod-free: zod stays out of the kiosk bundle). It classifies every failure so the sync
 * engine knows whether to retry.
 */
import type {
  AnswerOf,
  AnyRoute,
  BatchAnswer,
  CountersPayload,
  EnrolAnswer,
  Heartbeat,
  TransactionRecord,
} from '../../../mock-backend/src/contract'
import {
  fetchRoute,
  parseAnswer,
  type RouteCall,
  routePath,
} from '../../../mock-backend/src/contract/fetchRoute'
import type { CallbackRequest } from '../../../mock-backend/src/contract/helpDesk'
import { TERMINAL_ROUTES as ROUTES } from '../../../mock-backend/src/contract/routes'
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import type { CaseRating, CaseView, RatingPass } from './terminalBridge'
/** A request that has not answered after this long is abandoned as a timeout. */
export const REQUEST_TIMEOUT_MS = 15_000

/** Why a request failed: no connection, no answer in time, or an HTTP error status. */
export type FailureKind = 'network' | 'timeout' | 'http'

/** A classified request failure; `retryable` is false only for 4xx answers other than 408/429. */
export class BackendError extends Error {
  override readonly name = 'BackendError'
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    /** A 401 terminal_revoked carrying an admin's wipe order (`wipe: true`). */
    readonly wipe = false,
  ) {
    super(message)
  }
  /** Network, timeout, 408, 429 and 5xx are worth retrying; other answers will not change. */
  get retryable(): boolean {
    return this.kind !== 'http' || this.status === null || isRetryableStatus(this.status)
  }
}

/** 408, 429 and 5xx mean "try again later". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/** Statuses that refuse a request whole for its content: a smaller request may pass, so it is split. */
export const CONTENT_REFUSALS: ReadonlySet<number> = new Set([400, 413, 422])

/** True when the backend refused the request for what it carried (see CONTENT_REFUSALS). */
export function refusesContent(error: BackendError): boolean {
  return error.kind === 'http' && error.status !== null && CONTENT_REFUSALS.has(error.status)
}

/** A refusal as a dead letter keeps it: the backend's code and message, not the request line. */
export function refusalMessage(error: BackendError): string {
  return `${error.code ?? `HTTP ${error.status}`}: ${error.message.replace(/^.*?: HTTP \d+ /, '')}`
}

/** Answer of the catalog download. */
export type CatalogFetch =
  | { status: 'ok'; catalog: PublishedCatalog; etag: string | null }
  | { status: 'notModified' }
  | { status: 'none' }

/** Typed calls of the terminal routes in mock-backend/API.md. */
export interface BackendClient {
  demoEnrol(): Promise<EnrolAnswer>
  enrol(code: string): Promise<EnrolAnswer>
  getCatalog(etag: string | null): Promise<CatalogFetch>
  postTransactions(records: TransactionRecord[]): Promise<BatchAnswer>
  postCounters(counters: CountersPayload['counters']): Promise<AnswerOf<typeof ROUTES.counters>>
  postHeartbeat(heartbeat: Heartbeat): Promise<AnswerOf<typeof ROUTES.heartbeat>>
  /** Reports an ordered wipe done (a revoked key may still send it). */
  postWiped(): Promise<AnswerOf<typeof ROUTES.wiped>>
  /** Hands a resident's 帮办 call-back to the helpers (stored once per key: a resend is a replay). */
  postCallback(request: CallbackRequest): Promise<AnswerOf<typeof ROUTES.callback>>
  /** Any route, typed and classified alike: for the route tables the entry does not carry (materials). */
  call<R extends AnyRoute>(route: R, call: RouteCall<R>): Promise<AnswerOf<R>>
}

/** The case (办件) calls of the terminal routes: lookups and the one rating per case. */
export interface CaseClient {
  getCase(caseNumber: string): Promise<{ cases: CaseView[]; ratable: RatingPass[] }>
  lookupCases(idNumber: string): Promise<{ cases: CaseView[]; ratable: RatingPass[] }>
  postRating(rating: CaseRating): Promise<Pick<AnswerOf<typeof ROUTES.rating>, 'caseNumber' | 'replayed'>>
}

/** How the client is built; the token is read per request so enrolment takes effect at once. */
export interface BackendClientOptions {
  fetchImpl?: typeof fetch
  baseUrl?: string
  timeoutMs?: number
  getToken: () => string | null
  /** Told about every request's end: null on any HTTP answer, the kind on network/timeout failures. */
  onTransport?: (failure: FailureKind | null) => void
}

/** The typed request and JSON call of any route with the terminal's key: the client below, and the payment step's (sync/orderClient.ts, loaded with it). */
export function createRouteCaller(options: BackendClientOptions) {
  const fetchImpl = options.fetchImpl ?? ((input, init) => globalThis.fetch(input, init))
  const baseUrl = options.baseUrl ?? ''
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS

  async function request<R extends AnyRoute>(route: R, call: RouteCall<R> = {}): Promise<Response> {
    const method = route.method
    const path = routePath(route, call.params)
    const headers: Record<string, string> = { ...call.headers }
    const token = options.getToken()
    if (token) headers.Authorization = `Bearer ${token}`
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    try {
      const response = await fetchRoute(fetchImpl, baseUrl, route, {
        ...call,
        headers,
        init: { signal: controller.signal, cache: 'no-store' },
      })
      options.onTransport?.(null)
      return response
    } catch (error) {
      const kind: FailureKind = timedOut ? 'timeout' : 'network'
      options.onTransport?.(kind)
      const detail = error instanceof Error ? error.message : String(error)
      throw new BackendError(
        kind,
        `${method} ${path}: ${kind === 'timeout' ? `no answer in ${timeoutMs} ms` : detail}`,
      )
    } finally {
      clearTimeout(timer)
    }
  }

  async function json<R extends AnyRoute>(route: R, call: RouteCall<R> = {}): Promise<AnswerOf<R>> {
    const response = await request(route, call)
    if (!response.ok) throw await httpError(route.method, routePath(route, call.params), response)
    return parseAnswer(route, await response.text())
  }

  return { request, json }
}

/** Builds the client. */
export function createBackendClient(options: BackendClientOptions): BackendClient & CaseClient {
  const { request, json } = createRouteCaller(options)
  return {
    demoEnrol: () => json(ROUTES.demoEnrol, { body: {} }),
    enrol: (code) => json(ROUTES.enrol, { body: { code } }),
    async getCatalog(etag) {
      const path = ROUTES.catalog.path
      const response = await request(ROUTES.catalog, etag ? { headers: { 'If-None-Match': etag } } : {})
      if (response.status === 304) return { status: 'notModified' }
      if (response.status === 404) {
        const error = await httpError('GET', path, response)
        if (error.code === 'no_catalog') return { status: 'none' }
        throw error
      }
      if (!response.ok) throw await httpError('GET', path, response)
      const catalog = (await response.json()) as PublishedCatalog
      if (!catalog || typeof catalog.version !== 'number' || !Array.isArray(catalog.items)) {
        throw new BackendError(
          'http',
          `GET ${path}: answer is not a published catalog`,
          response.status,
          'bad_catalog',
        )
      }
      return { status: 'ok', catalog, etag: response.headers.get('ETag') }
    },
    postTransactions: (records) => json(ROUTES.transactions, { body: { records } }),
    postCounters: (counters) => json(ROUTES.counters, { body: { counters } }),
    getCase: (caseNumber) => json(ROUTES.caseByNumber, { params: { caseNumber } }),
    lookupCases: (idNumber) => json(ROUTES.caseLookup, { body: { idNumber } }),
    postRating: (rating) => json(ROUTES.rating, { body: rating }),
    postHeartbeat: (heartbeat) => json(ROUTES.heartbeat, { body: heartbeat }),
    postWiped: () => json(ROUTES.wiped, { body: {} }),
    postCallback: (request) => json(ROUTES.callback, { body: request }),
    call: json,
  }
}

/** A failed answer as a BackendError with the backend's code and message (the materials client reads them too). */
export async function httpError(method: string, path: string, response: Response): Promise<BackendError> {
  let code: string | null = null
  let message = response.statusText
  let wipe = false
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown; wipe?: unknown }
    if (typeof body.error === 'string') code = body.error
    if (typeof body.message === 'string') message = body.message
    wipe = body.wipe === true
  } catch {
    // not JSON: keep the status text
  }
  return new BackendError(
    'http',
    `${method} ${path}: HTTP ${response.status} ${message}`,
    response.status,
    code,
    wipe,
  )
}
