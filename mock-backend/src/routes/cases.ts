/**
 * 办件 routes: terminals look cases up and rate them (一事一评); ops supervise deadlines (预警, 黄牌),
 * work the 差评整改 follow-ups and export everything as CSV.
 */

import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireTerminal, staffOf } from '../auth/middleware'
import { reportDistricts } from '../auth/scope'
import { addCalendarDays } from '../cases/calendar'
import { admit } from '../cases/caseLimits'
import { followUpsCsv, ratingFiguresCsv, warningsCsv, yellowCardsCsv } from '../cases/csv'
import { type CaseService, calendarInfo } from '../cases/service'
import {
  countByChannel,
  countByDepartment,
  followUpQueue,
  ratingFiguresByChannel,
  ratingFiguresOf,
  supervisionByDistrict,
  warnings,
  yellowCards,
} from '../cases/supervision'
import {
  type CaseLookupAnswer,
  type CaseView,
  Day,
  type FollowUp,
  type FollowUpsAnswer,
  type OpsCase,
  type OpsFollowUp,
  type RatingAnswer,
  type RatingsAnswer,
  Subject,
  type SupervisionSummary,
  type WarningsAnswer,
  type YellowCardsAnswer,
} from '../contract'
import type { CaseRow, Districts, FollowUpRow } from '../db/caseRows'
import type { AppDeps, AppEnv, TerminalPrincipal } from '../deps'
import { ApiError } from '../http/errors'
import { readJson, readQuery } from '../http/validate'
import { isCalendarDay } from '../time'

/** Working days left at which an open follow-up counts as at risk. */
export const FOLLOW_UP_RISK_DAYS = 3

const CaseNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4,40}$/, 'case number must be 4–40 letters or digits')

const LookupBody = z.object({ idNumber: Subject.shape.idNumber })

const RatingBody = z
  .object({
    transactionKey: z.string().uuid().optional(),
    caseNumber: CaseNumber.optional(),
    level: z.number().int().min(1, 'level must be 1–5').max(5, 'level must be 1–5'),
    /** Idempotency key of this rating (a retry with the same key is not a second rating). */
    key: z.string().uuid().optional(),
    grant: z.string().max(100, 'grant must be at most 100 characters').optional(),
  })
  .refine((b) => b.transactionKey || b.caseNumber, { message: 'caseNumber or transactionKey is required' })

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM')
const Format = z.enum(['json', 'csv']).default('json')
const WarningQuery = z.object({
  threshold: z.coerce.number().int().min(0).max(30).optional(),
  format: Format,
})
const CardQuery = z.object({ from: Month.optional(), to: Month.optional(), format: Format })
const RatingQuery = z.object({ from: Day.optional(), to: Day.optional(), format: Format })
const FollowUpQuery = z.object({ status: z.enum(['open', 'all']).default('open'), format: Format })
const SummaryQuery = z.object({
  threshold: z.coerce.number().int().min(0).max(30).optional(),
  from: Day.optional(),
  to: Day.optional(),
})
const FollowUpPatch = z
  .object({
    contactNote: z.string().trim().min(1).max(500).optional(),
    rectification: z.string().trim().min(1).max(1000).optional(),
    outcome: z.string().trim().min(1).max(500).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'send contactNote, rectification or outcome' })

/** The database row of a case as ops see it: everything but the resident hash and the rating's key. */
function opsCase(c: CaseRow): OpsCase {
  const { subjectHash: _s, ratingKey: _k, ...rest } = c
  return rest
}

/** The database row of a follow-up as the contract's follow-up. */
function followUpOf(f: FollowUpRow): FollowUp {
  return f
}

/** A follow-up row with its case and standing, as ops see it. */
function opsFollowUp(
  f: FollowUpRow,
  c: CaseRow | undefined,
  daysLeft: number,
  overdue: boolean,
  atRisk: boolean,
): OpsFollowUp {
  return { ...followUpOf(f), case: c ? opsCase(c) : null, daysLeft, overdue, atRisk }
}

function csv(c: Context, name: string, body: string): Response {
  c.header('Content-Type', 'text/csv; charset=utf-8')
  c.header('Content-Disposition', `attachment; filename="${name}.csv"`)
  return c.body(body)
}

function dayRange(service: CaseService, from?: string, to?: string): { from: string; to: string } {
  const today = service.today()
  const range = { from: from ?? `${today.slice(0, 4)}-01-01`, to: to ?? today }
  if (!isCalendarDay(range.from)) throw new ApiError(400, 'validation', 'query: from: not a calendar day')
  if (!isCalendarDay(range.to)) throw new ApiError(400, 'validation', 'query: to: not a calendar day')
  if (range.from > range.to) throw new ApiError(400, 'validation', 'query: from must not be after to')
  return range
}

const earlier = (a: string, b: string) => (a < b ? a : b)

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

