/**
 * The district rule of a read, stated once for every store and dialect: which districts' rows it may see.
 * undefined is the province (every district, no predicate); an empty list is nothing at all (an account whose
 * division holds no district yet); otherwise exactly these districts. The renderers below and
 * postgres/districtSql.ts only spell `districtScope`'s answer in their dialect.
 */

/** The districts a read covers (auth/scope.ts reportDistricts): undefined for the province. */
export type Districts = readonly string[] | undefined

/** What a read's districts mean: the whole province, nothing, or these districts. */
export type DistrictScope =
  | { kind: 'province' }
  | { kind: 'nothing' }
  | { kind: 'within'; codes: readonly string[] }

/** The rule: undefined = the province, [] = nothing, else within the listed districts. */
export function districtScope(districts: Districts): DistrictScope {
  if (districts === undefined) return { kind: 'province' }
  return districts.length === 0 ? { kind: 'nothing' } : { kind: 'within', codes: districts }
}

/** A predicate appended after a WHERE clause, with its `?` parameters in order. */
export interface PredicateSql {
  sql: string
  params: string[]
}

/** `AND district_code IN (?, …)` with one `?` per district (report SQL, which the PostgreSQL store translates). */
export function districtPredicate(districts: Districts): PredicateSql {
  const scope = districtScope(districts)
  if (scope.kind === 'province') return { sql: '', params: [] }
  if (scope.kind === 'nothing') return { sql: ' AND 1 = 0', params: [] }
  return { sql: ` AND district_code IN (${scope.codes.map(() => '?').join(', ')})`, params: [...scope.codes] }
}

/**
 * The same predicate on SQLite with the districts as one JSON array parameter, so a list of any length is one
 * prepared statement.
 */
export function districtJsonPredicate(districts: Districts, column = 'district_code'): PredicateSql {
  const scope = districtScope(districts)
  if (scope.kind === 'province') return { sql: '', params: [] }
  if (scope.kind === 'nothing') return { sql: ' AND 1 = 0', params: [] }
  return {
    sql: ` AND ${column} IN (SELECT value FROM json_each(?))`,
    params: [JSON.stringify(scope.codes)],
  }
}
