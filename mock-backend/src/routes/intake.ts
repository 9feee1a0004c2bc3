/**
 * /api/intake/* — other channels' systems (the service hall's window system, the online portal) submit cases,
 * their status changes and ratings. Callers are system accounts: staff accounts of role `intake`, made and
 * disabled by admins in account management, audited like every account (each page: its channels, statuses or
 * levels and how many entries were stored or replayed), allowed nothing else.
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

/** An audit target for a page: its distinct values (channels, statuses, levels), sorted. */
const listOf = (values: readonly string[]): string => [...new Set(values)].sort().join(',')

/** An audit detail for a page: how many entries had each outcome (stored, replayed). */
function tally(outcomes: readonly { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { status } of outcomes) counts[status] = (counts[status] ?? 0) + 1
  return counts
}

/** The intake routes (role intake); each page a system stores is audited with its counts, never its cases. */
export function intakeRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('intake'))
  app.post('/cases', async (c) => {
    const body = await readJson(c, IntakeCases)
    const answer = await intakeCases(deps, staffOf(c).username, body)
    await deps.audit.record(
      c,
      'intake.cases',
      listOf(body.cases.map((e) => e.channel)),
      tally(answer.outcomes),
    )
    return c.json(answer satisfies IntakeCasesAnswer)
  })
  app.post('/case-events', async (c) => {
    const body = await readJson(c, IntakeEvents)
    const answer = await intakeEvents(deps, body)
    await deps.audit.record(
      c,
      'intake.events',
      listOf(body.events.map((e) => e.status)),
      tally(answer.outcomes),
    )
    return c.json(answer satisfies IntakeEventsAnswer)
  })
  app.post('/ratings', async (c) => {
    const body = await readJson(c, IntakeRatings)
    const answer = await intakeRatings(deps, body)
    await deps.audit.record(c, 'intake.ratings', listOf(body.ratings.map((r) => String(r.level))), {
      ...tally(answer.outcomes),
      followUps: answer.outcomes.filter((o) => o.followUpId !== null).length,
    })
    return c.json(answer satisfies IntakeRatingsAnswer)
  })
  return app
}
