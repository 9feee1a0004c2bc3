/**
 * /api/terminal/household (the identified resident's household register, for 为谁办理 → 家人 and 家庭缴费) and
 * /api/ops/agency (the share of 代办 per item).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { requireTerminal, terminalOf } from '../auth/middleware'
import { admit } from '../cases/caseLimits'
import type { AnswerOf, HOUSEHOLD_ROUTES, OPS_ROUTES } from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'
import { offeredItem } from '../itemOffer'
import { shanghaiDay } from '../time'
import { dayRangeFiguresRoute } from './ops'

// The ID number travels in the body, never in a URL or a log.
const HouseholdBody = z.strictObject({
  idNumber: z.string().regex(/^\d{17}[\dXx]$/, 'idNumber must be an 18-character ID number'),
  itemCode: z.string().min(1).max(40),
  fields: z.record(z.string().max(40), z.string().max(500)).optional(),
})

/** The household register route for enrolled terminals. */
export function householdRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('/household', requireTerminal)
  app.post('/household', async (c) => {
    const { terminal } = terminalOf(c)
    // Counted before the body is read, so malformed guesses count too: no terminal walks ID numbers for families.
    await admit(deps.caseLimits, 'householdsPerTerminal', terminal.id)
    const query = await readJson(c, HouseholdBody)
    const offered = offeredItem(await deps.catalog.active(), query.itemCode, terminal)
    if (!('entry' in offered))
      throw new ApiError(offered.code, offered.status === 'retry' ? 'retry' : 'validation', offered.message)
    const now = deps.now()
    const members = deps.household.list(offered.entry, query, {
      day: shanghaiDay(now),
      at: now.toISOString(),
    })
    return c.json({ members } satisfies AnswerOf<typeof HOUSEHOLD_ROUTES.household>)
  })
  return app
}

/** GET /api/ops/agency?from&to: records and 代办 per item in the account's districts. */
export function agencyFiguresRoutes(deps: AppDeps): Hono<AppEnv> {
  return dayRangeFiguresRoute(
    deps,
    async (from, to, districts): Promise<AnswerOf<typeof OPS_ROUTES.agency>> => {
      const items = (await deps.catalog.active())?.items
      const rows = await deps.store.agencyFigures(from, to, districts)
      return {
        from,
        to,
        rows: rows.map((r) => {
          const name = items?.get(r.itemCode)?.item.name
          return name ? { ...r, itemName: name } : r
        }),
      }
    },
  )
}
