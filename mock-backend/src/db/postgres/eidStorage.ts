/**
 * 电子身份证 codes used and attempts counted on PostgreSQL (migrations/0015-eid-codes.sql): the token id's insert is
 * the one check, so two nodes shown the same code at once cannot both accept it (the primary key decides).
 */
import type { Sql } from 'postgres'
import type { EidAttemptRow, EidOutcome } from '../../contract/eid'
import type { Districts } from '../districtScope'
import type { EidStorage } from '../eidRows'
import { inDistricts } from './districtSql'

/** Codes used and attempts, shared by every node on the database. */
export class PostgresEidStorage implements EidStorage {
  constructor(private readonly sql: Sql) {}

  async useOnce(jti: string, expiresAt: number, now: number): Promise<boolean> {
    await this.sql`DELETE FROM eid_codes_used WHERE expires_at < ${now}`
    const rows = await this.sql`
      INSERT INTO eid_codes_used (jti, expires_at) VALUES (${jti}, ${expiresAt})
      ON CONFLICT (jti) DO NOTHING RETURNING jti`
    return rows.length === 1
  }

  async countAttempt(day: string, districtCode: string, outcome: EidOutcome): Promise<void> {
    await this.sql`
      INSERT INTO eid_attempts (day, district_code, outcome, count) VALUES (${day}, ${districtCode}, ${outcome}, 1)
      ON CONFLICT (day, district_code, outcome) DO UPDATE SET count = eid_attempts.count + 1`
  }

  async attempts(from: string, to: string, districts: Districts): Promise<EidAttemptRow[]> {
    const rows = await this.sql<{ day: string; districtCode: string; outcome: EidOutcome; count: string }[]>`
      SELECT day, district_code AS "districtCode", outcome, count FROM eid_attempts
      WHERE day BETWEEN ${from} AND ${to} ${inDistricts(this.sql, districts)} ORDER BY day, district_code, outcome`
    return rows.map((r) => ({ ...r, count: Number(r.count) }))
  }
}
