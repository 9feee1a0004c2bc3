/**
 * /api/admin/accounts: admins list, create, change (role, scope, disabled) and reset staff accounts. The rules
 * (last admin, sessions ending) are in auth/accounts.ts, shared with the CLI; every change is audited.
 */

import { Hono } from 'hono'
import { z } from 'zod'
import { OrgCode, Role, Scope, Username } from '../auth/accountFields'
import { requireRole, staffOf } from '../auth/middleware'
import { requireProvince } from '../auth/scope'
import { type AccountPasswordAnswer, PROVINCE_CODE, type StaffAccount } from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { check, readJson } from '../http/validate'

const NewAccount = z
  .object({
    username: Username,
    role: Role,
    scope: Scope.default([]),
    orgCode: OrgCode.default(PROVINCE_CODE),
  })
  .strict()
const AccountUpdate = z
  .object({
    role: Role.optional(),
    scope: Scope.optional(),
    orgCode: OrgCode.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'give role, scope, orgCode or disabled')

/** Account routes (role admin). */
export function accountRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireRole('admin'), requireProvince())

  /** 400 naming the code unless the organisation tree holds it. */
  const knownDivision = async (code: string | undefined): Promise<void> => {
    if (code !== undefined && !(await deps.store.division(code)))
      throw new ApiError(
        400,
        'unknown_division',
        `orgCode ${code} is not a division of the organisation tree`,
      )
  }

  app.get('/', async (c) => c.json((await deps.accounts.list()) satisfies StaffAccount[]))

  app.post('/', async (c) => {
    const body = await readJson(c, NewAccount)
    await knownDivision(body.orgCode)
    const created = await deps.accounts.create(body.username, body.role, body.scope, body.orgCode)
    await deps.audit.record(c, 'account.create', body.username, {
      role: body.role,
      scope: body.scope.join(','),
      orgCode: body.orgCode,
    })
    return c.json(created satisfies AccountPasswordAnswer, 201)
  })

  app.put('/:username', async (c) => {
    const username = check(Username, c.req.param('username'), 'username')
    const change = await readJson(c, AccountUpdate)
    await knownDivision(change.orgCode)
    const before = await deps.accounts.get(username)
    const account = await deps.accounts.update(username, change)
    if (change.disabled !== undefined && change.disabled !== (before.disabledAt !== null))
      await deps.audit.record(c, change.disabled ? 'account.disable' : 'account.enable', username)
    if (change.role !== undefined || change.scope !== undefined || change.orgCode !== undefined)
      await deps.audit.record(c, 'account.update', username, {
        role: account.role,
        scope: account.scope.join(','),
        orgCode: account.orgCode,
        ...(change.role !== undefined && change.role !== before.role ? { previousRole: before.role } : {}),
      })
    return c.json(account satisfies StaffAccount)
  })

  app.post('/:username/reset-password', async (c) => {
    const username = check(Username, c.req.param('username'), 'username')
    const staff = staffOf(c)
    // An admin resetting their own password keeps the session they did it from.
    const reset = await deps.accounts.resetPassword(
      username,
      username === staff.username ? staff.tokenHash : undefined,
    )
    await deps.audit.record(c, 'account.reset', username)
    return c.json(reset satisfies AccountPasswordAnswer)
  })

  return app
}
