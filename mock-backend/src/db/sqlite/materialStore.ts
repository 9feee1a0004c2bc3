/** SQL of 申请材料 (migrations 21 and 25), beside store.ts as `store.materials`; MaterialStorage as the PostgreSQL one. */
import type Database from 'better-sqlite3'
import type { MaterialAddOutcome, MaterialRef, MaterialRow, MaterialStorage } from '../materialRows'

const COLUMNS =
  'district_code AS districtCode, record_key AS recordKey, content_hash AS contentHash, terminal_id AS terminalId, ' +
  'item_code AS itemCode, material, media_type AS mediaType, byte_count AS byteCount, received_at AS receivedAt, licence'
const REF = 'district_code = @districtCode AND record_key = @recordKey AND content_hash = @contentHash'
const refOf = ({ districtCode, recordKey, contentHash }: MaterialRef): MaterialRef => ({
  districtCode,
  recordKey,
  contentHash,
})

/** Materials on SQLite. */
export class MaterialStore implements MaterialStorage {
  private readonly q
  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql)
    this.q = {
      find: p(`SELECT ${COLUMNS} FROM materials WHERE ${REF}`),
      count: p('SELECT count(*) AS n FROM materials WHERE record_key = ?'),
      insert: p(
        'INSERT INTO materials (district_code, record_key, content_hash, terminal_id, item_code, material, media_type, ' +
          'byte_count, received_at, licence) VALUES (@districtCode, @recordKey, @contentHash, @terminalId, @itemCode, ' +
          '@material, @mediaType, @byteCount, @receivedAt, @licence) ON CONFLICT DO NOTHING',
      ),
      forRecord: p(
        `SELECT ${COLUMNS} FROM materials WHERE record_key = ? ORDER BY received_at, content_hash`,
      ),
      purgeable: p(
        'SELECT m.district_code AS districtCode, m.record_key AS recordKey, m.content_hash AS contentHash ' +
          'FROM materials m LEFT JOIN cases c ON c.transaction_key = m.record_key ' +
          'LEFT JOIN transactions t ON t.key = m.record_key ' +
          'WHERE (c.transaction_key IS NOT NULL AND c.finished_at < @caseCutoff) ' +
          'OR (c.transaction_key IS NULL AND t.key IS NOT NULL AND t.received_at < @caseCutoff) ' +
          'OR (t.key IS NULL AND c.transaction_key IS NULL AND m.received_at < @orphanCutoff) ORDER BY m.received_at',
      ),
      remove: p(`DELETE FROM materials WHERE ${REF}`),
      putBytes: p(
        'INSERT INTO material_bytes (district_code, record_key, content_hash, sealed) ' +
          'VALUES (@districtCode, @recordKey, @contentHash, @sealed) ' +
          'ON CONFLICT (district_code, record_key, content_hash) DO UPDATE SET sealed = excluded.sealed',
      ),
      getBytes: p(`SELECT sealed FROM material_bytes WHERE ${REF}`),
      deleteBytes: p(`DELETE FROM material_bytes WHERE ${REF}`),
    }
  }

  async add(row: MaterialRow, perRecord: number): Promise<MaterialAddOutcome> {
    return this.db.transaction((): MaterialAddOutcome => {
      if (this.q.find.get(refOf(row))) return 'replayed'
      if ((this.q.count.get(row.recordKey) as { n: number }).n >= perRecord) return 'full'
      this.q.insert.run(row)
      return 'stored'
    })()
  }
  async find(ref: MaterialRef): Promise<MaterialRow | undefined> {
    return this.q.find.get(refOf(ref)) as MaterialRow | undefined
  }
  async forRecord(recordKey: string): Promise<MaterialRow[]> {
    return this.q.forRecord.all(recordKey) as MaterialRow[]
  }
  async purgeable(caseCutoff: string, orphanCutoff: string): Promise<MaterialRef[]> {
    return this.q.purgeable.all({ caseCutoff, orphanCutoff }) as MaterialRef[]
  }
  async remove(refs: readonly MaterialRef[]): Promise<number> {
    return this.db.transaction(() => {
      let removed = 0
      for (const ref of refs) {
        removed += this.q.remove.run(refOf(ref)).changes
        this.q.deleteBytes.run(refOf(ref))
      }
      return removed
    })()
  }
  async putBytes(ref: MaterialRef, sealed: Uint8Array): Promise<void> {
    this.q.putBytes.run({ ...refOf(ref), sealed: Buffer.from(sealed) })
  }
  async getBytes(ref: MaterialRef): Promise<Buffer | undefined> {
    return (this.q.getBytes.get(refOf(ref)) as { sealed: Buffer } | undefined)?.sealed
  }
  async deleteBytes(ref: MaterialRef): Promise<void> {
    this.q.deleteBytes.run(refOf(ref))
  }
}
