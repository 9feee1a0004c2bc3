/**
 * Staff login/logout and the owner's password change. Logins and password changes go through the login guard
 * (auth/rateLimit.ts): counted before the password check, limited per (address, user name) and per address,
 * delayed per user name, at most two hashes at once.
 */
import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { checkPasswordLength } from '../auth/accounts'
import { requireStaff, SESSION_COOKIE, staffOf } from '../auth/middleware'
import { DUMMY_HASH, hashPassword, isReadableHash, needsRehash, verifyPassword } from '../auth/passwords'
import { hashSecret, newToken } from '../auth/tokens'
import { clientAddress, requestProtocol } from '../clientAddress'
import type { Division, LoginAnswer, MeAnswer, PasswordChangeAnswer } from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'

/** Staff sessions last one working day. */
export const SESSION_TTL_MS = 12 * 3600 * 1000

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
const PasswordBody = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().max(256) })
  .strict()

/** login, logout, me. */
export function authRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  /** The named division an account serves (its code when the tree has lost it). */
  const divisionOf = async (code: string): Promise<Division> =>
    (await deps.store.division(code)) ?? { code, nameZh: code, nameEn: code }

  app.post('/login', async (c) => {
    const body = await readJson(c, LoginBody)
    const ip = clientAddress(c, deps.proxyTrust)
    const admission = await deps.loginGuard.admit(ip, body.username)
    const user = await deps.store.staff.getUser(body.username)
    // An unknown user name is checked against a hash of today's cost, so its answer takes as long as a wrong password.
    const stored = user?.passwordHash ?? DUMMY_HASH
    const valid = await deps.loginGuard.hashing(async () => {
      const ok = await verifyPassword(body.password, stored)
      // A hash made at an older, lower cost is rewritten at today's cost while the password is at hand; the
      // password is the same, so unlike a change this ends no session.
      if (ok && user && needsRehash(stored)) {
        await deps.store.staff.rehashPassword(user.username, await hashPassword(body.password))
        deps.logger.info({ username: user.username }, 'staff password hash upgraded to current scrypt cost')
      }
      return ok
    })
    if (user && !isReadableHash(stored))
      deps.logger.error({ username: user.username }, 'stored password hash unreadable')
    if (!user || !valid) {
      deps.logger.warn({ ip }, 'failed staff login')
      throw new ApiError(401, 'bad_credentials', 'wrong username or password')
    }
    await deps.loginGuard.succeeded(admission)
    if (user.disabledAt !== null)
      throw new ApiError(403, 'account_disabled', 'this account is disabled; ask an admin to enable it')
    const token = newToken()
    const csrfToken = newToken()
    await deps.sessions.createSession(
      hashSecret(token),
      { username: user.username, csrfToken, expiresAt: deps.now().getTime() + SESSION_TTL_MS },
      deps.now().getTime(),
    )
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api',
      maxAge: SESSION_TTL_MS / 1000,
      // Behind a named TLS proxy the browser holds the cookie for HTTPS only; the plain-HTTP demo still works.
      secure: requestProtocol(c, deps.proxyTrust) === 'https',
    })
    deps.logger.info({ username: user.username, role: user.role }, 'staff login')
    const org = await divisionOf(user.orgCode)
    return c.json({ username: user.username, role: user.role, csrfToken, token, org } satisfies LoginAnswer)
  })

  app.post('/logout', async (c) => {
    const p = c.get('principal')
    if (p?.kind === 'staff') await deps.sessions.endSession(p.tokenHash)
    deleteCookie(c, SESSION_COOKIE, { path: '/api' })
    return c.body(null, 204)
  })

  app.get('/me', async (c) => {
    const p = c.get('principal')
    if (p?.kind !== 'staff') throw new ApiError(401, 'unauthorized', 'not logged in')
    const org = await divisionOf(p.orgCode)
    return c.json({ username: p.username, role: p.role, csrfToken: p.csrfToken, org } satisfies MeAnswer)
  })

  // Any role, helper included: the owner proves the current password; every other session of theirs ends.
  app.post('/password', requireStaff(), async (c) => {
    const staff = staffOf(c)
    const body = await readJson(c, PasswordBody)
    checkPasswordLength(body.newPassword)
    if (body.newPassword === body.currentPassword)
      throw new ApiError(400, 'password_unchanged', 'newPassword: must differ from the current password')
    const admission = await deps.loginGuard.admit(clientAddress(c, deps.proxyTrust), staff.username)
    const stored = (await deps.store.staff.getUser(staff.username))?.passwordHash ?? DUMMY_HASH
    const valid = await deps.loginGuard.hashing(() => verifyPassword(body.currentPassword, stored))
    if (!valid) throw new ApiError(403, 'wrong_password', 'currentPassword: wrong password')
    await deps.loginGuard.succeeded(admission)
    const endedSessions = await deps.accounts.setPassword(staff.username, body.newPassword, staff.tokenHash)
    await deps.audit.record(c, 'account.password', staff.username, { endedSessions })
    return c.json({ endedSessions } satisfies PasswordChangeAnswer)
  })

  return app
}
