/**
 * The HTTP application: middleware order, route mounting, JSON errors. Created per server so tests
 * and the real process build the same thing.
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { METHOD_NAME_ALL } from 'hono/router'
import { TrieRouter } from 'hono/router/trie-router'
import { identify, type PublicRoute, requirePrincipal } from './auth/middleware'
import { API_VERSION } from './contract'
import type { AppDeps, AppEnv } from './deps'
import { departmentFaultRoutes } from './faults/departmentFaultRoutes'
import { faultRoutes } from './faults/faultRoutes'
import { ApiError, errorResponse } from './http/errors'
import { contentSecurityPolicy, JSON_LIMIT, limitBody, securityHeaders, UPLOAD_LIMIT } from './http/security'
import { isStorageFull, storageFullError } from './http/storageFull'
import { accountRoutes } from './routes/accounts'
import { adminRoutes } from './routes/admin'
import { auditRoutes } from './routes/audit'
import { authRoutes } from './routes/auth'
import { caseOpsRoutes, caseTerminalRoutes } from './routes/cases'
import { districtCatalogRoutes } from './routes/districtCatalog'
import { documentRoutes } from './routes/documents'
import { helperRoutes, helpFiguresRoutes, terminalCallbackRoutes } from './routes/helpDesk'
import { agencyFiguresRoutes, householdRoutes } from './routes/household'
import { eidOpsRoutes, identifyTerminalRoutes } from './routes/identify'
import { intakeRoutes } from './routes/intake'
import { materialRoutes } from './routes/materials'
import { mobileRoutes } from './routes/mobile'
import { opsRoutes } from './routes/ops'
import { orderFaultRoutes, paymentFiguresRoutes, terminalOrderRoutes } from './routes/payments'
import { publicRoutes } from './routes/public'
import { terminalRoutes } from './routes/terminal'
import { serveDist } from './static'

const UPLOAD_PATH = '/api/admin/catalog/validate'

/**
 * The only /api routes callable without a staff session or terminal token: health, login, enrolment and the
 * printed documents' pages and the mobile page's API, cases and 缴费 hand-offs (a signed token is the authorisation). Every other route needs a principal (requirePrincipal); the auth matrix test checks
 * each route of the app against this list.
 */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/terminals/demo-enrol',
  'POST /api/terminals/enrol',
  'GET /api/documents/:reference',
  'POST /api/m/case',
  'POST /api/m/payment',
  // 用手机拍照上传: the phone page's calls (the upload session's signed token is the authorisation).
  'POST /api/m/upload/open',
  'POST /api/m/upload',
  // 补正: the case link's token uploads the material asked again, while the request is open.
  'POST /api/m/supplement',
]

/** Longest path the request log keeps. */
const LOGGED_PATH_CHARS = 200

/**
 * The path as logged: a segment holding a long number (ID, phone or case number, separators allowed) or
 * non-ASCII text (a name) is replaced by `…`, so no URL, however hostile, puts resident data in the log.
 */
export function loggedPath(path: string): string {
  return path
    .slice(0, LOGGED_PATH_CHARS)
    .split('/')
    .map((segment) => (/[^\x20-\x7e]|(?:\d\D?){5}/.test(segment) ? '…' : segment))
    .join('/')
}

