/**
 * The admin API calls the CLI makes (see mock-backend/API.md): log in once, then send the bearer token.
 * Kept apart from cli.ts so the calls can be tested against a fake server.
 */
import type {
  AnswerOf,
  AnyRoute,
  CatalogVersionRow,
  PublishAnswer,
  ValidateAnswer,
} from '../../mock-backend/src/contract'
import {
  fetchRoute,
  type RouteCall,
  routeHeaders,
  routePath,
} from '../../mock-backend/src/contract/fetchRoute'
import { ADMIN_ROUTES, AUTH_ROUTES } from '../../mock-backend/src/contract/staffRoutes'

export type { CatalogVersionRow, PublishAnswer, ValidateAnswer }

/** A non-2xx answer from the backend, carrying its `{error, message}` body. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'AdminApiError'
  }
}

/** The answer of an admin route, as the contract's route table types it. */
type Answer<K extends keyof typeof ADMIN_ROUTES> = Promise<AnswerOf<(typeof ADMIN_ROUTES)[K]>>

/** Logged-in access to the admin catalog routes. */
export type AdminClient = {
  validate(bytes: Uint8Array, fileName: string): Answer<'validate'>
  diff(candidateId: string): Answer<'diff'>
  publish(candidateId: string, note?: string): Answer<'publish'>
  versions(): Answer<'versions'>
  rollback(version: number): Answer<'rollback'>
  current(): Answer<'current'>
}

type FetchLike = typeof fetch

/** One call of the route table against `base`; failures become AdminApiError with the server's code. */
async function call<R extends AnyRoute>(
  fetchFn: FetchLike,
  base: string,
  route: R,
  input: RouteCall<R> & { raw?: BodyInit },
): Promise<AnswerOf<R>> {
  const url = `${base}${routePath(route, input.params, input.query)}`
  let res: Response
  try {
    res =
      input.raw === undefined
        ? await fetchRoute(fetchFn, base, route, input)
        : await fetchFn(url, {
            method: route.method,
            headers: routeHeaders(false, input.headers),
            body: input.raw,
          })
  } catch (e) {
    const reason = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)
    throw new AdminApiError(0, 'unreachable', `cannot reach ${new URL(url).origin}: ${reason}`)
  }
  const text = await res.text()
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = null
  }
  if (!res.ok) {
    const b = (body ?? {}) as { error?: unknown; message?: unknown }
    const code = typeof b.error === 'string' ? b.error : `http_${res.status}`
    const message = typeof b.message === 'string' ? b.message : `${res.status} ${res.statusText}`
    throw new AdminApiError(res.status, code, message)
  }
  return body as AnswerOf<R>
}

/** Logs in with username and password (POST /api/auth/login) and returns a client using the bearer token. */
export async function loginAdmin(options: {
  server: string
  user: string
  password: string
  fetch?: FetchLike
}): Promise<AdminClient> {
  const fetchFn = options.fetch ?? fetch
  const base = options.server.replace(/\/+$/, '')
  const login = await call(fetchFn, base, AUTH_ROUTES.login, {
    body: { username: options.user, password: options.password },
  })
  if (typeof login?.token !== 'string')
    throw new AdminApiError(200, 'no_token', 'the login answer has no token')
  const headers = { Authorization: `Bearer ${login.token}` }
  const json = <R extends AnyRoute>(route: R, input: RouteCall<R> = {}) =>
    call(fetchFn, base, route, { ...input, headers })
  return {
    validate: (bytes, fileName) => {
      const lower = fileName.toLowerCase()
      const type = lower.endsWith('.json')
        ? 'application/json'
        : lower.endsWith('.csv')
          ? 'text/csv'
          : 'application/octet-stream'
      return call(fetchFn, base, ADMIN_ROUTES.validate, {
        // Header values must be ASCII: the file name is percent-encoded.
        headers: { ...headers, 'Content-Type': type, 'X-File-Name': encodeURIComponent(fileName) },
        raw: bytes.slice(),
      })
    },
    diff: (candidateId) => json(ADMIN_ROUTES.diff, { body: { candidateId } }),
    publish: (candidateId, note) =>
      json(ADMIN_ROUTES.publish, { body: note === undefined ? { candidateId } : { candidateId, note } }),
    versions: () => json(ADMIN_ROUTES.versions),
    rollback: (version) => json(ADMIN_ROUTES.rollback, { body: { version } }),
    current: () => json(ADMIN_ROUTES.current),
  }
}
