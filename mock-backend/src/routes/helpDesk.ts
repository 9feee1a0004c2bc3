/**
 * 帮办 when nobody answers: the terminal's call-back upload (from its outbox, idempotent by key), the helpers'
 * call-back tasks (numbers masked in lists; the full number only to the helper who took the task, audited), and
 * the ops figures of calls. The number is sealed with the fingerprint key before it is stored and never logged.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireTerminal, staffOf, terminalOf } from '../auth/middleware'
import { reportDistricts } from '../auth/scope'
import {
  type AnswerOf,
  CallbackClose,
  CallbackRequest,
  type CallbackTaskView,
  Day,
  type HELP_ROUTES,
  maskPhone,
  type OPS_ROUTES,
  phoneDigits,
  type TERMINAL_ROUTES,
} from '../contract'
import type { CallbackTaskRow } from '../db/helpDeskRows'
import type { AppDeps, AppEnv } from '../deps'
import { checkDayRange } from '../http/dayRange'
import { ApiError } from '../http/errors'
import { check, readJson, readQuery } from '../http/validate'
import { helpFigures } from '../reports/helpFigures'

const DAY_MS = 24 * 3600 * 1000
const TaskKey = z.string().uuid('key must be a call-back task key (a UUID)')
const FiguresQuery = z.object({ from: Day, to: Day }).strict()

/** A task as lists show it: the number masked, never the sealed value. */
const taskView = (t: CallbackTaskRow, names: Map<string, string>): CallbackTaskView => ({
  key: t.key,
  terminalId: t.terminalId,
  terminalName: names.get(t.terminalId) ?? t.terminalId,
  itemCode: t.itemCode,
  requestedAt: t.requestedAt,
  maskedPhone: t.maskedPhone,
  takenBy: t.takenBy,
  closedAt: t.closedAt,
  outcome: t.outcome,
})

/** POST /api/terminal/callbacks: a resident's call-back request, stored once per key. */
export function terminalCallbackRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireTerminal)
  app.post('/callbacks', async (c) => {
    const { terminal } = terminalOf(c)
    const body = await readJson(c, CallbackRequest)
    const stored = await deps.store.helpDesk.addCallback({
      key: body.key,
      terminalId: terminal.id,
      districtCode: terminal.districtCode,
      itemCode: body.itemCode,
      requestedAt: new Date(body.requestedAt).toISOString(),
      maskedPhone: maskPhone(body.phone),
      phoneSealed: deps.fingerprints.seal(phoneDigits(body.phone)),
    })
    if (stored) deps.logger.info({ terminalId: terminal.id }, 'call-back task stored')
    return c.json(
      { key: body.key, replay: !stored } satisfies AnswerOf<typeof TERMINAL_ROUTES.callback>,
      stored ? 201 : 200,
    )
  })
  return app
}

/** /api/help/*: the helpers' call-back tasks. */
export function helperRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store } = deps
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('helper'))
  const names = async () => new Map((await store.listTerminals()).map((t) => [t.id, t.name]))
  const taskOf = async (key: string) => {
    const task = await store.helpDesk.callback(check(TaskKey, key, 'key'))
    if (!task) throw new ApiError(404, 'not_found', `call-back task ${key} does not exist`)
    return task
  }

  app.get('/callbacks', async (c) => {
    // Open tasks, and those closed in the last day so a helper sees what was just done.
    const since = new Date(deps.now().getTime() - DAY_MS).toISOString()
    const all = await names()
    const tasks = (await store.helpDesk.callbacks(since)).map((t) => taskView(t, all))
    return c.json({ tasks } satisfies AnswerOf<typeof HELP_ROUTES.callbacks>)
  })

  app.post('/callbacks/:key/take', async (c) => {
    const { username } = staffOf(c)
    const task = await taskOf(c.req.param('key'))
    if (!(await store.helpDesk.takeCallback(task, username, deps.now().toISOString())))
      throw new ApiError(409, 'taken', 'another helper took this task, or it is closed')
    return c.json(
      taskView((await taskOf(task.key)) as CallbackTaskRow, await names()) satisfies CallbackTaskView,
    )
  })

  app.get('/callbacks/:key/number', async (c) => {
    const { username } = staffOf(c)
    const task = await taskOf(c.req.param('key'))
    if (task.takenBy !== username)
      throw new ApiError(403, 'not_yours', 'only the helper who took this task sees its number')
    await deps.audit.record(c, 'callback.number', task.key)
    const phone = task.phoneSealed === null ? null : deps.fingerprints.open(task.phoneSealed)
    return c.json({ key: task.key, phone } satisfies AnswerOf<typeof HELP_ROUTES.number>)
  })

  app.post('/callbacks/:key/close', async (c) => {
    const { username } = staffOf(c)
    const task = await taskOf(c.req.param('key'))
    const { outcome } = await readJson(c, CallbackClose)
    if (task.takenBy !== username)
      throw new ApiError(403, 'not_yours', 'only the helper who took this task may close it')
    if (!(await store.helpDesk.closeCallback(task, username, outcome, deps.now().toISOString())))
      throw new ApiError(409, 'closed', 'this task is closed already')
    return c.json(taskView(await taskOf(task.key), await names()) satisfies CallbackTaskView)
  })
  return app
}

/** GET /api/ops/help-figures: 帮办 calls per day and terminal (reports/helpFigures.ts), in the account's districts. */
export function helpFiguresRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('ops'))
  app.get('/', async (c) => {
    const q = readQuery(c, FiguresQuery)
    checkDayRange(q)
    const districts = await reportDistricts(staffOf(c).orgCode, () => deps.store.listDivisions())
    const calls = await deps.store.helpDesk.callsBetween(q.from, q.to, districts)
    return c.json({ from: q.from, to: q.to, rows: helpFigures(calls) } satisfies AnswerOf<
      typeof OPS_ROUTES.helpFigures
    >)
  })
  return app
}
