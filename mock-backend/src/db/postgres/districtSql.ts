/** The district rule of db/districtScope.ts as a fragment of the PostgreSQL driver's tagged SQL. */
import type { Sql, TransactionSql } from 'postgres'
import { type Districts, districtScope } from '../districtScope'

/** `AND district_code IN (…)` for an account's districts, `AND false` for none, nothing for the province. */
export function inDistricts(db: Sql | TransactionSql, districts: Districts, column = 'district_code') {
  const scope = districtScope(districts)
  if (scope.kind === 'province') return db``
  return scope.kind === 'nothing' ? db`AND false` : db`AND ${db(column)} IN ${db(scope.codes)}`
}
