/**
 * Ops dashboard routes: daily counts (JSON or CSV) and fleet health.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, staffOf } from '../auth/middleware'
import { reportDistricts, visibleTerminals } from '../auth/scope'
import {
  type AnswerOf,
  type DailyCountsAnswer,
  type DailyCountsColumnsAnswer,
  Day,
  type FleetRow,
  type OPS_ROUTES,
} from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readQuery } from '../http/validate'
import { columnsFromReport } from '../reports/columns'
import { dailyCountsCsv } from '../reports/csv'
import { dailyCounts } from '../reports/dailyCounts'
import { fleetHealth } from '../reports/fleet'
import { fleetCsv } from '../reports/fleetCsv'
import { daysBetween, isCalendarDay } from '../time'

/** Most quarantined counters one answer lists (newest first); a fleet has a handful unless something is broken. */
const QUARANTINE_ROWS_SHOWN = 500

/** The query of a day-range figures route. */
const DayRangeQuery = z.object({ from: Day, to: Day }).strict()

/** Longest range one report may cover. */
export const MAX_REPORT_DAYS = 366

/** Fleet health: JSON for the console, CSV (with dead letters) for a spreadsheet. */
const FleetQuery = z.object({ format: z.enum(['json', 'csv']).default('json') })

const DailyQuery = z.object({
  from: Day,
  to: Day,
  by: z.enum(['day', 'item', 'department', 'terminal', 'district']).default('day'),
  format: z.enum(['json', 'csv']).default('json'),
  layout: z.enum(['rows', 'columns']).default('rows'),
  span: z.enum(['day', 'range']).default('day'),
  department: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,30}$/, 'department must be a department code')
    .optional(),
})

/** Refuses (400, naming the problem) a report range that is not two calendar days, in order, within MAX_REPORT_DAYS. */
export function checkReportRange(from: string, to: string): void {
  if (!isCalendarDay(from)) throw new ApiError(400, 'validation', 'query: from: not a calendar day')
  if (!isCalendarDay(to)) throw new ApiError(400, 'validation', 'query: to: not a calendar day')
  if (from > to) throw new ApiError(400, 'validation', 'query: from must not be after to')
  if (daysBetween(from, to).length > MAX_REPORT_DAYS)
    throw new ApiError(400, 'validation', `query: the range may cover at most ${MAX_REPORT_DAYS} days`)
}

/**
 * A `GET /?from&to` route of ops figures (role ops) over a checked day range, answered by `figures` for the
 * account's districts (undefined: the province): 帮办 calls, payment orders.
 */
export function dayRangeFiguresRoute<T>(
  deps: AppDeps,
  figures: (from: string, to: string, districts: readonly string[] | undefined) => Promise<T>,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('ops'))
  app.get('/', async (c) => {
    const q = readQuery(c, DayRangeQuery)
    checkReportRange(q.from, q.to)
    const districts = await reportDistricts(staffOf(c).orgCode, () => deps.store.listDivisions())
    return c.json(await figures(q.from, q.to, districts))
  })
  return app
}

/** /api/ops/*. */
export function opsRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store } = deps
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('ops'))

  app.get('/counter-quarantine', async (c) => {
    const districts = await reportDistricts(staffOf(c).orgCode, () => store.listDivisions())
    const rows = await store.counters.quarantined(QUARANTINE_ROWS_SHOWN, districts)
    // A row stands in the district its terminal stood in when pushed: the terminal's scope still decides.
    const visible = new Set(visibleTerminals(staffOf(c), await store.listTerminals()).map((t) => t.id))
    return c.json({
      rows: rows.filter((r) => visible.has(r.terminalId)),
    } satisfies AnswerOf<typeof OPS_ROUTES.counterQuarantine>)
  })

  app.get('/daily-counts', async (c) => {
    const q = readQuery(c, DailyQuery)
    checkReportRange(q.from, q.to)
    if (q.span === 'range' && q.by === 'day') {
      throw new ApiError(
        400,
        'validation',
        'query: span: range needs by=item, department, terminal or district',
      )
    }
    // An account below the province sees its districts only, straight from the rollups (their keys lead with the
    // district); reports of the whole province come from the per-day cache, which recomputes only changed days.
    const districts = await reportDistricts(staffOf(c).orgCode, () => store.listDivisions())
    const whole = q.format === 'json' && q.department === undefined && districts === undefined
    if (whole && q.span === 'day') {
      c.header('Content-Type', 'application/json')
      return c.body(Buffer.concat(await deps.dailyCounts.json(q.from, q.to, q.by, q.layout)))
    }
    const cached =
      whole && q.span === 'range' ? await deps.dailyCounts.rangeReport(q.from, q.to, q.by) : undefined
    const report =
      cached ??
      dailyCounts({
        from: q.from,
        to: q.to,
        by: q.by,
        ...(await store.reports.countsInputs({ ...q, districts })),
        labels: (await deps.reportLabels.current()).labels,
        department: q.department,
      })
    if (q.format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8')
      const suffix = (q.department ? `-${q.department}` : '') + (q.span === 'range' ? '-total' : '')
      c.header(
        'Content-Disposition',
        `attachment; filename="daily-counts-${q.from}-${q.to}-${q.by}${suffix}.csv"`,
      )
      return c.body(dailyCountsCsv(report))
    }
    return c.json(
      q.layout === 'columns'
        ? (columnsFromReport(report) satisfies DailyCountsColumnsAnswer)
        : (report satisfies DailyCountsAnswer),
    )
  })

  app.get('/terminals', async (c) => {
    const { format } = readQuery(c, FleetQuery)
    // Only the terminals in the account's scope (auth/scope.ts), in the table and the CSV alike.
    const terminals = visibleTerminals(staffOf(c), await store.listTerminals())
    const rows = fleetHealth(terminals, deps.now(), await store.listDivisions())
    if (format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header(
        'Content-Disposition',
        `attachment; filename="fleet-${deps.now().toISOString().slice(0, 10)}.csv"`,
      )
      return c.body(fleetCsv(rows))
    }
    return c.json(rows satisfies FleetRow[])
  })

  return app
}
