/**
 * Routes anyone may call: health, and terminal enrolment (one-time codes; the demo terminal's standing key only
 * with DEMO_TERMINAL=on, to a browser on this machine talking to it directly).
 */
import { Hono } from 'hono'
import { demoRefusal } from '../auth/terminalKeys'
import { hashSecret, newToken } from '../auth/tokens'
import { clientAddress, isLoopback } from '../clientAddress'
import { API_VERSION, type EnrolAnswer, EnrolRequest, type HealthAnswer } from '../contract'
import { DEMO_TERMINAL_ID, openDemoToken } from '../demoTerminal'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'
import { terminalSettingsOf } from '../terminalSettings'

/** Health and enrolment. */
export function publicRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/health', async (c) => {
    let db = 'ok'
    try {
      await deps.store.ping()
    } catch {
      db = 'error'
    }
    return c.json(
      { ok: db === 'ok', apiVersion: API_VERSION, appVersion: deps.appVersion, db } satisfies HealthAnswer,
      db === 'ok' ? 200 : 503,
    )
  })

  app.post('/terminals/demo-enrol', async (c) => {
    if (!deps.config.demoTerminal)
      throw new ApiError(404, 'demo_off', 'the demo terminal is off: enrol with the link printed at start')
    if (!isLoopback(clientAddress(c, deps.proxyTrust))) {
      throw new ApiError(403, 'not_loopback', 'the demo terminal can only be enrolled from this machine')
    }
    const refused = demoRefusal(c)
    if (refused) throw refused
    const token = await openDemoToken(deps.store, deps.fingerprints)
    if (!token) throw new ApiError(404, 'demo_off', 'no demo terminal key was seeded')
    const terminal = await deps.store.terminalByTokenHash(hashSecret(token))
    if (terminal?.id !== DEMO_TERMINAL_ID)
      throw new ApiError(
        409,
        'demo_replaced',
        'the demo terminal was enrolled with a code; its key is not handed out',
      )
    if (terminal.revokedAt !== null)
      throw new ApiError(403, 'terminal_revoked', 'an admin revoked the demo terminal key')
    return c.json({
      terminalId: terminal.id,
      token,
      name: terminal.name,
      settings: terminalSettingsOf(
        terminal,
        hashSecret(token),
        deps.config.retentionDays,
        deps.fingerprints,
        deps.config.publicBaseUrl,
      ),
    } satisfies EnrolAnswer)
  })

  app.post('/terminals/enrol', async (c) => {
    const { code } = await readJson(c, EnrolRequest)
    const token = newToken()
    const enrolled = await deps.store.enrolWithCode(
      hashSecret(code.trim().toUpperCase()),
      hashSecret(token),
      deps.now().getTime(),
    )
    if (!enrolled) throw new ApiError(400, 'enrol_code', 'enrol code is unknown, used or expired')
    // The code replaced any earlier key of this terminal, revoked, rotated or not.
    deps.logger.info({ terminalId: enrolled.id }, 'terminal enrolled')
    const row = await deps.store.getTerminal(enrolled.id)
    if (!row) throw new ApiError(404, 'enrol_code', 'enrol code is unknown, used or expired')
    await deps.audit.record(
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
      settings: terminalSettingsOf(
        row,
        hashSecret(token),
        deps.config.retentionDays,
        deps.fingerprints,
        deps.config.publicBaseUrl,
      ),
    } satisfies EnrolAnswer)
  })

  return app
}
