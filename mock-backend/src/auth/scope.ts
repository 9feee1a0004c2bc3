/**
 * Account scope: the terminal groups a staff account may see (empty = every terminal), used by the province
 * issue to give a county's staff their own county. Enforced today where it is cheap and real: ops' fleet list and
 * its CSV (routes/ops.ts) and the admin terminal list (routes/admin.ts).
 * NOT yet enforced: the daily-count reports and the supervision lists (they aggregate by item and department,
 * and would need a terminal filter in reports/ and cases/), terminal creation and updates, catalog publishing
 * (one catalog serves every group), the fault switches, the audit log, and account management (a scoped admin
 * still manages every account).
 */

/** True when a terminal with these groups is within the scope. */
export function inScope(scope: readonly string[], groups: readonly string[]): boolean {
  return scope.length === 0 || groups.some((g) => scope.includes(g))
}

/** The terminals within the scope, in their order. */
export function withinScope<T extends { groups: readonly string[] }>(
  scope: readonly string[],
  terminals: T[],
): T[] {
  return scope.length === 0 ? terminals : terminals.filter((t) => inScope(scope, t.groups))
}
