/** SQL of 用手机拍照上传 sessions (migration 24), beside store.ts as `store.phoneUploads` (phoneUploadRows.ts). */
import type Database from 'better-sqlite3'
import type { PhoneClaim, PhoneUploadRow, PhoneUploadStorage } from '../phoneUploadRows'

const COLUMNS =
  'id, district_code AS districtCode, terminal_id AS terminalId, record_key AS recordKey, item_code AS itemCode, ' +
  'expires_at AS expiresAt, phone_key_hash AS phoneKeyHash, ended_at AS endedAt'

/** Upload sessions on SQLite (one process: its statements run one at a time). */
export class PhoneUploadStore implements PhoneUploadStorage {
  private readonly q
  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql)
    this.q = {
      forget: p('DELETE FROM phone_uploads WHERE expires_at < ?'),
      open: p(
        'INSERT INTO phone_uploads (id, district_code, terminal_id, record_key, item_code, expires_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?)',
      ),
      get: p(`SELECT ${COLUMNS} FROM phone_uploads WHERE id = ?`),
      claim: p('UPDATE phone_uploads SET phone_key_hash = ? WHERE id = ? AND phone_key_hash IS NULL'),
      end: p('UPDATE phone_uploads SET ended_at = ? WHERE id = ? AND ended_at IS NULL'),
    }
  }

  async open(row: Omit<PhoneUploadRow, 'phoneKeyHash' | 'endedAt'>, now: number): Promise<void> {
    this.q.forget.run(now)
    this.q.open.run(row.id, row.districtCode, row.terminalId, row.recordKey, row.itemCode, row.expiresAt)
  }

  async get(id: string): Promise<PhoneUploadRow | undefined> {
    return this.q.get.get(id) as PhoneUploadRow | undefined
  }

  async claim(id: string, phoneKeyHash: string): Promise<PhoneClaim> {
    if (this.q.claim.run(phoneKeyHash, id).changes === 1) return 'claimed'
    const row = await this.get(id)
    if (!row) return 'missing'
    return row.phoneKeyHash === phoneKeyHash ? 'same' : 'taken'
  }

  async end(id: string, at: number): Promise<void> {
    this.q.end.run(at, id)
  }
}
