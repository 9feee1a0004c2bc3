/** /api/admin/faults/*: admin-only switches that make the backend misbehave on purpose (tests, demos). */

import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, staffOf } from '../auth/middleware'
import { requireProvince } from '../auth/scope'
import { MAX_CLOCK_OFFSET_MS } from '../clock'
import type { ClockView } from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'
import { FAULT_STATUSES, type FaultStatus } from './faultStatuses'

const IngestFaultBody = z
  .object({
    failNext: z.number().int().min(0).max(1_000_000),
    status: z
      .number()
      .int()
      .refine((s) => (FAULT_STATUSES as readonly number[]).includes(s), {
        message: `status must be one of ${FAULT_STATUSES.join(', ')}`,
      })
      .optional(),
    when: z.enum(['before', 'after']).optional(),
  })
  .strict()

const ClockBody = z.union([
  z.object({ at: z.iso.datetime({ offset: true }) }).strict(),
  z.object({ offsetMs: z.number().int().min(-MAX_CLOCK_OFFSET_MS).max(MAX_CLOCK_OFFSET_MS) }).strict(),
])

/**
 * GET/PUT /ingest: how many of the next transaction batches fail, with which status, and when.
 * GET/PUT /clock: the backend's clock (clock.ts), which the fleet simulator sets to replay a past year; on several
 * nodes the PUT moves every node's clock.
 */
export function faultRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('admin'), requireProvince())
  app.get('/ingest', async (c) => c.json(await deps.ingestFaults.view()))
  app.put('/ingest', async (c) => {
    const body = await readJson(c, IngestFaultBody)
    const view = await deps.ingestFaults.set({ ...body, status: body.status as FaultStatus | undefined })
    deps.logger.info({ by: staffOf(c).username, ...body }, 'ingest fault set')
    await deps.audit.record(c, 'fault.ingest', 'ingest', body)
    return c.json(view)
  })
  app.get('/clock', (c) => c.json(deps.clock.view() satisfies ClockView))
  app.put('/clock', async (c) => {
    const body = await readJson(c, ClockBody)
    let view: ClockView
    try {
      view = await deps.clock.setEverywhere(body)
    } catch (error) {
      if (error instanceof RangeError) throw new ApiError(400, 'validation', error.message)
      throw error
    }
    deps.logger.info({ by: staffOf(c).username, offsetMs: view.offsetMs }, 'clock set')
    return c.json(view satisfies ClockView)
  })
  return app
}
