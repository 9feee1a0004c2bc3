/** Staff accounts and their sessions on PostgreSQL (the account rules live in auth/accounts.ts; this only stores). */
import type { Sql } from 'postgres'
import type { LiveSession, NewSession } from '../../auth/sessions'
import type { StaffRole } from '../../contract'
import type { AccountEdit, AccountEditOutcome, NewStaffUser, StaffUserRow } from '../accountRows'
import type { StaffStorage } from '../storage'

/** The advisory lock account edits take turns on (arbitrary but fixed: sha256('kiosk-staff-admins'), 8 hex digits). */
const ADMINS_LOCK = 0x5b1d2e07

type RawUser = Omit<StaffUserRow, 'scope'> & { scopeJson: string }
const toUser = ({ scopeJson, ...rest }: RawUser): StaffUserRow => ({
  ...rest,
  scope: JSON.parse(scopeJson) as string[],
})

/** Staff accounts and sessions over one pooled `sql`. */
export class PostgresStaffStorage implements StaffStorage {
  constructor(private readonly sql: Sql) {}

  private users(where: ReturnType<Sql>) {
    return this.sql<RawUser[]>`
      SELECT username, role, password_hash, scope_json, org_code, disabled_at, created_at, password_changed_at
      FROM staff_users ${where} ORDER BY username`
  }

  async getUser(username: string): Promise<StaffUserRow | undefined> {
    const [row] = await this.users(this.sql`WHERE username = ${username}`)
    return row && toUser(row)
  }
  async listUsers(): Promise<StaffUserRow[]> {
    return (await this.users(this.sql``)).map(toUser)
  }
  async insertUser(u: NewStaffUser): Promise<boolean> {
    const result = await this.sql`
      INSERT INTO staff_users (username, role, password_hash, created_at, scope_json, org_code)
      VALUES (${u.username}, ${u.role}, ${u.passwordHash}, ${u.now}, ${JSON.stringify(u.scope)}, ${u.orgCode})
      ON CONFLICT (username) DO NOTHING`
    return result.count === 1
  }
  async updateUser(username: string, role: StaffRole, scope: string[]): Promise<void> {
    await this
      .sql`UPDATE staff_users SET role = ${role}, scope_json = ${JSON.stringify(scope)} WHERE username = ${username}`
  }
  async setDisabled(username: string, disabledAt: string | null): Promise<void> {
    await this.sql`UPDATE staff_users SET disabled_at = ${disabledAt} WHERE username = ${username}`
  }
  async setPassword(username: string, passwordHash: string, now: string): Promise<void> {
    await this.sql`
      UPDATE staff_users SET password_hash = ${passwordHash}, password_changed_at = ${now} WHERE username = ${username}`
  }
  async rehashPassword(username: string, passwordHash: string): Promise<void> {
    await this.sql`UPDATE staff_users SET password_hash = ${passwordHash} WHERE username = ${username}`
  }
  async countActiveAdmins(): Promise<number> {
    const [row] = await this.sql<{ n: number }[]>`
      SELECT count(*) AS n FROM staff_users WHERE role = 'admin' AND disabled_at IS NULL`
    return row!.n
  }

  /** Under ADMINS_LOCK: every edit that could change the active admins takes turns, on any node. */
  editAccount(edit: AccountEdit): Promise<AccountEditOutcome> {
    return this.sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${ADMINS_LOCK})`
      const [raw] = await tx<RawUser[]>`
        SELECT username, role, password_hash, scope_json, org_code, disabled_at, created_at, password_changed_at
        FROM staff_users WHERE username = ${edit.username}`
      if (!raw) return 'missing'
      const [count] = await tx<{ n: number }[]>`
        SELECT count(*) AS n FROM staff_users WHERE role = 'admin' AND disabled_at IS NULL`
      const decided = edit.decide(toUser(raw), count!.n)
      if (decided === 'last_admin') return decided
      await tx`
        UPDATE staff_users SET role = ${decided.role}, scope_json = ${JSON.stringify(decided.scope)},
          org_code = ${decided.orgCode}, disabled_at = ${decided.disabledAt} WHERE username = ${edit.username}`
      if (decided.endSessions) await tx`DELETE FROM staff_sessions WHERE username = ${edit.username}`
      return 'done' as const
    })
  }

  async createSession(tokenHash: string, s: NewSession, now: number): Promise<void> {
    await this.sql.begin(async (tx) => {
      await tx`DELETE FROM staff_sessions WHERE expires_at <= ${now}`
      await tx`
        INSERT INTO staff_sessions (token_hash, username, csrf_token, expires_at)
        VALUES (${tokenHash}, ${s.username}, ${s.csrfToken}, ${s.expiresAt})`
    })
  }
  async findSession(tokenHash: string, now: number): Promise<LiveSession | undefined> {
    const [row] = await this.sql<(NewSession & { role: StaffRole; scopeJson: string; orgCode: string })[]>`
      SELECT s.username, s.csrf_token, s.expires_at, u.role, u.scope_json, u.org_code
      FROM staff_sessions s JOIN staff_users u ON u.username = s.username
      WHERE s.token_hash = ${tokenHash} AND s.expires_at > ${now} AND u.disabled_at IS NULL`
    if (!row) return undefined
    const { scopeJson, ...rest } = row
    return { ...rest, scope: JSON.parse(scopeJson) as string[] }
  }
  async endSession(tokenHash: string): Promise<void> {
    await this.sql`DELETE FROM staff_sessions WHERE token_hash = ${tokenHash}`
  }
  async endSessionsOf(username: string, keepTokenHash?: string): Promise<number> {
    const result = await this.sql`
      DELETE FROM staff_sessions WHERE username = ${username} AND token_hash IS DISTINCT FROM ${keepTokenHash ?? null}`
    return result.count
  }
}
