/** /api/admin/faults/*: admin-only switches that make the backend misbehave on purpose (tests, demos). */
import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, staffOf } from '../auth/middleware'
import type { AppDeps, AppEnv } from '../deps'
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

/** GET/PUT /ingest: how many of the next transaction batches fail, with which status, and when. */
export function faultRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('admin'))
  app.get('/ingest', async (c) => c.json(deps.ingestFaults.view()))
  app.put('/ingest', async (c) => {
    const body = await readJson(c, IngestFaultBody)
    const view = deps.ingestFaults.set({ ...body, status: body.status as FaultStatus | undefined })
    deps.logger.info({ by: staffOf(c).username, ...body }, 'ingest fault set')
    await deps.audit.record(c, 'fault.ingest', 'ingest', body)
    return c.json(view)
  })
  return app
}
