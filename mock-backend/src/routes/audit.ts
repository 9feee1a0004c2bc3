/** /api/admin/audit: the audit log, newest first, a page at a time (role admin). */

import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../auth/middleware'
import { requireProvince } from '../auth/scope'
import { AUDIT_ACTIONS, AUDIT_PAGE_MAX, type AuditPage } from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { readQuery } from '../http/validate'

const AuditQuery = z
  .object({
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
    action: z.enum(AUDIT_ACTIONS).optional(),
  })
  .strict()

/** The audit route. */
export function auditRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('admin'), requireProvince())
  app.get('/', async (c) => c.json((await deps.audit.page(readQuery(c, AuditQuery))) satisfies AuditPage))
  return app
}
