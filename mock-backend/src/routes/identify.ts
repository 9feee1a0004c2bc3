/**
 * 电子身份证 (粤省事 QR) identification: a terminal presents the code its 扫码器 or camera read; the backend checks
 * the issuer's signature, the expiry and single use (through the store, so on any node), counts the attempt under
 * its outcome, and answers the resident as a card read would. Refusals name the problem; neither the code nor the
 * resident is ever logged. Also the demo issuer's route and the ops figures.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { requireTerminal, terminalOf } from '../auth/middleware'
import { DEMO_TERMINAL_ID } from '../contract/constants'
import {
  EID_CODE_MAX_LENGTH,
  EID_ERRORS,
  type EidAttemptsAnswer,
  type EidDemoCode,
  type EidIdentity,
  type EidOutcome,
} from '../contract/eid'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'
import { DEMO_RESIDENT, demoIssuerPrivateKey, isDemoIssuer } from '../identity/demoIssuer'
import { checkEidCode, issueEidCode } from '../identity/eidCode'
import { shanghaiDay } from '../time'
import { dayRangeFiguresRoute } from './ops'

const EidBody = z.object({ code: z.string().min(1).max(EID_CODE_MAX_LENGTH) }).strict()

/** What each refusal tells the terminal (the kiosk shows its own words for each code). */
const REFUSALS: Record<Exclude<EidOutcome, 'accepted'>, string> = {
  forged: 'the code was not issued by the e-ID issuer: its signature does not verify',
  expired: 'the code has expired: refresh it on the phone and show the new one',
  replayed: 'the code has already been used: refresh it on the phone and show the new one',
}

/** /api/terminal/identify/* (enrolled terminals). */
export function identifyTerminalRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('/identify/*', requireTerminal)

  app.post('/identify/eid', async (c) => {
    const { terminal } = terminalOf(c)
    const { code } = await readJson(c, EidBody)
    const now = deps.now().getTime()
    const check = checkEidCode(code, deps.config.eidIssuerKey, now)
    const day = shanghaiDay(now)
    // The insert of the token id is the single-use check: shown twice, on one node or two, only one insert wins.
    if (check.ok && (await deps.store.eid.useOnce(check.claims.jti, check.claims.exp * 1000, now))) {
      await deps.store.eid.countAttempt(day, terminal.districtCode, 'accepted')
      return c.json({ idNumber: check.claims.sub, name: check.claims.name } satisfies EidIdentity)
    }
    const refused = check.ok ? 'replayed' : check.reason
    await deps.store.eid.countAttempt(day, terminal.districtCode, refused)
    deps.logger.warn(
      { terminalId: terminal.id, outcome: refused, detail: check.ok ? 'used before' : check.detail },
      'e-ID code refused',
    )
    throw new ApiError(422, EID_ERRORS[refused], REFUSALS[refused])
  })
  // The mock issuer hands the demo terminal a fresh code for 李明, as the resident's phone would show it; only while
  // the demo terminal is on and the configured issuer is the demo one (a real issuer's key: no such route).
  app.post('/identify/eid/demo-code', async (c) => {
    const { terminal } = terminalOf(c)
    if (
      !deps.config.demoTerminal ||
      terminal.id !== DEMO_TERMINAL_ID ||
      !isDemoIssuer(deps.config.eidIssuerKey)
    )
      throw new ApiError(
        404,
        'not_found',
        'demo e-ID codes are issued only to the demo terminal, by the demo issuer',
      )
    const code = issueEidCode(demoIssuerPrivateKey(), DEMO_RESIDENT, deps.now().getTime())
    return c.json({ code } satisfies EidDemoCode)
  })

  return app
}

/** /api/ops/eid-attempts (role ops): codes accepted and refused per day, district and outcome, within the account's districts. */
export function eidOpsRoutes(deps: AppDeps): Hono<AppEnv> {
  return dayRangeFiguresRoute(
    deps,
    async (from, to, districts): Promise<EidAttemptsAnswer> => ({
      rows: await deps.store.eid.attempts(from, to, districts),
    }),
  )
}
