/** The audit log on PostgreSQL: append and page (rows are kept for good; they carry no resident data). */
import type { Sql } from 'postgres'
import type { AuditAction, AuditEntry } from '../../contract'
import type { NewAuditEntry } from '../accountRows'
import type { AuditStorage } from '../storage'

/** Appends and pages audit rows over one pooled `sql`. */
export class PostgresAuditStorage implements AuditStorage {
  constructor(private readonly sql: Sql) {}

  async insert(e: NewAuditEntry): Promise<void> {
    await this.sql`
      INSERT INTO audit_log (at, actor_kind, actor, role, address, action, target, detail_json)
      VALUES (${e.at}, ${e.actorKind}, ${e.actor}, ${e.role}, ${e.address}, ${e.action}, ${e.target},
        ${JSON.stringify(e.detail)})`
  }

  async page(before: number, limit: number, action: AuditAction | undefined): Promise<AuditEntry[]> {
    const rows = await this.sql<(Omit<AuditEntry, 'detail'> & { detailJson: string })[]>`
      SELECT id, at, actor_kind, actor, role, address, action, target, detail_json FROM audit_log
      WHERE id < ${before} ${action === undefined ? this.sql`` : this.sql`AND action = ${action}`}
      ORDER BY id DESC LIMIT ${limit}`
    return rows.map(({ detailJson, ...rest }) => ({ ...rest, detail: JSON.parse(detailJson) }))
  }
}
