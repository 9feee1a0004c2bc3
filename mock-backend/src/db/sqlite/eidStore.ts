/** SQL of 电子身份证 codes used and attempts counted (migration 22), beside store.ts as `store.eid` (eidRows.ts). */
import type Database from 'better-sqlite3'
import type { EidAttemptRow, EidOutcome } from '../../contract/eid'
import { type Districts, districtJsonPredicate } from '../districtScope'
import type { EidStorage } from '../eidRows'

/** Codes used and attempts on SQLite (one process: its statements run one at a time). */
export class EidStore implements EidStorage {
  private readonly q
  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql)
    this.q = {
      forget: p('DELETE FROM eid_codes_used WHERE expires_at < ?'),
      use: p('INSERT INTO eid_codes_used (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING'),
      count: p(
        'INSERT INTO eid_attempts (day, district_code, outcome, count) VALUES (?, ?, ?, 1) ' +
          'ON CONFLICT (day, district_code, outcome) DO UPDATE SET count = count + 1',
      ),
    }
  }

  async useOnce(jti: string, expiresAt: number, now: number): Promise<boolean> {
    this.q.forget.run(now)
    return this.q.use.run(jti, expiresAt).changes === 1
  }

  async countAttempt(day: string, districtCode: string, outcome: EidOutcome): Promise<void> {
    this.q.count.run(day, districtCode, outcome)
  }

  async attempts(from: string, to: string, districts: Districts): Promise<EidAttemptRow[]> {
    const within = districtJsonPredicate(districts)
    return this.db
      .prepare(
        'SELECT day, district_code AS districtCode, outcome, count FROM eid_attempts WHERE day BETWEEN ? AND ?' +
          `${within.sql} ORDER BY day, district_code, outcome`,
      )
      .all(from, to, ...within.params) as EidAttemptRow[]
  }
}
