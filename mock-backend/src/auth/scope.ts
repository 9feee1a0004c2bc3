/**
 * What a staff account may see. Two rules, both read from the account on every request:
 * - its division (`orgCode`, contract/divisions.ts): the province, a city or a district. Terminals, their fleet
 *   health, the daily counts and the supervision of cases (预警, 黄牌, 好差评, follow-ups) are limited to the
 *   districts within it: one district predicate, `reportDistricts` below, which every such store read takes (a
 *   follow-up or terminal of another district answers 404, as one that does not exist). The province-wide
 *   functions — the catalog, the organisation tree, accounts, the audit log, fault switches — answer 403
 *   `province_only` to an account below the province. A district's own catalog additions and withdrawals answer
 *   only an account of that district (`requireDistrict`; 403 `district_only` above it).
 * - its terminal groups (`scope`; empty = every group), used for a village's terminals inside a division:
 *   ops' fleet list and its CSV and the admin terminal list.
 */
import type { MiddlewareHandler } from 'hono'
import { type Division, isTerminalDivision, PROVINCE_CODE, withinDivision } from '../contract/divisions'
import type { AppEnv, StaffPrincipal } from '../deps'
import { ApiError } from '../http/errors'
import { staffOf } from './middleware'

/** The part of an account the rules read. */
type Viewer = Pick<StaffPrincipal, 'scope' | 'orgCode'>

/** True when a terminal with these groups is within the group scope. */
export function inScope(scope: readonly string[], groups: readonly string[]): boolean {
  return scope.length === 0 || groups.some((g) => scope.includes(g))
}

/** True when the account may see this terminal: in its division, and in its groups. */
export function seesTerminal(
  viewer: Viewer,
  t: { groups: readonly string[]; districtCode: string },
): boolean {
  return withinDivision(viewer.orgCode, t.districtCode) && inScope(viewer.scope, t.groups)
}

/** The terminals the account may see, in their order. */
export function visibleTerminals<T extends { groups: readonly string[]; districtCode: string }>(
  viewer: Viewer,
  terminals: T[],
): T[] {
  return terminals.filter((t) => seesTerminal(viewer, t))
}

/**
 * The districts of the tree an account's reports and supervision cover; undefined for the province (every
 * district), which reads no division at all (the province's reports are the hot path).
 */
export async function reportDistricts(
  orgCode: string,
  divisions: () => Promise<readonly Division[]>,
): Promise<string[] | undefined> {
  if (orgCode === PROVINCE_CODE) return undefined
  return (await divisions())
    .filter((d) => isTerminalDivision(d.code) && withinDivision(orgCode, d.code))
    .map((d) => d.code)
}

/**
 * 403 `district_only` unless the account serves one district (or a city without districts, whose terminals stand
 * in it): the division a district catalog overlay belongs to is the account's own, so it can touch no other.
 */
export function requireDistrict(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isTerminalDivision(staffOf(c).orgCode))
      throw new ApiError(
        403,
        'district_only',
        'only an account of a district may publish its additions and withdrawals; the province publishes the province catalog',
      )
    await next()
  }
}

/** 403 `province_only` unless the account serves the whole province. */
export function requireProvince(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (staffOf(c).orgCode !== PROVINCE_CODE)
      throw new ApiError(403, 'province_only', 'only an account of the whole province may use this route')
    await next()
  }
}
