/**
 * SQL of the audit log (migration 9), beside store.ts as `store.audit`. Rows are kept for good (they are not
 * resident data, so retention does not purge them); audit/auditLog.ts makes sure none carries any.
 */
import type Database from 'better-sqlite3'
import type { AuditAction, AuditEntry } from '../../contract'
import type { NewAuditEntry } from '../accountRows'
import type { AuditStorage } from '../storage'

const COLUMNS =
  'id, at, actor_kind AS actorKind, actor, role, address, action, target, detail_json AS detailJson'

/** Appends and pages audit rows. */
export class AuditStore implements AuditStorage {
  private readonly q
  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql)
    this.q = {
      insert: p(
        'INSERT INTO audit_log (at, actor_kind, actor, role, address, action, target, detail_json) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      page: p(
        `SELECT ${COLUMNS} FROM audit_log WHERE id < ? AND (? IS NULL OR action = ?) ORDER BY id DESC LIMIT ?`,
      ),
    }
  }

  async insert(e: NewAuditEntry): Promise<void> {
    this.q.insert.run(
      e.at,
      e.actorKind,
      e.actor,
      e.role,
      e.address,
      e.action,
      e.target,
      JSON.stringify(e.detail),
    )
  }

  /** Newest first, ids below `before`, optionally one action only. */
  async page(before: number, limit: number, action: AuditAction | undefined): Promise<AuditEntry[]> {
    const rows = this.q.page.all(before, action ?? null, action ?? null, limit) as (Omit<
      AuditEntry,
      'detail'
    > & {
      detailJson: string
    })[]
    return rows.map(({ detailJson, ...rest }) => ({ ...rest, detail: JSON.parse(detailJson) }))
  }
}
