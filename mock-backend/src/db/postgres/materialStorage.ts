/** 申请材料 on PostgreSQL (migrations/0014-materials.sql, 0018-material-licences.sql), as db/sqlite/materialStore.ts. */
import type { Sql } from 'postgres'
import type { MaterialAddOutcome, MaterialRef, MaterialRow, MaterialStorage } from '../materialRows'

/** Materials over one pooled `sql`. */
export class PostgresMaterialStorage implements MaterialStorage {
  constructor(private readonly sql: Sql) {}

  async add(row: MaterialRow, perRecord: number): Promise<MaterialAddOutcome> {
    return this.sql.begin(async (tx): Promise<MaterialAddOutcome> => {
      // One record's materials are counted and added one upload at a time, on every node.
      await tx`SELECT pg_advisory_xact_lock(hashtext(${`material ${row.recordKey}`}))`
      const [found] = await tx`
        SELECT 1 FROM materials WHERE district_code = ${row.districtCode} AND record_key = ${row.recordKey}
          AND content_hash = ${row.contentHash}`
      if (found) return 'replayed'
      const [{ n }] = (await tx`SELECT count(*)::int AS n FROM materials
          WHERE district_code = ${row.districtCode} AND record_key = ${row.recordKey}`) as [{ n: number }]
      if (n >= perRecord) return 'full'
      await tx`
        INSERT INTO materials (district_code, record_key, content_hash, terminal_id, item_code, material, media_type,
          byte_count, received_at, licence)
        VALUES (${row.districtCode}, ${row.recordKey}, ${row.contentHash}, ${row.terminalId}, ${row.itemCode},
          ${row.material}, ${row.mediaType}, ${row.byteCount}, ${row.receivedAt}, ${row.licence})`
      return 'stored'
    })
  }
  async find(ref: MaterialRef): Promise<MaterialRow | undefined> {
    const [row] = await this.sql<MaterialRow[]>`
      SELECT district_code, record_key, content_hash, terminal_id, item_code, material, media_type, byte_count,
        received_at, licence
      FROM materials WHERE district_code = ${ref.districtCode} AND record_key = ${ref.recordKey}
        AND content_hash = ${ref.contentHash}`
    return row
  }
  async forRecord(recordKey: string): Promise<MaterialRow[]> {
    return this.sql<MaterialRow[]>`
      SELECT district_code, record_key, content_hash, terminal_id, item_code, material, media_type, byte_count,
        received_at, licence
      FROM materials WHERE record_key = ${recordKey} ORDER BY received_at, content_hash`
  }
  async purgeable(caseCutoff: string, orphanCutoff: string): Promise<MaterialRef[]> {
    return this.sql<MaterialRef[]>`
      SELECT m.district_code, m.record_key, m.content_hash
      FROM materials m
        LEFT JOIN cases c ON c.district_code = m.district_code AND c.transaction_key = m.record_key
        LEFT JOIN transactions t ON t.district_code = m.district_code AND t.key = m.record_key
      WHERE (c.transaction_key IS NOT NULL AND c.finished_at < ${caseCutoff})
        OR (c.transaction_key IS NULL AND t.key IS NOT NULL AND t.received_at < ${caseCutoff})
        OR (t.key IS NULL AND c.transaction_key IS NULL AND m.received_at < ${orphanCutoff})
      ORDER BY m.received_at`
  }
  async remove(refs: readonly MaterialRef[]): Promise<number> {
    if (refs.length === 0) return 0
    return this.sql.begin(async (tx) => {
      let removed = 0
      for (const r of refs) {
        const gone = await tx`
          DELETE FROM materials WHERE district_code = ${r.districtCode} AND record_key = ${r.recordKey}
            AND content_hash = ${r.contentHash}`
        await tx`
          DELETE FROM material_bytes WHERE district_code = ${r.districtCode} AND record_key = ${r.recordKey}
            AND content_hash = ${r.contentHash}`
        removed += gone.count
      }
      return removed
    })
  }
  async putBytes(ref: MaterialRef, sealed: Uint8Array): Promise<void> {
    await this.sql`
      INSERT INTO material_bytes (district_code, record_key, content_hash, sealed)
      VALUES (${ref.districtCode}, ${ref.recordKey}, ${ref.contentHash}, ${Buffer.from(sealed)})
      ON CONFLICT (district_code, record_key, content_hash) DO UPDATE SET sealed = excluded.sealed`
  }
  async getBytes(ref: MaterialRef): Promise<Buffer | undefined> {
    const [row] = await this.sql<{ sealed: Buffer }[]>`
      SELECT sealed FROM material_bytes WHERE district_code = ${ref.districtCode} AND record_key = ${ref.recordKey}
        AND content_hash = ${ref.contentHash}`
    return row?.sealed
  }
  async deleteBytes(ref: MaterialRef): Promise<void> {
    await this.sql`
      DELETE FROM material_bytes WHERE district_code = ${ref.districtCode} AND record_key = ${ref.recordKey}
        AND content_hash = ${ref.contentHash}`
  }
}
