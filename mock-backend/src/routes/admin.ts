/**
 * Admin console routes: catalog upload/validate/diff/publish/rollback, terminals (create, edit, revoke, rotate,
 * wipe). The fault switches live in
 * faults/ and are mounted only with FAULTS=on.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { diffCatalogs } from '../../../services-catalog/src/diff'
import { importCatalogFile } from '../../../services-catalog/src/importCatalog'
import { ServiceItem } from '../../../services-catalog/src/schema'
import { buildSearchIndex } from '../../../services-catalog/src/searchIndex'
import { requireRole, staffOf } from '../auth/middleware'
import { hashPin, isWellFormedPin, PIN_FORM_MESSAGE } from '../auth/pinHash'
import { requireProvince, seesTerminal, visibleTerminals } from '../auth/scope'
import { ROTATE_GRACE_MS } from '../auth/terminalKeys'
import { hashSecret, newEnrolCode } from '../auth/tokens'
import {
  type ADMIN_ROUTES,
  type AdminTerminal,
  type AnswerOf,
  type CatalogDiff,
  type CatalogVersionRow,
  CITIES_WITHOUT_DISTRICTS,
  type CreatedTerminal,
  type CurrentCatalogAnswer,
  Day,
  type Division,
  divisionLevel,
  type GroupIdleAnswer,
  IDLE_SECONDS,
  isDivisionCode,
  isTerminalDivision,
  type PublishAnswer,
  parentDivision,
  type RollbackAnswer,
  type RotatedTerminal,
  type ValidateAnswer,
  withinDivision,
} from '../contract'
import { HelpContactSchema, NoAnswerSeconds } from '../contract/helpDesk'
import type { TerminalRow } from '../db/rows'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { check, readJson } from '../http/validate'
import { NODE_TOPICS } from '../nodes/topics'
import { idleSecondsOf, noAnswerSecondsOf } from '../terminalSettings'
import { isCalendarDay } from '../time'

/** Enrol codes are valid for one day. */
export const ENROL_CODE_TTL_MS = 24 * 3600 * 1000

const CandidateBody = z.object({ candidateId: z.string().uuid() })
const PublishBody = CandidateBody.extend({ note: z.string().trim().max(200).optional() })
const RollbackBody = z.object({ version: z.number().int().min(1) })
const Groups = ServiceItem.shape.groups.unwrap()
const Pin = z.string().refine(isWellFormedPin, PIN_FORM_MESSAGE)
const IdleSeconds = z
  .number({ message: 'idleSeconds must be a number of seconds' })
  .int('idleSeconds must be a whole number of seconds')
  .min(IDLE_SECONDS.min, `idleSeconds must be at least ${IDLE_SECONDS.min}`)
  .max(IDLE_SECONDS.max, `idleSeconds must be at most ${IDLE_SECONDS.max}`)
const DistrictCode = z
  .string()
  .refine(isDivisionCode, 'districtCode must be a six-digit division code')
  .refine(
    (code) => divisionLevel(code) === 'district',
    'districtCode must name a district, not a city or province',
  )
/** Where a terminal may stand: a district, or a city with no districts below it (东莞, 中山). */
const TerminalDivisionCode = z
  .string()
  .refine(isDivisionCode, 'districtCode must be a six-digit division code')
  .refine(
    isTerminalDivision,
    'districtCode must name a district, or a city without districts (东莞 441900, 中山 442000), not a city or province',
  )
const DivisionBody = z
  .object({
    code: DistrictCode,
    nameZh: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(80),
  })
  .strict()
const TerminalBody = z.object({
  districtCode: TerminalDivisionCode.optional(),
  name: z.string().trim().min(1).max(60),
  location: z.string().trim().max(120).default(''),
  groups: Groups.default([]),
  pin: Pin.optional(),
  idleSeconds: IdleSeconds.optional(),
})
const TerminalUpdate = z
  .object({
    name: z.string().trim().min(1).max(60).optional(),
    location: z.string().trim().max(120).optional(),
    groups: Groups.optional(),
    districtCode: TerminalDivisionCode.optional(),
    pin: Pin.optional(),
    idleSeconds: IdleSeconds.optional(),
    helpContact: HelpContactSchema.nullable().optional(),
    noAnswerSeconds: NoAnswerSeconds.optional(),
  })
  .strict()
const GroupIdleBody = z.object({ idleSeconds: IdleSeconds }).strict()
const GroupName = Groups.element
const CounterResetBody = z.object({ day: Day })
const TerminalId = z.string().regex(/^T-[A-Z0-9-]{1,40}$/, 'terminal id must look like T-XXXX')

