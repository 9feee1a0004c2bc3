/**
 * Staff login/logout with a rate limit on failed attempts per client IP.
 */
import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { SESSION_COOKIE } from '../auth/middleware'
import { verifyPassword } from '../auth/passwords'
import { hashSecret, newToken } from '../auth/tokens'
import { clientAddress } from '../clientAddress'
import type { LoginAnswer, MeAnswer } from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'

/** Staff sessions last one working day. */
export const SESSION_TTL_MS = 12 * 3600 * 1000

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })

// Verified against when the user does not exist, so timing does not reveal valid usernames.
const DUMMY_HASH = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

/** login, logout, me. */
export function authRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/login', async (c) => {
    const ip = clientAddress(c)
    const wait = deps.loginLimiter.retryAfter(ip)
    if (wait > 0) {
      throw new ApiError(429, 'rate_limited', `too many failed logins; try again in ${wait} s`, {
        'Retry-After': String(wait),
      })
    }
    const body = await readJson(c, LoginBody)
    const user = deps.store.getStaffUser(body.username)
    const valid = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH)
    if (!user || !valid) {
      deps.loginLimiter.hit(ip)
      deps.logger.warn({ ip }, 'failed staff login')
      throw new ApiError(401, 'bad_credentials', 'wrong username or password')
    }
    const token = newToken()
    const csrfToken = newToken()
    deps.store.createStaffSession(hashSecret(token), {
      username: user.username,
      role: user.role,
      csrfToken,
      expiresAt: deps.now().getTime() + SESSION_TTL_MS,
    })
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api',
      maxAge: SESSION_TTL_MS / 1000,
      secure: new URL(c.req.url).protocol === 'https:',
    })
    deps.logger.info({ username: user.username, role: user.role }, 'staff login')
    return c.json({ username: user.username, role: user.role, csrfToken, token } satisfies LoginAnswer)
  })

  app.post('/logout', (c) => {
    const p = c.get('principal')
    if (p?.kind === 'staff') deps.store.deleteStaffSession(p.tokenHash)
    deleteCookie(c, SESSION_COOKIE, { path: '/api' })
    return c.body(null, 204)
  })

  app.get('/me', (c) => {
    const p = c.get('principal')
    if (p?.kind !== 'staff') throw new ApiError(401, 'unauthorized', 'not logged in')
    return c.json({ username: p.username, role: p.role, csrfToken: p.csrfToken } satisfies MeAnswer)
  })

  return app
}
