/**
 * The one typed `fetch` of the route table, shared by the kiosk, the consoles and the CLI. It builds the
 * request (path parameters, `X-Api-Version`, JSON body) and types the answer; each client keeps its own
 * failure handling (retry classes, CSRF and 401, CLI messages). Tiny and zod-free: the kiosk bundles it.
 */
import { API_VERSION } from './constants'
import type { AnswerOf, AnyRoute, RequestOf } from './routes'

/** The `X-Api-Version` header every client sends. */
export const API_VERSION_HEADERS: Readonly<Record<string, string>> = { 'X-Api-Version': String(API_VERSION) }

/** One call of a route: path parameters, query, body and what the client adds to the request. */
export interface RouteCall<R extends AnyRoute> {
  /** Values of the path's `:name` parameters, URL-encoded here. */
  params?: Record<string, string | number>
  /** Appended as `?…` to the path. */
  query?: string
  /** The JSON body; left out for routes that take none. */
  body?: RequestOf<R>
  /** Extra headers (authorization, CSRF, If-None-Match, Accept …). */
  headers?: Record<string, string>
  /** Other fetch options (signal, credentials, cache). */
  init?: Omit<RequestInit, 'method' | 'headers' | 'body'>
}

/** The route's path with its parameters filled in and the query appended. */
export function routePath(route: AnyRoute, params: Record<string, string | number> = {}, query = ''): string {
  // Parameters live in the path only: a query a caller wrote into the path is left as it is.
  const [pathOnly = '', ...rest] = route.path.split('?')
  const path = pathOnly.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${route.path}: no value for :${name}`)
    return encodeURIComponent(String(value))
  })
  const full = rest.length ? `${path}?${rest.join('?')}` : path
  return query ? `${full}${rest.length ? '&' : '?'}${query}` : full
}

/** The headers of a call: API version, JSON content type when there is a body, then the caller's. */
export function routeHeaders(hasBody: boolean, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...API_VERSION_HEADERS,
    ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
    ...extra,
  }
}

/** Sends one call with the given fetch; the answer is read by the caller (its failures differ). */
export function fetchRoute<R extends AnyRoute>(
  fetchFn: typeof fetch,
  baseUrl: string,
  route: R,
  call: RouteCall<R> = {},
): Promise<Response> {
  const hasBody = call.body !== undefined
  return fetchFn(`${baseUrl}${routePath(route, call.params, call.query)}`, {
    ...call.init,
    method: route.method,
    headers: routeHeaders(hasBody, call.headers),
    body: hasBody ? JSON.stringify(call.body) : undefined,
  })
}

/** A successful answer's text as the route's answer type (an empty body is null). */
export function parseAnswer<R extends AnyRoute>(_route: R, text: string): AnswerOf<R> {
  return (text ? JSON.parse(text) : null) as AnswerOf<R>
}