/** A terminal as the admin console lists it: never its PIN or the PIN's hash, only whether one is set. */
const adminTerminal = (t: TerminalRow): AdminTerminal => ({
  id: t.id,
  name: t.name,
  location: t.location,
  groups: t.groups,
  districtCode: t.districtCode,
  enrolled: t.enrolled,
  lastSeenAt: t.lastSeenAt,
  pinSet: t.pin !== null,
  idleSeconds: idleSecondsOf(t),
  helpContact: t.helpContact,
  noAnswerSeconds: noAnswerSecondsOf(t),
  revokedAt: t.revokedAt,
  keyExpiresAt: t.tokenExpiresAt === null ? null : new Date(t.tokenExpiresAt).toISOString(),
  wipeRequestedAt: t.wipeRequestedAt,
  wipedAt: t.wipedAt,
})

function decodeFileName(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  try {
    return decodeURIComponent(raw).slice(0, 200)
  } catch {
    return raw.slice(0, 200)
  }
}

/** /api/admin/*. */
export function adminRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store } = deps
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('admin'))
  // One catalog serves the province: below it, an admin manages only the terminals of their division.
  app.use('/catalog/*', requireProvince())
  // A terminal outside the admin's division does not exist for them.
  const ownTerminal: MiddlewareHandler<AppEnv> = async (c, next) => {
    const terminal = await store.getTerminal(c.req.param('id') ?? '')
    if (terminal && !seesTerminal(staffOf(c), terminal))
      throw new ApiError(404, 'not_found', `terminal ${c.req.param('id')} does not exist`)
    await next()
  }
  app.use('/terminals/:id', ownTerminal)
  app.use('/terminals/:id/*', ownTerminal)

  const active = async () => store.getCatalogVersion(await store.latestCatalogVersion())

  app.post('/catalog/validate', async (c) => {
    const staff = staffOf(c)
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.length === 0) throw new ApiError(400, 'empty_file', 'the uploaded file is empty')
    // The published catalog is the base: CSV rows for its items keep form fields and English texts.
    const published = (await active())?.catalog ?? null
    const report = importCatalogFile(bytes, {
      fileName: decodeFileName(c.req.header('x-file-name')),
      departments: published?.departments,
      base: published,
    })
    const candidateId = randomUUID()
    await store.putCandidate(
      { id: candidateId, createdBy: staff.username, ok: report.ok, report, catalog: report.catalog },
      deps.now().toISOString(),
    )
    return c.json({ ...report, candidateId } satisfies ValidateAnswer)
  })

  const candidate = async (id: string) => {
    const found = await store.getCandidate(id)
    if (!found)
      throw new ApiError(404, 'candidate', 'candidateId: unknown or expired upload; validate the file again')
    if (!found.ok || !found.catalog) throw new ApiError(409, 'has_errors', 'the uploaded catalog has errors')
    return { ...found, catalog: found.catalog }
  }

  app.post('/catalog/diff', async (c) => {
    const { candidateId } = await readJson(c, CandidateBody)
    return c.json(
      diffCatalogs(
        (await active())?.catalog ?? null,
        (await candidate(candidateId)).catalog,
      ) satisfies CatalogDiff,
    )
  })

  app.post('/catalog/publish', async (c) => {
    const staff = staffOf(c)
    const body = await readJson(c, PublishBody)
    const { catalog } = await candidate(body.candidateId)
    const publishedAt = deps.now().toISOString()
    const version = await store.publishCatalog(
      catalog,
      buildSearchIndex(catalog.items),
      staff.username,
      body.note ?? '',
      publishedAt,
    )
    deps.logger.info({ version, by: staff.username }, 'catalog published')
    await deps.audit.record(c, 'catalog.publish', `v${version}`, { items: catalog.items.length })
    return c.json({ version, publishedAt, publishedBy: staff.username } satisfies PublishAnswer)
  })

  app.get('/catalog/versions', async (c) => {
    const latest = await store.latestCatalogVersion()
    return c.json(
      (await store.listCatalogVersions()).map((v) => ({
        ...v,
        active: v.version === latest,
      })) satisfies CatalogVersionRow[],
    )
  })

  app.post('/catalog/rollback', async (c) => {
    const staff = staffOf(c)
    const { version: target } = await readJson(c, RollbackBody)
    const source = await store.getCatalogVersion(target)
    if (!source) throw new ApiError(404, 'version', `version: no published version ${target}`)
    const publishedAt = deps.now().toISOString()
    const version = await store.publishCatalog(
      source.catalog,
      source.search,
      staff.username,
      `回滚至版本 ${target}`,
      publishedAt,
    )
    deps.logger.info({ version, from: target, by: staff.username }, 'catalog rolled back')
    await deps.audit.record(c, 'catalog.rollback', `v${version}`, { rolledBackTo: target })
    return c.json({
      version,
      publishedAt,
      publishedBy: staff.username,
      rolledBackTo: target,
    } satisfies RollbackAnswer)
  })

  app.get('/catalog/current', async (c) => {
    const v = await active()
    if (!v) throw new ApiError(404, 'no_catalog', 'no catalog has been published yet')
    c.header('X-Catalog-Version', String(v.version))
    return c.json(v.catalog satisfies CurrentCatalogAnswer)
  })

  /**
   * The district a terminal may stand in for this admin: 400 naming the code unless the tree holds it as a
   * district, 403 `out_of_scope` unless it lies within the admin's division.
   */
  const knownDistrict = async (c: Context<AppEnv>, code: string): Promise<string> => {
    if (!(await store.division(code)))
      throw new ApiError(
        400,
        'unknown_district',
        `districtCode ${code} is not a district of the organisation tree`,
      )
    const { orgCode } = staffOf(c)
    if (!withinDivision(orgCode, code))
      throw new ApiError(
        403,
        'out_of_scope',
        `district ${code} lies outside division ${orgCode} of this account`,
      )
    return code
  }
  /** A new terminal's district when the admin names none: HOME_DISTRICT, or the admin's own district. */
  const defaultDistrict = (c: Context<AppEnv>): string => {
    const { orgCode } = staffOf(c)
    const home = deps.config.homeDistrict
    return withinDivision(orgCode, home) || !isTerminalDivision(orgCode) ? home : orgCode
  }

  app.get('/divisions', async (c) => c.json((await store.listDivisions()) satisfies Division[]))

  app.post('/divisions', requireProvince(), async (c) => {
    const body = await readJson(c, DivisionBody)
    const city = parentDivision(body.code) ?? ''
    if (CITIES_WITHOUT_DISTRICTS.has(city))
      throw new ApiError(
        400,
        'city_without_districts',
        `city ${city} has no districts: its terminals stand in the city itself`,
      )
    const stored = await store.listDivisions()
    if (!stored.some((d) => d.code === city))
      throw new ApiError(
        400,
        'unknown_city',
        `division ${body.code} lies in city ${city}, which is not in the tree`,
      )
    if (stored.some((d) => d.code === body.code))
      throw new ApiError(409, 'division_exists', `division ${body.code} exists already`)
    await store.addDivisions([body])
    await deps.audit.record(c, 'division.add', body.code)
    return c.json(body satisfies Division, 201)
  })

  app.get('/terminals', async (c) =>
    c.json(
      visibleTerminals(staffOf(c), await store.listTerminals()).map(adminTerminal) satisfies AdminTerminal[],
    ),
  )

  app.post('/terminals', async (c) => {
    const body = await readJson(c, TerminalBody)
    const districtCode = await knownDistrict(c, body.districtCode ?? defaultDistrict(c))
    const pin = body.pin === undefined ? null : await hashPin(body.pin)
    const id = `T-${randomBytes(4).toString('hex').toUpperCase()}`
    const enrolCode = newEnrolCode()
    const expiresAt = deps.now().getTime() + ENROL_CODE_TTL_MS
    await store.insertTerminal({
      id,
      name: body.name,
      location: body.location,
      groups: body.groups,
      districtCode,
      tokenHash: null,
      codeHash: hashSecret(enrolCode),
      codeExpiresAt: expiresAt,
      now: deps.now().toISOString(),
    })
    if (pin) await store.setTerminalPin(id, pin)
    if (body.idleSeconds !== undefined) await store.setIdleSeconds([id], body.idleSeconds)
    deps.logger.info({ terminalId: id }, 'terminal created')
    await deps.audit.record(c, 'terminal.create', id, { groups: body.groups.join(','), districtCode })
    return c.json(
      { id, enrolCode, expiresAt: new Date(expiresAt).toISOString() } satisfies CreatedTerminal,
      201,
    )
  })

  app.put('/terminals/:id', async (c) => {
    const id = check(TerminalId, c.req.param('id'), 'id')
    const body = await readJson(c, TerminalUpdate)
    const existing = await store.getTerminal(id)
    if (!existing) throw new ApiError(404, 'not_found', `terminal ${id} does not exist`)
    const next = {
      name: body.name ?? existing.name,
      location: body.location ?? existing.location,
      groups: body.groups ?? existing.groups,
      districtCode:
        body.districtCode === undefined ? existing.districtCode : await knownDistrict(c, body.districtCode),
    }
    const pin = body.pin === undefined ? null : await hashPin(body.pin)
    // One unit: a remote PIN reset reaches the terminal with its next heartbeat answer.
    await store.editTerminal(id, {
      ...next,
      ...(body.idleSeconds === undefined ? {} : { idleSeconds: body.idleSeconds }),
      ...(pin ? { pin } : {}),
      ...(body.helpContact === undefined && body.noAnswerSeconds === undefined
        ? {}
        : { help: { contact: body.helpContact, noAnswerSeconds: body.noAnswerSeconds } }),
    })
    if (pin) await deps.audit.record(c, 'terminal.pin', id)
    if (next.districtCode !== existing.districtCode)
      await deps.audit.record(c, 'terminal.move', id, { from: existing.districtCode, to: next.districtCode })
    const updated = await store.getTerminal(id)
    if (!updated) throw new ApiError(404, 'not_found', `terminal ${id} does not exist`)
    return c.json(adminTerminal(updated) satisfies AdminTerminal)
  })

  // One idle time for every terminal of a group (a village's terminals serve the same residents).
  app.put('/terminal-groups/:group/idle', async (c) => {
    const group = check(GroupName, c.req.param('group'), 'group')
    const { idleSeconds } = await readJson(c, GroupIdleBody)
    const ids = visibleTerminals(staffOf(c), await store.listTerminals())
      .filter((t) => t.groups.includes(group))
      .map((t) => t.id)
    if (ids.length === 0) throw new ApiError(404, 'not_found', `no terminal is in group ${group}`)
    const terminals = await store.setIdleSeconds(ids, idleSeconds)
    return c.json({ group, idleSeconds, terminals } satisfies GroupIdleAnswer)
  })

  app.post('/terminals/:id/counter-reset', async (c) => {
    const id = check(TerminalId, c.req.param('id'), 'id')
    const { day } = await readJson(c, CounterResetBody)
    if (!isCalendarDay(day)) throw new ApiError(400, 'validation', 'day: not a calendar day')
    if (!(await store.getTerminal(id))) throw new ApiError(404, 'not_found', `terminal ${id} does not exist`)
    const { username } = staffOf(c)
    const done = await store.counters.resetDay(id, day, username, deps.now().toISOString())
    // This node's cache at once; every node's (this one again, harmlessly) on the notice.
    deps.dailyCounts.forgetDay(day)
    await deps.nodes.publish(NODE_TOPICS.counterReset, day)
    await deps.audit.record(c, 'counter.reset', id, { day, ...done })
    return c.json({ terminalId: id, day, ...done } satisfies AnswerOf<typeof ADMIN_ROUTES.counterReset>)
  })

  /** The terminal named in the path, or 404. */
  const terminalParam = async (raw: string | undefined) => {
    const id = check(TerminalId, raw, 'id')
    const found = await store.getTerminal(id)
    if (!found) throw new ApiError(404, 'not_found', `terminal ${id} does not exist`)
    return found
  }
  /** The terminal as stored after a change. */
  const reread = async (id: string) =>
    adminTerminal((await store.getTerminal(id)) ?? (await terminalParam(id)))

  // Immediate: the next request with its key answers 401 terminal_revoked; a pending enrol code dies with it.
  app.post('/terminals/:id/revoke', async (c) => {
    const { id } = await terminalParam(c.req.param('id'))
    await store.revokeTerminal(id, deps.now().toISOString())
    await deps.audit.record(c, 'terminal.revoke', id)
    return c.json((await reread(id)) satisfies AdminTerminal)
  })

  // A new one-time code; the old key keeps working until the terminal enrols with it, at most ROTATE_GRACE_MS.
  app.post('/terminals/:id/rotate', async (c) => {
    const { id } = await terminalParam(c.req.param('id'))
    const now = deps.now().getTime()
    const enrolCode = newEnrolCode()
    const until = now + ROTATE_GRACE_MS
    await store.rotateTerminalKey(id, hashSecret(enrolCode), until)
    await deps.audit.record(c, 'terminal.rotate', id)
    const after = await store.getTerminal(id)
    return c.json({
      id,
      enrolCode,
      expiresAt: new Date(until).toISOString(),
      oldKeyUntil:
        after?.enrolled && after.tokenExpiresAt !== null
          ? new Date(after.tokenExpiresAt).toISOString()
          : null,
    } satisfies RotatedTerminal)
  })

  // Told at the terminal's next contact (heartbeat answer, or the 401 of a revoked key); it reports back.
  app.post('/terminals/:id/wipe', async (c) => {
    const { id } = await terminalParam(c.req.param('id'))
    await store.orderWipe(id, deps.now().toISOString())
    await deps.audit.record(c, 'terminal.wipe', id)
    return c.json((await reread(id)) satisfies AdminTerminal)
  })

  return app
}
