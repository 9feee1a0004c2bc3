/** /api/admin/departments/faults: admin-only switches for simulated department trouble (tests, demos). */

import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, staffOf } from '../auth/middleware'
import { requireProvince } from '../auth/scope'
import { DepartmentFaults } from '../config'
import type { DepartmentFaultsAnswer } from '../contract'
import { KNOWN_DEPARTMENTS } from '../departments/registry'
import type { AppDeps, AppEnv } from '../deps'
import { readJson } from '../http/validate'

const FaultsBody = z.object({ default: DepartmentFaults.valueType.optional(), departments: DepartmentFaults })

/** GET/PUT: the effective fault of every known and published department, and the default. */
export function departmentFaultRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store } = deps
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('admin'), requireProvince())

  const faultsView = async (): Promise<DepartmentFaultsAnswer> => {
    // Another node may have changed it a moment ago: answer the shared setting, not a notice still on its way.
    await deps.departmentFaults.refresh()
    const published =
      (await store.getCatalogVersion(await store.latestCatalogVersion()))?.catalog.departments ?? []
    const codes = new Set([...KNOWN_DEPARTMENTS, ...published.map((d) => d.code)])
    const faults = deps.departments.faults()
    const view: DepartmentFaultsAnswer['departments'] = {}
    for (const code of [...codes].sort()) view[code] = deps.departments.faultFor(code)
    return { default: faults['*'] ?? { latencyMs: 0, failureRate: 0, outage: false }, departments: view }
  }

  app.get('/', async (c) => c.json(await faultsView()))

  app.put('/', async (c) => {
    const body = await readJson(c, FaultsBody)
    const next: DepartmentFaults = { ...body.departments }
    if (body.default) next['*'] = body.default
    await deps.departmentFaults.set(next)
    deps.logger.info({ by: staffOf(c).username }, 'department faults changed')
    await deps.audit.record(c, 'fault.departments', Object.keys(next).sort().join(',') || '*')
    return c.json(await faultsView())
  })

  return app
}
