/**
 * The only module of the resident kiosk that calls fetch. It speaks the wire contract
 * (types only: zod stays out of the kiosk bundle) and classifies every failure so the sync
 * engine knows whether to retry.
 */
import type {
  BatchAnswer,
  CountersPayload,
  EnrolAnswer,
  Heartbeat,
  TransactionRecord,
} from '../../../mock-backend/src/contract'
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import type { CaseRating, CaseView } from './terminalBridge'

/** Sent as X-Api-Version (mirrors API_VERSION in contract.ts, which cannot be imported at runtime here). */
export const CLIENT_API_VERSION = 1
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
  postCounters(counters: CountersPayload['counters']): Promise<{ accepted: number }>
  postHeartbeat(heartbeat: Heartbeat): Promise<{ ok: boolean; serverTime: string; catalogVersion: number }>
}

/** The case (办件) calls of the terminal routes: lookups and the one rating per case. */
export interface CaseClient {
  getCase(caseNumber: string): Promise<{ cases: CaseView[] }>
  lookupCases(idNumber: string): Promise<{ cases: CaseView[] }>
  postRating(rating: CaseRating): Promise<{ caseNumber: string; replayed: boolean }>
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

/** Builds the client. */
export function createBackendClient(options: BackendClientOptions): BackendClient & CaseClient {
  const fetchImpl = options.fetchImpl ?? ((input, init) => globalThis.fetch(input, init))
  const baseUrl = options.baseUrl ?? ''
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS

  async function request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    extra?: Record<string, string>,
  ) {
    const headers: Record<string, string> = { 'X-Api-Version': String(CLIENT_API_VERSION), ...extra }
    const token = options.getToken()
    if (token) headers.Authorization = `Bearer ${token}`
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    try {
      const response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: 'no-store',
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

  async function json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await request(method, path, body)
    if (!response.ok) throw await httpError(method, path, response)
    return (await response.json()) as T
  }

  return {
    demoEnrol: () => json<EnrolAnswer>('POST', '/api/terminals/demo-enrol', {}),
    enrol: (code) => json<EnrolAnswer>('POST', '/api/terminals/enrol', { code }),
    async getCatalog(etag) {
      const path = '/api/terminal/catalog'
      const response = await request('GET', path, undefined, etag ? { 'If-None-Match': etag } : undefined)
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
    postTransactions: (records) => json<BatchAnswer>('POST', '/api/terminal/transactions', { records }),
    postCounters: (counters) => json<{ accepted: number }>('POST', '/api/terminal/counters', { counters }),
    getCase: (caseNumber) =>
      json<{ cases: CaseView[] }>('GET', `/api/terminal/cases/${encodeURIComponent(caseNumber)}`),
    // POST: the ID number travels in the body, never in a URL.
    lookupCases: (idNumber) =>
      json<{ cases: CaseView[] }>('POST', '/api/terminal/cases/lookup', { idNumber }),
    postRating: (rating) =>
      json<{ caseNumber: string; replayed: boolean }>('POST', '/api/terminal/ratings', rating),
    postHeartbeat: (heartbeat) =>
      json<{ ok: boolean; serverTime: string; catalogVersion: number }>(
        'POST',
        '/api/terminal/heartbeat',
        heartbeat,
      ),
  }
}

async function httpError(method: string, path: string, response: Response): Promise<BackendError> {
  let code: string | null = null
  let message = response.statusText
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown }
    if (typeof body.error === 'string') code = body.error
    if (typeof body.message === 'string') message = body.message
  } catch {
    // not JSON: keep the status text
  }
  return new BackendError(
    'http',
    `${method} ${path}: HTTP ${response.status} ${message}`,
    response.status,
    code,
  )
}