/**
 * The supervision computations shared by the summary and the single exports, over the cases of `districts` (the
 * account's, auth/scope.ts reportDistricts; undefined: the province's, every case).
 */
async function supervision(service: CaseService, districts: Districts) {
  await service.refresh()
  const today = service.today()
  return {
    today,
    async warnings(threshold = service.settings.warnDays) {
      const rows = warnings(await service.store.openCases(districts), today, threshold)
      return { threshold, rows, byDepartment: countByDepartment(rows) }
    },
    async yellowCards(from = `${today.slice(0, 4)}-01`, to = today.slice(0, 7)) {
      if (from > to) throw new ApiError(400, 'validation', 'query: from must not be after to')
      const last = lastDayOfMonth(to)
      const candidates = await service.store.overdueBetween(
        addCalendarDays(`${from}-01`, -1),
        earlier(today, last),
        districts,
      )
      const rows = yellowCards(candidates, today)
      return {
        from,
        to,
        rows,
        byDepartmentMonth: countByDepartment(rows, true),
        byDepartment: countByDepartment(rows),
        byChannel: countByChannel(rows),
      }
    },
    async ratings(from: string, to: string) {
      // Counted in the database: a year of cases is ~58,000 rows, read into the process only as counts.
      const counts = await service.store.ratingCounts(from, to, districts)
      const closed = (await service.store.followUps('all', districts)).filter((f) => f.closedAt !== null)
      const rectified = (await service.store.byKeys(closed.map((f) => f.transactionKey))).filter(
        (c) => c.acceptDay >= from && c.acceptDay <= to,
      )
      return {
        from,
        to,
        figures: ratingFiguresOf(counts, rectified.length),
        byChannel: ratingFiguresByChannel(counts, rectified),
        counts,
        rectified,
      }
    },
    async followUps(status: 'open' | 'all') {
      const followUps = await service.store.followUps(status, districts)
      const cases = new Map<string, CaseRow>()
      for (const f of followUps) {
        const found = await service.store.byKey(f.transactionKey)
        if (found) cases.set(f.transactionKey, found)
      }
      return followUpQueue(followUps, (key) => cases.get(key), today, FOLLOW_UP_RISK_DAYS)
    },
  }
}

/** /api/terminal/cases/*, /api/terminal/ratings (enrolled terminals). */
export function caseTerminalRoutes(deps: AppDeps): Hono<AppEnv> {
  const service = deps.cases
  const app = new Hono<AppEnv>()
  app.use('*', requireTerminal)

  // Per terminal, counted before validation so malformed guesses count too.
  const limits = deps.caseLimits
  const linksOf = (cases: readonly CaseView[]) =>
    Object.fromEntries(cases.map((v) => [v.transactionKey, deps.handoff.links.link(v.caseNumber)]))
  const terminalOf = (c: Context<AppEnv>) => (c.get('principal') as TerminalPrincipal).terminal.id
  app.use('/cases/*', async (c, next) => {
    await admit(limits, 'lookupsPerTerminal', terminalOf(c))
    await next()
  })

  app.get('/cases/:caseNumber', async (c) => {
    const parsed = CaseNumber.safeParse(c.req.param('caseNumber'))
    if (!parsed.success)
      throw new ApiError(400, 'validation', `caseNumber: ${parsed.error.issues[0]?.message}`)
    const found = await service.lookupNumber(parsed.data, terminalOf(c))
    if (found.cases.length === 0)
      throw new ApiError(404, 'case_not_found', `no case with number ${parsed.data.toUpperCase()}`)
    return c.json({
      ...found,
      calendar: calendarInfo(),
      caseLinks: linksOf(found.cases),
    } satisfies CaseLookupAnswer)
  })

  // POST so the ID number never appears in a URL or an access log; limited per ID by its keyed hash.
  app.post('/cases/lookup', async (c) => {
    const { idNumber } = await readJson(c, LookupBody)
    const subject = await service.subjectHash(idNumber)
    await admit(limits, 'lookupsPerId', subject)
    // Audited by the keyed hash the cases hold (never the number), so an admin can tell which case was looked up.
    await deps.audit.record(c, 'case.lookup_id', subject)
    const found = await service.lookupSubject(idNumber, terminalOf(c))
    return c.json({
      ...found,
      calendar: calendarInfo(),
      caseLinks: linksOf(found.cases),
    } satisfies CaseLookupAnswer)
  })

  // Per terminal before validation; per resident (the case's keyed subject hash) once the case is known.
  app.post('/ratings', async (c) => {
    const terminalId = terminalOf(c)
    await admit(limits, 'ratingsPerTerminal', terminalId)
    const body = await readJson(c, RatingBody)
    const target = await service.ratable(body, terminalId)
    if (target.subjectHash && target.rating === null) await admit(limits, 'ratingsPerId', target.subjectHash)
    const answer = await service.rateCase(target, body)
    return c.json(answer satisfies RatingAnswer, answer.replayed ? 200 : 201)
  })

  return app
}

