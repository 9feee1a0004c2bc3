/**
 * Who is calling: a staff session (cookie or bearer) or a terminal (bearer), and the role checks.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { TrieRouter } from 'hono/router/trie-router'
import type { StaffRole } from '../contract'
import type { AppDeps, AppEnv, StaffPrincipal, TerminalPrincipal } from '../deps'
import { ApiError } from '../http/errors'
import { keyRefusal, revokedError } from './terminalKeys'
import { hashSecret } from './tokens'

/** Name of the staff session cookie. */
export const SESSION_COOKIE = 'sid'

const UNSAFE: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The bearer token of the request, if any. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization')
  const match = header ? /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/.exec(header) : null
  return match?.[1]
}

/**
 * Resolves the principal once per request. A malformed, unknown or expired credential leaves it null, so
 * public routes (health, enrol, login) still work for a terminal holding a stale token; guarded routes answer 401.
 */
export function identify(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('principal', null)
    const now = deps.now().getTime()
    if (c.req.header('authorization')) {
      const token = bearerToken(c)
      if (token) {
        const hash = hashSecret(token)
        const session = await deps.sessions.findSession(hash, now)
        if (session) {
          c.set('principal', { kind: 'staff', ...session, tokenHash: hash, via: 'bearer' })
        } else {
          const terminal = await deps.store.terminalByTokenHash(hash)
          if (terminal)
            c.set('principal', {
              kind: 'terminal',
              terminal,
              keyHash: hash,
              refused: keyRefusal(terminal, now),
            })
        }
      }
    } else {
      const sid = getCookie(c, SESSION_COOKIE)
      if (sid && /^[A-Za-z0-9_-]{16,200}$/.test(sid)) {
        const hash = hashSecret(sid)
        const session = await deps.sessions.findSession(hash, now)
        if (session) {
          c.set('principal', { kind: 'staff', ...session, tokenHash: hash, via: 'cookie' })
        }
      }
    }
    await next()
  }
}

/** A route anyone may call, as `METHOD /api/path` with Hono's path syntax, e.g. `GET /api/documents/:reference`. */
export type PublicRoute = `${'GET' | 'POST'} /api/${string}`

/**
 * Authenticated by default: every /api request without a principal to a path the app routes answers 401 unless
 * its method and path match the public allow-list, so a route added later cannot be reached anonymously by
 * forgetting a guard. A path no endpoint matches goes on to the 404 catch-all. Matching uses Hono's own router,
 * so the list may use any path syntax the app does.
 */
export function requirePrincipal(
  publicRoutes: readonly PublicRoute[],
  isEndpoint: (path: string) => boolean,
): MiddlewareHandler<AppEnv> {
  const allowed = new TrieRouter<true>()
  for (const route of publicRoutes) {
    const [method, path] = route.split(' ') as [string, string]
    allowed.add(method, path, true)
  }
  return async (c, next) => {
    if (c.get('principal') === null) {
      // Hono answers HEAD with the GET handler, so a public GET is public for HEAD too.
      const method = c.req.method === 'HEAD' ? 'GET' : c.req.method
      if (allowed.match(method, c.req.path)[0].length === 0 && isEndpoint(c.req.path)) {
        throw new ApiError(
          401,
          'unauthorized',
          'log in or enrol first: this route needs a staff session or a terminal token',
        )
      }
    }
    await next()
  }
}

/**
 * Staff of the given roles (any role when omitted); cookie sessions must echo the CSRF token on unsafe methods.
 * `helper` (帮办坐席) passes only the routes that name it or take any role: today its own session and password.
 */
export function requireStaff(roles?: readonly StaffRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal')
    if (!p) throw new ApiError(401, 'unauthorized', 'log in first (missing, unknown or expired credentials)')
    if (p.kind !== 'staff') throw new ApiError(403, 'forbidden', 'terminal tokens cannot use staff routes')
    if (roles && !roles.includes(p.role))
      throw new ApiError(403, 'forbidden', `this route needs role ${roles.join(' or ')}`)
    if (p.via === 'cookie' && UNSAFE.has(c.req.method) && c.req.header('x-csrf-token') !== p.csrfToken) {
      throw new ApiError(403, 'csrf', 'X-CSRF-Token header missing or wrong')
    }
    await next()
  }
}

/** Staff of one role. */
export function requireRole(role: StaffRole): MiddlewareHandler<AppEnv> {
  return requireStaff([role])
}

/** The terminal principal of a request, or the 401/403 a terminal route answers without one. */
function terminalPrincipal(c: Context<AppEnv>, missing: string): TerminalPrincipal {
  const p = c.get('principal')
  if (!p) throw new ApiError(401, 'unauthorized', missing)
  if (p.kind !== 'terminal')
    throw new ApiError(403, 'forbidden', 'only enrolled terminals may use this route')
  return p
}

/** A known terminal key, even a revoked one: only for the wipe acknowledgement a revoked terminal still sends. */
export const requireTerminalKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  terminalPrincipal(c, 'terminal token missing or unknown')
  await next()
}

/** Enrolled terminals only; a revoked or expired key gets 401 `terminal_revoked` (with the wipe order, if any). */
export const requireTerminal: MiddlewareHandler<AppEnv> = async (c, next) => {
  const p = terminalPrincipal(c, 'terminal token missing, unknown or revoked')
  if (p.refused) throw revokedError(p.terminal, p.refused)
  await next()
}

/** The staff principal (after requireRole). */
export function staffOf(c: Context<AppEnv>): StaffPrincipal {
  const p = c.get('principal')
  if (p?.kind !== 'staff') throw new ApiError(401, 'unauthorized', 'log in first')
  return p
}

/** The terminal principal (after requireTerminal). */
export function terminalOf(c: Context<AppEnv>): TerminalPrincipal {
  const p = c.get('principal')
  if (p?.kind !== 'terminal') throw new ApiError(401, 'unauthorized', 'terminal token required')
  return p
}
