/**
 * 用手机拍照上传 sessions on PostgreSQL (migrations/0017-phone-uploads.sql): the claim is one conditional UPDATE,
 * so two phones opening the same code on two nodes at once cannot both get it.
 */
import type { Sql } from 'postgres'
import type { PhoneClaim, PhoneUploadRow, PhoneUploadStorage } from '../phoneUploadRows'

/** Upload sessions, shared by every node on the database. */
export class PostgresPhoneUploadStorage implements PhoneUploadStorage {
  constructor(private readonly sql: Sql) {}

  async open(row: Omit<PhoneUploadRow, 'phoneKeyHash' | 'endedAt'>, now: number): Promise<void> {
    await this.sql`DELETE FROM phone_uploads WHERE expires_at < ${now}`
    await this.sql`
      INSERT INTO phone_uploads (id, district_code, terminal_id, record_key, item_code, expires_at)
      VALUES (${row.id}, ${row.districtCode}, ${row.terminalId}, ${row.recordKey}, ${row.itemCode}, ${row.expiresAt})`
  }

  async get(id: string): Promise<PhoneUploadRow | undefined> {
    const [row] = await this.sql<
      (Omit<PhoneUploadRow, 'expiresAt' | 'endedAt'> & { expiresAt: string; endedAt: string | null })[]
    >`
      SELECT id, district_code AS "districtCode", terminal_id AS "terminalId", record_key AS "recordKey",
        item_code AS "itemCode", expires_at AS "expiresAt", phone_key_hash AS "phoneKeyHash", ended_at AS "endedAt"
      FROM phone_uploads WHERE id = ${id}`
    return (
      row && {
        ...row,
        expiresAt: Number(row.expiresAt),
        endedAt: row.endedAt === null ? null : Number(row.endedAt),
      }
    )
  }

  async claim(id: string, phoneKeyHash: string): Promise<PhoneClaim> {
    const claimed = await this.sql`
      UPDATE phone_uploads SET phone_key_hash = ${phoneKeyHash} WHERE id = ${id} AND phone_key_hash IS NULL
      RETURNING id`
    if (claimed.length === 1) return 'claimed'
    const row = await this.get(id)
    if (!row) return 'missing'
    return row.phoneKeyHash === phoneKeyHash ? 'same' : 'taken'
  }

  async end(id: string, at: number): Promise<void> {
    await this.sql`UPDATE phone_uploads SET ended_at = ${at} WHERE id = ${id} AND ended_at IS NULL`
  }
}
