/**
 * The audit log: who did what to which target, when and from where. One call per action, from the route that
 * does it: `deps.audit.record(c, 'terminal.revoke', terminalId)`. Entries are kept for good and are not resident
 * data: a target or detail is an account, a terminal, a version, a follow-up id or a keyed hash, never an ID
 * number, name or phone (anything shaped like one is blanked before it is stored, and a test scans the rows).
 */
import type { Context } from 'hono'
import { clientAddress, type ProxyTrust } from '../clientAddress'
import { AUDIT_PAGE_MAX, type AuditAction, type AuditPage } from '../contract'
import type { AuditStorage } from '../db/storage'
import type { AppEnv } from '../deps'

/** Extra facts of an entry: plain values, no resident data. */
export type AuditDetail = Readonly<Record<string, string | number | boolean>>

/** Who acted, when the request's principal does not say (enrolment, the CLI). */
export interface AuditActor {
  kind: 'staff' | 'terminal' | 'cli'
  name: string
  role: string
}

/** The actor of the command line tool (a person at the server with access to DATA_DIR). */
export const CLI_ACTOR: AuditActor = { kind: 'cli', name: 'cli', role: 'cli' }

/** Records and reads audit entries. */
export interface AuditLog {
  /** Records an action of the request's principal, or of `actor` when given (enrolment has no principal yet). */
  record(
    c: Context<AppEnv>,
    action: AuditAction,
    target: string,
    detail?: AuditDetail,
    actor?: AuditActor,
  ): Promise<void>
  /** Records an action done outside HTTP (the CLI), with `address` saying where. */
  recordLocal(
    actor: AuditActor,
    address: string,
    action: AuditAction,
    target: string,
    detail?: AuditDetail,
  ): Promise<void>
  /** A page, newest first. */
  page(query: { before?: number; limit: number; action?: AuditAction }): Promise<AuditPage>
}

/**
 * An ID number (18 characters with its check digit, or the old 15 digits), a mobile number (11 digits from 1),
 * standing alone rather than inside a case number or an id, or a masked name like `李*`.
 */
const RESIDENT_SHAPED = /(?<![A-Za-z0-9])(?:\d{17}[\dXx]|\d{15}|1\d{10})(?![A-Za-z0-9])|[\u3400-\u9fff]\*+/g

/** The text with anything shaped like resident data blanked as `…`. */
export function withoutResidentData(text: string): string {
  return text.replace(RESIDENT_SHAPED, '…')
}

/** The audit log over the database's audit table, on the server's clock. */
export class SqlAuditLog implements AuditLog {
  constructor(
    private readonly store: AuditStorage,
    private readonly now: () => Date,
    private readonly proxyTrust: ProxyTrust,
  ) {}

  async record(
    c: Context<AppEnv>,
    action: AuditAction,
    target: string,
    detail: AuditDetail = {},
    actor?: AuditActor,
  ): Promise<void> {
    const p = c.get('principal')
    const who: AuditActor =
      actor ??
      (p?.kind === 'staff'
        ? { kind: 'staff', name: p.username, role: p.role }
        : p?.kind === 'terminal'
          ? { kind: 'terminal', name: p.terminal.id, role: 'terminal' }
          : { kind: 'staff', name: 'anonymous', role: 'none' })
    await this.recordLocal(who, clientAddress(c, this.proxyTrust), action, target, detail)
  }

  async recordLocal(
    actor: AuditActor,
    address: string,
    action: AuditAction,
    target: string,
    detail: AuditDetail = {},
  ): Promise<void> {
    const clean = Object.fromEntries(
      Object.entries(detail).map(([k, v]) => [k, typeof v === 'string' ? withoutResidentData(v) : v]),
    )
    await this.store.insert({
      at: this.now().toISOString(),
      actorKind: actor.kind,
      actor: actor.name,
      role: actor.role,
      address,
      action,
      target: withoutResidentData(target),
      detail: clean,
    })
  }

  async page(query: { before?: number; limit: number; action?: AuditAction }): Promise<AuditPage> {
    const limit = Math.min(Math.max(1, query.limit), AUDIT_PAGE_MAX)
    const rows = await this.store.page(query.before ?? Number.MAX_SAFE_INTEGER, limit + 1, query.action)
    const entries = rows.slice(0, limit)
    return { entries, next: rows.length > limit ? (entries.at(-1)?.id ?? null) : null }
  }
}
