/**
 * Routes for enrolled terminals: catalog download, transaction ingest, counters, heartbeat, wipe acknowledgement.
 */
import { Hono } from 'hono'
import { requireTerminal, requireTerminalKey, terminalOf } from '../auth/middleware'
import { catalogEtag, etagMatches } from '../catalogView'
import {
  type AnswerOf,
  CountersPayload,
  Heartbeat,
  type TERMINAL_ROUTES,
  TransactionBatch,
} from '../contract'
import { daysNamed, judgeCounters } from '../counterOutcomes'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'
import { ingestBatchJson } from '../ingest'
import { terminalSettingsOf } from '../terminalSettings'
import { shanghaiDay } from '../time'

/** /api/terminal/*. */
export function terminalRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  // Registered before the guard below, which then never runs for it: a revoked terminal acknowledges a wipe too.
  app.post('/wiped', requireTerminalKey, async (c) => {
    const { terminal } = terminalOf(c)
    await deps.store.recordWipe(terminal.id, deps.now().toISOString())
    deps.logger.info({ terminalId: terminal.id }, 'terminal reported its resident data wiped')
    return c.json({ ok: true } satisfies AnswerOf<typeof TERMINAL_ROUTES.wiped>)
  })

  app.use('*', requireTerminal)

  app.get('/catalog', async (c) => {
    const { terminal } = terminalOf(c)
    const version = await deps.store.latestCatalogVersion()
    if (version === 0) throw new ApiError(404, 'no_catalog', 'no catalog has been published yet')
    // The province catalog with the terminal's district's additions and withdrawals (overlays/effectiveCatalog.ts).
    const overlayVersion = await deps.store.overlays.latest(terminal.districtCode)
    const etag = catalogEtag(version, terminal.groups, overlayVersion)
    c.header('ETag', etag)
    c.header('Cache-Control', 'no-cache')
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304)
    const index = await deps.catalog.effective(version, terminal.districtCode, overlayVersion)
    if (!index) throw new ApiError(404, 'no_catalog', 'no catalog has been published yet')
    // Parsed once per (version, overlay) and serialized once per group set (catalogCache.ts), never per request.
    return c.body(index.jsonForGroups(terminal.groups), 200, { 'Content-Type': 'application/json' })
  })

  app.post('/transactions', async (c) => {
    const { terminal } = terminalOf(c)
    const batch = await readJson(c, TransactionBatch)
    // Admin-set fault hook (PUT /api/admin/faults/ingest); a no-op unless switched on.
    const faults = deps.ingestFaults
    await faults.check('before')
    // Another node's department fault change holds here at once (a no-op unless FAULTS=on on a shared store).
    await deps.departmentFaults.refresh()
    const body = await ingestBatchJson(deps, terminal, batch.records)
    await faults.check('after')
    // Results are spliced in as stored JSON text (stringified once); the shape is contract.ts BatchAnswer.
    return c.body(body, 200, { 'Content-Type': 'application/json' })
  })

  app.post('/counters', async (c) => {
    const { terminal } = terminalOf(c)
    const { counters } = await readJson(c, CountersPayload)
    const now = deps.now()
    const store = deps.store.counters
    const enrolmentDay = (await store.enrolmentDay(terminal.id)) ?? shanghaiDay(now)
    const itemFirstDays = await store.itemFirstDays()
    // Floors read, judged and applied as one unit: an admin's reset on another node cannot fall in between.
    const judged = await store.judgeAndApply(
      terminal.id,
      daysNamed(counters),
      (floors) => judgeCounters(counters, { now, enrolmentDay, itemFirstDays, floors }),
      now.toISOString(),
    )
    const accepted = judged.outcomes.filter((o) => o.status === 'accepted').length
    return c.json({ accepted, outcomes: judged.outcomes } satisfies AnswerOf<typeof TERMINAL_ROUTES.counters>)
  })

  app.post('/heartbeat', async (c) => {
    const { terminal, keyHash } = terminalOf(c)
    const heartbeat = await readJson(c, Heartbeat)
    const now = deps.now().toISOString()
    await deps.store.recordHeartbeat(terminal.id, now, heartbeat)
    return c.json({
      ok: true,
      serverTime: now,
      catalogVersion: await deps.store.latestCatalogVersion(),
      overlayVersion: await deps.store.overlays.latest(terminal.districtCode),
      // The row was read for this request, so a PIN reset or idle change made since the last heartbeat is here.
      settings: terminalSettingsOf(
        terminal,
        keyHash,
        deps.config.retentionDays,
        deps.fingerprints,
        deps.config.publicBaseUrl,
      ),
      wipe: terminal.wipeRequestedAt !== null,
    } satisfies AnswerOf<typeof TERMINAL_ROUTES.heartbeat>)
  })

  return app
}
