/**
 * /api/admin/district-catalog/*: a district admin's additions to and withdrawals from the province catalog
 * (本区县事项, #15). The district is the account's own; a province or city account is refused (`district_only`).
 * Candidates are sent whole to each step, so any node answers any step and nothing waits half-done on one.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, staffOf } from '../auth/middleware'
import { requireDistrict } from '../auth/scope'
import type {
  DistrictCatalogAnswer,
  DistrictCatalogCheck,
  DistrictCatalogDiff,
  DistrictCatalogPublished,
  DistrictCatalogVersion,
} from '../contract/districtCatalog'
import type { CatalogVersionFull } from '../db/rows'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'
import { NODE_TOPICS } from '../nodes/topics'
import { checkOverlay } from '../overlays/checkOverlay'
import { overlayConflicts } from '../overlays/effectiveCatalog'
import { diffOverlays } from '../overlays/overlayDiff'

/** An item code as a withdrawal names it (the catalog schema's item codes fit). */
const ItemCode = z.string().trim().min(1).max(40)
const Candidate = z
  .object({
    file: z
      .object({
        name: z.string().trim().min(1).max(200),
        base64: z
          .string()
          .min(1, 'file.base64: the uploaded file is empty')
          .regex(/^[A-Za-z0-9+/=]*$/, {
            message: 'file.base64 must be the file in base64',
          }),
      })
      .strict()
      .nullable()
      .optional(),
    withdrawals: z.array(ItemCode).max(1000),
  })
  .strict()
const PublishBody = Candidate.extend({ note: z.string().trim().max(200).optional() }).strict()
const RollbackBody = z.object({ version: z.number().int().min(1) }).strict()

/** The district catalog routes (role admin, an account of a district). */
export function districtCatalogRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store } = deps
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('admin'), requireDistrict())

  /** The active province version: an overlay is checked against it, and means nothing without it. */
  const province = async (): Promise<CatalogVersionFull> => {
    const found = await store.getCatalogVersion(await store.latestCatalogVersion())
    if (!found) throw new ApiError(404, 'no_catalog', 'no province catalog has been published yet')
    return found
  }
  const activeOverlay = async (district: string) => {
    const version = await store.overlays.latest(district)
    return version === 0 ? undefined : store.overlays.get(district, version)
  }
  /** Checks the candidate in the body; publish and diff need it free of errors (400 naming the first). */
  const checked = async (district: string, body: z.infer<typeof Candidate>) => {
    const base = await province()
    const active = await activeOverlay(district)
    const check = checkOverlay(
      {
        // Absent: keep the active additions; null: none; a file: its items.
        ...(body.file === undefined
          ? {}
          : {
              file: body.file && {
                name: body.file.name,
                bytes: new Uint8Array(Buffer.from(body.file.base64, 'base64')),
              },
            }),
        withdrawals: body.withdrawals,
      },
      base.catalog,
      active?.overlay,
    )
    return { base, active, check }
  }
  const publishable = (check: ReturnType<typeof checkOverlay>) => {
    if (!check.ok || !check.overlay) {
      const first = check.problems.find((p) => p.severity === 'error')
      throw new ApiError(
        400,
        'has_errors',
        `the candidate has errors${first ? `: ${first.code} (${first.message.en})` : ''}`,
      )
    }
    return check.overlay
  }

  app.get('/', async (c) => {
    const district = staffOf(c).orgCode
    const base = await province()
    const active = await activeOverlay(district)
    const overlay = active?.overlay ?? { departments: [], additions: [], withdrawals: [] }
    const provinceCodes = new Set(base.catalog.items.map((i) => i.code))
    return c.json({
      districtCode: district,
      version: active?.version ?? 0,
      provinceVersion: base.version,
      ...overlay,
      ...overlayConflicts(provinceCodes, overlay),
      provinceItems: base.catalog.items.map((i) => ({
        code: i.code,
        name: i.name,
        department: i.department,
      })),
    } satisfies DistrictCatalogAnswer)
  })

  app.post('/validate', async (c) => {
    const { check } = await checked(staffOf(c).orgCode, await readJson(c, Candidate))
    return c.json({
      ok: check.ok,
      import: check.import,
      problems: check.problems,
      additions: check.overlay?.additions.length ?? 0,
      withdrawals: check.overlay?.withdrawals.length ?? 0,
    } satisfies DistrictCatalogCheck)
  })

  app.post('/diff', async (c) => {
    const { base, active, check } = await checked(staffOf(c).orgCode, await readJson(c, Candidate))
    return c.json(
      diffOverlays(active?.overlay, publishable(check), base.catalog) satisfies DistrictCatalogDiff,
    )
  })

  app.post('/publish', async (c) => {
    const staff = staffOf(c)
    const body = await readJson(c, PublishBody)
    const overlay = publishable((await checked(staff.orgCode, body)).check)
    const publishedAt = deps.now().toISOString()
    const version = await store.overlays.publish(
      staff.orgCode,
      overlay,
      staff.username,
      body.note ?? '',
      publishedAt,
    )
    // Every node's effective catalogs start over (this one's too); terminals see the new number at their heartbeat.
    await deps.nodes.publish(NODE_TOPICS.catalogOverlay, staff.orgCode)
    deps.logger.info({ district: staff.orgCode, version, by: staff.username }, 'district catalog published')
    await deps.audit.record(c, 'district-catalog.publish', `${staff.orgCode} v${version}`, {
      additions: overlay.additions.length,
      withdrawals: overlay.withdrawals.length,
    })
    return c.json({
      districtCode: staff.orgCode,
      version,
      publishedAt,
      publishedBy: staff.username,
    } satisfies DistrictCatalogPublished)
  })

  app.get('/versions', async (c) => {
    const district = staffOf(c).orgCode
    const versions = await store.overlays.list(district)
    const latest = versions[0]?.version
    return c.json(
      versions.map(({ districtCode: _, ...v }) => ({
        ...v,
        active: v.version === latest,
      })) satisfies DistrictCatalogVersion[],
    )
  })

  app.post('/rollback', async (c) => {
    const staff = staffOf(c)
    const { version: target } = await readJson(c, RollbackBody)
    const source = await store.overlays.get(staff.orgCode, target)
    if (!source)
      throw new ApiError(404, 'version', `version: district ${staff.orgCode} published no version ${target}`)
    const publishedAt = deps.now().toISOString()
    const version = await store.overlays.publish(
      staff.orgCode,
      source.overlay,
      staff.username,
      `回滚至版本 ${target}`,
      publishedAt,
    )
    await deps.nodes.publish(NODE_TOPICS.catalogOverlay, staff.orgCode)
    deps.logger.info({ district: staff.orgCode, version, from: target }, 'district catalog rolled back')
    await deps.audit.record(c, 'district-catalog.rollback', `${staff.orgCode} v${version}`, {
      rolledBackTo: target,
    })
    return c.json({
      districtCode: staff.orgCode,
      version,
      publishedAt,
      publishedBy: staff.username,
      rolledBackTo: target,
    } satisfies DistrictCatalogPublished)
  })

  return app
}
