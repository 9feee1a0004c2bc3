/**
 * The one typed `fetch` of the route table, shared by the kiosk, the consoles and the CLI. It builds the
 * request (path parameters, `X-Api-Version`, JSON body) and types the answer; each client keeps its own
 * failure handling (retry classes, CSRF and 401, CLI messages). Tiny and zod-free: the kiosk bundles it.
 */
import { API_VERSION } from './constants'
import type { AnswerOf, AnyRoute, ParamsOf, QueryFields, QueryOf, RequestOf } from './routes'

/** The `X-Api-Version` header every client sends. */
export const API_VERSION_HEADERS: Readonly<Record<string, string>> = { 'X-Api-Version': String(API_VERSION) }

/** One call of a route: path parameters, query, body and what the client adds to the request. */
export interface RouteCall<R extends AnyRoute> {
  /** Values of the path's `:name` parameters, URL-encoded here. */
  params?: ParamsOf<R>
  /** Query fields, sent as `?name=value&…` in the order given; undefined fields are left out. */
  query?: QueryOf<R>
  /** The JSON body; left out for routes that take none. */
  body?: RequestOf<R>
  /** Extra headers (authorization, CSRF, If-None-Match, Accept …). */
  headers?: Record<string, string>
  /** Other fetch options (signal, credentials, cache). */
  init?: Omit<RequestInit, 'method' | 'headers' | 'body'>
}

/** The route's path with its parameters filled in (URL-encoded) and the query appended. */
export function routePath<R extends AnyRoute>(route: R, params?: ParamsOf<R>, query?: QueryOf<R>): string {
  const values: Record<string, string | number> = params ?? {}
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`${route.path}: no value for :${name}`)
    return encodeURIComponent(String(value))
  })
  const fields: QueryFields = query ?? {}
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined) search.append(name, String(value))
  const text = search.toString()
  return text ? `${path}?${text}` : path
}

/** The link that downloads a CSV route's rows: its path and query with `format=csv`. */
export function csvPath<R extends AnyRoute & { readonly csv: true }>(
  route: R,
  query?: QueryOf<R>,
  params?: ParamsOf<R>,
): string {
  // No query type names `format`: a JSON call cannot ask for CSV; only this link adds it.
  return routePath(route, params, { ...query, format: 'csv' } as QueryOf<R>)
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
