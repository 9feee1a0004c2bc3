/** The HTTP calls benches make against a bench backend, through the real routes and the wire contract. */

import type { BatchAnswer, EnrolAnswer, TransactionRecord } from '../../mock-backend/src/contract'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { BENCH_STAFF } from './backendProcess'

/**
 * Requests that failed at the socket level and were sent again (only idempotent ones: transaction batches are
 * idempotent by key). On an overloaded machine a keep-alive socket the server just closed can be reused.
 */
export const networkRetries = { count: 0 }

/** One JSON request; a non-2xx answer throws with the route, status and error body. */
export async function api<T>(
  base: string,
  path: string,
  options: { method?: string; token?: string; body?: unknown; idempotent?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { 'x-api-version': String(API_VERSION) }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST')
  const body = options.body === undefined ? undefined : JSON.stringify(options.body)
  let answer: Response | undefined
  for (let attempt = 1; !answer; attempt++) {
    try {
      answer = await fetch(`${base}${path}`, { method, headers, body })
    } catch (error) {
      const retryable = (options.idempotent || method === 'GET') && attempt <= 3
      if (retryable) {
        networkRetries.count += 1
        continue
      }
      // fetch only says "fetch failed"; the cause names the socket problem (ECONNRESET, other side closed …).
      const cause =
        error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined
      throw new Error(
        `${method} ${path}: fetch failed (${cause?.code ?? ''} ${cause?.message ?? String(error)})`,
      )
    }
  }
  const text = await answer.text()
  if (!answer.ok) throw new Error(`${method} ${path} → ${answer.status}: ${text.slice(0, 300)}`)
  return JSON.parse(text) as T
}

/** Bearer token of a staff role. */
export async function staffToken(base: string, role: keyof typeof BENCH_STAFF): Promise<string> {
  const { token } = await api<{ token: string }>(base, '/api/auth/login', { body: BENCH_STAFF[role] })
  return token
}

/** The seeded demo terminal (groups: town-centre), enrolled from loopback. */
export const demoTerminal = (base: string) =>
  api<EnrolAnswer>(base, '/api/terminals/demo-enrol', { body: {} })

/** Creates a terminal as admin and enrols it with its one-time code, like an installer would. */
export async function enrolTerminal(
  base: string,
  adminToken: string,
  name: string,
  groups: string[] = [],
): Promise<EnrolAnswer> {
  const { enrolCode } = await api<{ enrolCode: string }>(base, '/api/admin/terminals', {
    token: adminToken,
    body: { name, location: '区政务服务中心（压测）', groups },
  })
  return api<EnrolAnswer>(base, '/api/terminals/enrol', { body: { code: enrolCode } })
}

/**
 * Sends one batch and throws unless every record came back `ok` (a bench must not time failures).
 * A dropped connection is re-sent (the batch is idempotent by key) unless `retryResets` is false.
 */
export async function postBatch(
  base: string,
  token: string,
  records: TransactionRecord[],
  options: { retryResets?: boolean } = {},
): Promise<void> {
  const { outcomes } = await api<BatchAnswer>(base, '/api/terminal/transactions', {
    token,
    body: { records },
    idempotent: options.retryResets ?? true,
  })
  const bad = outcomes.find((o) => o.status !== 'ok')
  if (bad || outcomes.length !== records.length) {
    throw new Error(`ingest refused a bench record: ${JSON.stringify(bad ?? { outcomes: outcomes.length })}`)
  }
}

/** Splits `list` into chunks of `size`. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}
