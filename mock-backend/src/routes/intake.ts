/**
 * /api/intake/* — other channels' systems (the service hall's window system, the online portal) submit cases,
 * their status changes and ratings. Callers are system accounts: staff accounts of role `intake`, made and
 * disabled by admins in account management, audited like every account, allowed nothing else.
 */
import { Hono } from 'hono'
import { requireRole, staffOf } from '../auth/middleware'
import { intakeCases, intakeEvents, intakeRatings } from '../cases/intake'
import {
  IntakeCases,
  type IntakeCasesAnswer,
  IntakeEvents,
  type IntakeEventsAnswer,
  IntakeRatings,
  type IntakeRatingsAnswer,
} from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { readJson } from '../http/validate'

/** The intake routes (role intake). */
export function intakeRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('intake'))
  app.post('/cases', async (c) => {
    const body = await readJson(c, IntakeCases)
    return c.json((await intakeCases(deps, staffOf(c).username, body)) satisfies IntakeCasesAnswer)
  })
  app.post('/case-events', async (c) => {
    const body = await readJson(c, IntakeEvents)
    return c.json((await intakeEvents(deps, body)) satisfies IntakeEventsAnswer)
  })
  app.post('/ratings', async (c) => {
    const body = await readJson(c, IntakeRatings)
    return c.json((await intakeRatings(deps, body)) satisfies IntakeRatingsAnswer)
  })
  return app
}