/** Builds the Hono app around the given services. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const jsonLimit = limitBody(JSON_LIMIT)
  const uploadLimit = limitBody(UPLOAD_LIMIT)

  app.use('*', async (c, next) => {
    const started = performance.now()
    await next()
    deps.logger.info(
      {
        method: c.req.method,
        path: loggedPath(c.req.path),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    )
  })
  app.use('*', securityHeaders(deps.proxyTrust, contentSecurityPolicy(deps.config.agentUrl)))
  app.use('*', (c, next) => (c.req.path === UPLOAD_PATH ? uploadLimit(c, next) : jsonLimit(c, next)))
  // A body the route did not read is read to its end (within the limit above) before answering, so the
  // client can finish sending and keep its connection instead of being reset mid-upload.
  app.use('*', async (c, next) => {
    await next()
    const raw = c.req.raw
    if (raw.body && !raw.bodyUsed) await raw.arrayBuffer().catch(() => undefined)
  })
  app.use('/api/*', async (c, next) => {
    const asked = c.req.header('x-api-version')
    if (asked !== undefined && asked.trim() !== String(API_VERSION)) {
      throw new ApiError(
        409,
        'api_version',
        `this server speaks API version ${API_VERSION}`,
        {},
        {
          serverVersion: API_VERSION,
        },
      )
    }
    await next()
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store')
  })
  // The clock several nodes share (FAULTS=on) is read before anything asks the time (sessions expire by it).
  app.use('/api/*', async (_c, next) => {
    await deps.clock.refresh()
    await next()
  })
  app.use('/api/*', identify(deps))
  // Every endpoint's path, whatever its method; filled below once all routes are mounted, before any request.
  const endpoints = new TrieRouter<true>()
  app.use(
    '/api/*',
    requirePrincipal(PUBLIC_ROUTES, (path) => endpoints.match(METHOD_NAME_ALL, path)[0].length > 0),
  )

  app.route('/api', publicRoutes(deps))
  app.route('/api/auth', authRoutes(deps))
  app.route('/api/terminal', terminalRoutes(deps))
  app.route('/api/terminal', identifyTerminalRoutes(deps))
  app.route('/api/terminal', caseTerminalRoutes(deps))
  app.route('/api/terminal', terminalCallbackRoutes(deps))
  app.route('/api/terminal', terminalOrderRoutes(deps))
  app.route('/api/terminal', householdRoutes(deps))
  app.route('/api/terminal', materialRoutes(deps))
  app.route('/api/help', helperRoutes(deps))
  // Fault injection exists only where a test or demo asks for it (FAULTS=on); elsewhere these paths are 404.
  if (deps.config.faultRoutes) {
    app.route('/api/admin/faults/orders', orderFaultRoutes(deps))
    app.route('/api/admin/faults', faultRoutes(deps))
    app.route('/api/admin/departments/faults', departmentFaultRoutes(deps))
  }
  app.route('/api/ops/eid-attempts', eidOpsRoutes(deps))
  app.route('/api/admin/accounts', accountRoutes(deps))
  app.route('/api/admin/audit', auditRoutes(deps))
  app.route('/api/admin/district-catalog', districtCatalogRoutes(deps))
  app.route('/api/admin', adminRoutes(deps))
  app.route('/api/ops/supervision', caseOpsRoutes(deps))
  app.route('/api/ops/help-figures', helpFiguresRoutes(deps))
  app.route('/api/ops/payments', paymentFiguresRoutes(deps))
  app.route('/api/ops/agency', agencyFiguresRoutes(deps))
  app.route('/api/ops', opsRoutes(deps))
  app.route('/api/documents', documentRoutes(deps))
  app.route('/api/m', mobileRoutes(deps))
  app.route('/api/intake', intakeRoutes(deps))
  // Middleware registers as ALL; endpoints never do (the auth matrix test checks it), so these are the endpoints.
  for (const r of app.routes) if (r.method !== METHOD_NAME_ALL) endpoints.add(METHOD_NAME_ALL, r.path, true)
  app.all('/api/*', (c) =>
    c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404),
  )

  const dist = serveDist(deps.config.distDir)
  app.on(['GET', 'HEAD'], '*', dist)
  app.all('*', (c) =>
    c.json({ error: 'method_not_allowed', message: `${c.req.method} is not allowed here` }, 405),
  )

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err)
    if (isStorageFull(err)) {
      deps.logger.error(
        { err: { code: (err as { code?: string }).code }, path: loggedPath(c.req.path) },
        'storage full',
      )
      return errorResponse(c, storageFullError())
    }
    if (err instanceof HTTPException) {
      const status = err.status
      return c.json({ error: 'http', message: err.message || 'request failed' }, status)
    }
    deps.logger.error(
      { err: { name: (err as Error).name, message: (err as Error).message } },
      'unhandled error',
    )
    return c.json({ error: 'internal', message: 'internal server error' }, 500)
  })
  return app
}
