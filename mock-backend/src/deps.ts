/**
 * What every route needs, created once by the server and passed to the app factory.
 */
import type { RateLimiter } from './auth/rateLimit'
import type { Config } from './config'
import type { Store, TerminalRow } from './db/store'
import type { DepartmentSimulator } from './departments/simulator'
import type { Logger } from './logger'

/** Shared services of one running server. */
export interface AppDeps {
  store: Store
  config: Config
  logger: Logger
  departments: DepartmentSimulator
  loginLimiter: RateLimiter
  now: () => Date
  appVersion: string
}

/** A logged-in staff member. */
export interface StaffPrincipal {
  kind: 'staff'
  username: string
  role: 'admin' | 'ops'
  csrfToken: string
  tokenHash: string
  via: 'cookie' | 'bearer'
}

/** An enrolled terminal. */
export interface TerminalPrincipal {
  kind: 'terminal'
  terminal: TerminalRow
}

/** Hono environment: the authenticated principal, when any. */
export type AppEnv = { Variables: { principal: StaffPrincipal | TerminalPrincipal | null } }
