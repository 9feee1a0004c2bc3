/**
 * The only module of the admin and ops consoles that talks to the network.
 * Cookie session + CSRF header on unsafe methods; XMLHttpRequest for uploads so progress can be shown.
 */
import type { AnswerOf, AnyRoute } from '../../../mock-backend/src/contract'
import {
  fetchRoute,
  parseAnswer,
  type RouteCall,
  routeHeaders,
  routePath,
} from '../../../mock-backend/src/contract/fetchRoute'
import { AUTH_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { LoginAnswer, MeAnswer } from './apiTypes'

/** A failed API call, carrying what the UI needs to explain it (status, backend code, retry delay). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSec: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Upload progress: bytes still going up (fraction 0–1, null if unknown) or the server validating. */
export type UploadProgress = { phase: 'uploading'; fraction: number | null } | { phase: 'validating' }

/** Injected transports so unit tests can drive the client without a server. */
export type StaffClientDeps = {
  fetch?: typeof fetch
  createXhr?: () => XMLHttpRequest
}

/** Reads `Retry-After` (seconds or an HTTP date) into whole seconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000))
}

/** Builds an ApiError from a status, the raw body text and Retry-After. */
export function toApiError(status: number, bodyText: string, retryAfter: string | null): ApiError {
  let code = status === 0 ? 'network' : `http_${status}`
  let message = status === 0 ? 'network error' : `HTTP ${status}`
  try {
    const body = JSON.parse(bodyText) as { error?: unknown; message?: unknown }
    if (typeof body.error === 'string') code = body.error
    if (typeof body.message === 'string') message = body.message
  } catch {
    // Not JSON (proxy error page …): keep the generic code.
  }
  return new ApiError(status, code, message, parseRetryAfter(retryAfter))
}

/** The staff API client shared by both consoles. */
export type StaffClient = ReturnType<typeof createStaffClient>

/** Creates a client; `onUnauthorized` listeners fire when a session call answers 401 (show the login). */
export function createStaffClient(deps: StaffClientDeps = {}) {
  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
  const createXhr = deps.createXhr ?? (() => new XMLHttpRequest())
  let csrfToken: string | null = null
  const unauthorizedListeners = new Set<() => void>()

  const notifyUnauthorized = () => {
    csrfToken = null
    for (const listener of unauthorizedListeners) listener()
  }

  /** Accept and, on unsafe methods, the session's CSRF token (the route helper adds the API version). */
  const sessionHeaders = (method: string, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = { Accept: 'application/json', ...extra }
    if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken
    return headers
  }

  /** One call of the route table; a 401 on a session call tells the listeners. */
  async function call<R extends AnyRoute>(route: R, input: RouteCall<R> = {}, session = true) {
    let response: Response
    try {
      response = await fetchRoute(doFetch, '', route, {
        ...input,
        headers: sessionHeaders(route.method),
        init: { credentials: 'same-origin' },
      })
    } catch {
      throw new ApiError(0, 'network', 'network error')
    }
    const text = await response.text()
    if (!response.ok) {
      if (response.status === 401 && session) notifyUnauthorized()
      throw toApiError(response.status, text, response.headers.get('Retry-After'))
    }
    return parseAnswer(route, text)
  }

  return {
    /** Restores a session from the cookie; null when nobody is logged in. */
    async me(): Promise<MeAnswer | null> {
      try {
        const me: MeAnswer = await call(AUTH_ROUTES.me, {}, false)
        csrfToken = me.csrfToken
        return me
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null
        throw error
      }
    },
    /** Logs in; 401 = bad credentials, 429 = too many attempts (see retryAfterSec). */
    async login(username: string, password: string): Promise<LoginAnswer> {
      const answer: LoginAnswer = await call(AUTH_ROUTES.login, { body: { username, password } }, false)
      csrfToken = answer.csrfToken
      return answer
    },
    /** Ends the session on the server and forgets the CSRF token. */
    async logout(): Promise<void> {
      try {
        await call(AUTH_ROUTES.logout, {}, false)
      } finally {
        csrfToken = null
      }
    },
    /** Sends a raw file to a route with upload progress (XMLHttpRequest: fetch has no upload progress). */
    upload<R extends AnyRoute>(
      route: R,
      file: Blob,
      options: { fileName?: string; contentType?: string; onProgress?: (p: UploadProgress) => void } = {},
    ): Promise<AnswerOf<R>> {
      return new Promise<AnswerOf<R>>((resolve, reject) => {
        const xhr = createXhr()
        xhr.open(route.method, routePath(route))
        const extra: Record<string, string> = {
          'Content-Type': options.contentType ?? (file.type || 'application/octet-stream'),
        }
        // Header values must be ASCII; Chinese file names travel percent-encoded.
        if (options.fileName) extra['X-File-Name'] = encodeURIComponent(options.fileName)
        for (const [name, value] of Object.entries(routeHeaders(false, sessionHeaders('POST', extra))))
          xhr.setRequestHeader(name, value)
        xhr.upload.onprogress = (event) => {
          options.onProgress?.({
            phase: 'uploading',
            fraction: event.lengthComputable && event.total > 0 ? event.loaded / event.total : null,
          })
        }
        xhr.upload.onload = () => options.onProgress?.({ phase: 'validating' })
        xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'))
        xhr.onload = () => {
          const text = xhr.responseText
          if (xhr.status < 200 || xhr.status >= 300) {
            if (xhr.status === 401) notifyUnauthorized()
            reject(toApiError(xhr.status, text, xhr.getResponseHeader('Retry-After')))
            return
          }
          try {
            resolve(JSON.parse(text) as AnswerOf<R>)
          } catch {
            reject(new ApiError(xhr.status, 'bad_json', 'the server answer is not JSON'))
          }
        }
        options.onProgress?.({ phase: 'uploading', fraction: 0 })
        xhr.send(file)
      })
    },
    /** A call of the contract's route table, the only way to the staff API: typed parameters, query, body and answer. */
    call<R extends AnyRoute>(route: R, input: RouteCall<R> = {}): Promise<AnswerOf<R>> {
      return call(route, input)
    },
    /** Subscribes to "session gone" (401 on a staff route); returns the unsubscribe function. */
    onUnauthorized(listener: () => void): () => void {
      unauthorizedListeners.add(listener)
      return () => unauthorizedListeners.delete(listener)
    },
  }
}