/** /api/ops/supervision/* (role ops). */
export function caseOpsRoutes(deps: AppDeps): Hono<AppEnv> {
  const service = deps.cases
  const app = new Hono<AppEnv>()
  // An account below the province supervises its districts' cases only (auth/scope.ts): the same district
  // predicate as its daily counts, in every query; a follow-up of another district answers 404.
  app.use('*', requireRole('ops'))
  const districtsOf = (c: Context<AppEnv>) =>
    reportDistricts(staffOf(c).orgCode, () => deps.store.listDivisions())
  const scoped = async (c: Context<AppEnv>) => supervision(service, await districtsOf(c))

  app.get('/summary', async (c) => {
    const q = readQuery(c, SummaryQuery)
    const s = await scoped(c)
    const range = dayRange(service, q.from, q.to)
    const w = await s.warnings(q.threshold)
    const y = await s.yellowCards()
    const followUps = await s.followUps('open')
    const { counts, rectified, ...ratings } = await s.ratings(range.from, range.to)
    const names = new Map((await deps.store.listDivisions()).map((d) => [d.code, d.nameZh]))
    return c.json({
      today: s.today,
      calendar: calendarInfo(),
      warnings: { ...w, rows: w.rows.map((r) => ({ case: opsCase(r.case), daysLeft: r.daysLeft })) },
      yellowCards: { ...y, rows: y.rows.map((r) => ({ ...r, case: opsCase(r.case) })) },
      followUps: followUps.map((f) => opsFollowUp(f.followUp, f.case, f.daysLeft, f.overdue, f.atRisk)),
      ratings,
      byDistrict: supervisionByDistrict({
        warnings: w.rows,
        yellowCards: y.rows,
        openFollowUps: followUps,
        counts,
        rectified,
        names,
      }),
    } satisfies SupervisionSummary)
  })

  app.get('/warnings', async (c) => {
    const q = readQuery(c, WarningQuery)
    const w = await (await scoped(c)).warnings(q.threshold)
    if (q.format === 'csv') return csv(c, `warnings-${service.today()}`, warningsCsv(w.rows, w.byDepartment))
    return c.json({
      threshold: w.threshold,
      rows: w.rows.map((r) => ({ case: opsCase(r.case), daysLeft: r.daysLeft })),
      byDepartment: w.byDepartment,
    } satisfies WarningsAnswer)
  })

  app.get('/yellow-cards', async (c) => {
    const q = readQuery(c, CardQuery)
    const y = await (await scoped(c)).yellowCards(q.from, q.to)
    if (q.format === 'csv')
      return csv(c, `yellow-cards-${y.from}-${y.to}`, yellowCardsCsv(y.rows, y.byDepartmentMonth))
    return c.json({
      ...y,
      rows: y.rows.map((r) => ({ ...r, case: opsCase(r.case) })),
    } satisfies YellowCardsAnswer)
  })

  app.get('/ratings', async (c) => {
    const q = readQuery(c, RatingQuery)
    const range = dayRange(service, q.from, q.to)
    const {
      counts: _counts,
      rectified: _rectified,
      ...r
    } = await (await scoped(c)).ratings(range.from, range.to)
    if (q.format === 'csv')
      return csv(c, `ratings-${r.from}-${r.to}`, ratingFiguresCsv(r.from, r.to, r.figures, r.byChannel))
    return c.json(r satisfies RatingsAnswer)
  })

  app.get('/follow-ups', async (c) => {
    const q = readQuery(c, FollowUpQuery)
    const rows = await (await scoped(c)).followUps(q.status)
    if (q.format === 'csv') return csv(c, `follow-ups-${q.status}-${service.today()}`, followUpsCsv(rows))
    return c.json({
      rows: rows.map((f) => opsFollowUp(f.followUp, f.case, f.daysLeft, f.overdue, f.atRisk)),
    } satisfies FollowUpsAnswer)
  })

  const followUpId = (c: Context<AppEnv>) => {
    const id = Number(c.req.param('id'))
    if (!Number.isInteger(id) || id < 1)
      throw new ApiError(400, 'validation', 'id: must be a positive whole number')
    return id
  }

  app.post('/follow-ups/:id', async (c) => {
    const id = followUpId(c)
    const patch = await readJson(c, FollowUpPatch)
    return c.json(
      followUpOf(await service.updateFollowUp(id, patch, staffOf(c).username, await districtsOf(c))),
    )
  })

  app.post('/follow-ups/:id/close', async (c) => {
    const closed = followUpOf(
      await service.closeFollowUp(followUpId(c), staffOf(c).username, await districtsOf(c)),
    )
    await deps.audit.record(c, 'followup.close', String(closed.id))
    return c.json(closed)
  })

  return app
}
