/**
 * Routes anyone may call: health, and terminal enrolment (demo terminal from loopback, one-time codes).
 */
import { Hono } from 'hono'
import { hashSecret, newToken } from '../auth/tokens'
import { clientAddress, isLoopback } from '../clientAddress'
import { API_VERSION, type EnrolAnswer, EnrolRequest, type HealthAnswer } from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'
import { DEMO_TERMINAL_ID, DEMO_TOKEN_SETTING } from '../seed'
import { terminalSettingsOf } from '../terminalSettings'

/** Health and enrolment. */
export function publicRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/health', (c) => {
    let db = 'ok'
    try {
      deps.store.ping()
    } catch {
      db = 'error'
    }
    return c.json(
      { ok: db === 'ok', apiVersion: API_VERSION, appVersion: deps.appVersion, db } satisfies HealthAnswer,
      db === 'ok' ? 200 : 503,
    )
  })

  app.post('/terminals/demo-enrol', (c) => {
    if (!deps.config.demoTerminal) throw new ApiError(404, 'demo_off', 'the demo terminal is switched off')
    if (!isLoopback(clientAddress(c, deps.proxyTrust))) {
      throw new ApiError(403, 'not_loopback', 'the demo terminal can only be enrolled from this machine')
    }
    const token = deps.store.getSetting(DEMO_TOKEN_SETTING)
    const terminal = deps.store.getTerminal(DEMO_TERMINAL_ID)
    if (!token || !terminal) throw new ApiError(404, 'demo_off', 'no demo terminal was seeded')
    return c.json({
      terminalId: terminal.id,
      token,
      name: terminal.name,
      settings: terminalSettingsOf(terminal),
    } satisfies EnrolAnswer)
  })

  app.post('/terminals/enrol', async (c) => {
    const { code } = await readJson(c, EnrolRequest)
    const token = newToken()
    const enrolled = deps.store.enrolWithCode(
      hashSecret(code.trim().toUpperCase()),
      hashSecret(token),
      deps.now().getTime(),
    )
    if (!enrolled) throw new ApiError(400, 'enrol_code', 'enrol code is unknown, used or expired')
    deps.logger.info({ terminalId: enrolled.id }, 'terminal enrolled')
    const row = deps.store.getTerminal(enrolled.id)
    if (!row) throw new ApiError(404, 'enrol_code', 'enrol code is unknown, used or expired')
    deps.audit.record(
      c,
      'terminal.enrol',
      enrolled.id,
      {},
      { kind: 'terminal', name: enrolled.id, role: 'terminal' },
    )
    return c.json({
      terminalId: enrolled.id,
      token,
      name: enrolled.name,
      settings: terminalSettingsOf(row),
    } satisfies EnrolAnswer)
  })

  return app
}
