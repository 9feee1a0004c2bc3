/**
 * The admin API calls the CLI makes (see mock-backend/API.md): log in once, then send the bearer token.
 * Kept apart from cli.ts so the calls can be tested against a fake server.
 */
import type { CatalogDiff } from './diff'
import type { ImportReport } from './problems'
import type { Catalog } from './schema'

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

/** The server's validate answer: an import report (its catalog may be left out) plus the kept candidate. */
export type ServerImportReport = Omit<ImportReport, 'catalog'> & {
  candidateId?: string
  catalog?: Catalog | null
}

/** One row of `GET /api/admin/catalog/versions`. */
export type CatalogVersionRow = {
  version: number
  publishedAt: string
  publishedBy: string
  note: string | null
  itemCount: number
  active: boolean
}

/** What publish and rollback answer. */
export type PublishAnswer = { version: number; publishedAt: string; publishedBy: string }

/** Logged-in access to the admin catalog routes. */
export type AdminClient = {
  validate(bytes: Uint8Array, fileName: string): Promise<ServerImportReport>
  diff(candidateId: string): Promise<CatalogDiff>
  publish(candidateId: string, note?: string): Promise<PublishAnswer>
  versions(): Promise<CatalogVersionRow[]>
  rollback(version: number): Promise<PublishAnswer>
  current(): Promise<Catalog>
}

type FetchLike = typeof fetch

async function call<T>(fetchFn: FetchLike, url: string, init: RequestInit): Promise<T> {
  let res: Response
  try {
    res = await fetchFn(url, init)
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
  return body as T
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
  const common = { 'X-Api-Version': '1' }
  const login = await call<{ token?: unknown; role?: unknown }>(fetchFn, `${base}/api/auth/login`, {
    method: 'POST',
    headers: { ...common, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: options.user, password: options.password }),
  })
  if (typeof login?.token !== 'string')
    throw new AdminApiError(200, 'no_token', 'the login answer has no token')
  const auth = { ...common, Authorization: `Bearer ${login.token}` }
  const json = <T>(method: string, path: string, body?: unknown) =>
    call<T>(fetchFn, `${base}${path}`, {
      method,
      headers: body === undefined ? auth : { ...auth, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  return {
    validate: (bytes, fileName) => {
      const lower = fileName.toLowerCase()
      const type = lower.endsWith('.json')
        ? 'application/json'
        : lower.endsWith('.csv')
          ? 'text/csv'
          : 'application/octet-stream'
      return call<ServerImportReport>(fetchFn, `${base}/api/admin/catalog/validate`, {
        method: 'POST',
        // Header values must be ASCII: the file name is percent-encoded.
        headers: { ...auth, 'Content-Type': type, 'X-File-Name': encodeURIComponent(fileName) },
        body: bytes.slice(),
      })
    },
    diff: (candidateId) => json<CatalogDiff>('POST', '/api/admin/catalog/diff', { candidateId }),
    publish: (candidateId, note) =>
      json<PublishAnswer>(
        'POST',
        '/api/admin/catalog/publish',
        note === undefined ? { candidateId } : { candidateId, note },
      ),
    versions: () => json<CatalogVersionRow[]>('GET', '/api/admin/catalog/versions'),
    rollback: (version) => json<PublishAnswer>('POST', '/api/admin/catalog/rollback', { version }),
    current: () => json<Catalog>('GET', '/api/admin/catalog/current'),
  }
}
