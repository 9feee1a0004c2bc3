/**
 * SQL for staff accounts and their sessions (migration 9), beside store.ts as `store.staff`. The account rules
 * (last admin, password length, which changes end sessions) live in auth/accounts.ts; this file only stores.
 */
import type Database from 'better-sqlite3'
import type { LiveSession, NewSession } from '../../auth/sessions'
import type { StaffRole } from '../../contract'
import type { AccountEdit, AccountEditOutcome, NewStaffUser, StaffUserRow } from '../accountRows'
import type { StaffStorage } from '../storage'

const USER_COLUMNS =
  'username, role, password_hash AS passwordHash, scope_json AS scopeJson, org_code AS orgCode, ' +
  'disabled_at AS disabledAt, created_at AS createdAt, password_changed_at AS passwordChangedAt'

type RawUser = Omit<StaffUserRow, 'scope'> & { scopeJson: string }
const toUser = ({ scopeJson, ...rest }: RawUser): StaffUserRow => ({
  ...rest,
  scope: JSON.parse(scopeJson) as string[],
})

/** Staff accounts and sessions over SQLite. */
export class StaffStore implements StaffStorage {
  private readonly q
  private readonly editInOne: (edit: AccountEdit) => AccountEditOutcome

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql)
    this.q = {
      get: p(`SELECT ${USER_COLUMNS} FROM staff_users WHERE username = ?`),
      list: p(`SELECT ${USER_COLUMNS} FROM staff_users ORDER BY username`),
      insert: p(
        'INSERT INTO staff_users (username, role, password_hash, created_at, scope_json, org_code) ' +
          'VALUES (?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT(username) DO NOTHING',
      ),
      update: p('UPDATE staff_users SET role = ?, scope_json = ? WHERE username = ?'),
      setOrg: p('UPDATE staff_users SET org_code = ? WHERE username = ?'),
      disable: p('UPDATE staff_users SET disabled_at = ? WHERE username = ?'),
      setPassword: p('UPDATE staff_users SET password_hash = ?, password_changed_at = ? WHERE username = ?'),
      rehash: p('UPDATE staff_users SET password_hash = ? WHERE username = ?'),
      activeAdmins: p("SELECT count(*) AS n FROM staff_users WHERE role = 'admin' AND disabled_at IS NULL"),
      putSession: p(
        'INSERT INTO staff_sessions (token_hash, username, csrf_token, expires_at) VALUES (?, ?, ?, ?)',
      ),
      findSession: p(
        'SELECT s.username, s.csrf_token AS csrfToken, s.expires_at AS expiresAt, u.role, u.scope_json AS scopeJson, ' +
          'u.org_code AS orgCode ' +
          'FROM staff_sessions s JOIN staff_users u ON u.username = s.username ' +
          'WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL',
      ),
      endSession: p('DELETE FROM staff_sessions WHERE token_hash = ?'),
      endSessionsOf: p('DELETE FROM staff_sessions WHERE username = ? AND token_hash IS NOT ?'),
      endExpired: p('DELETE FROM staff_sessions WHERE expires_at <= ?'),
    }
    this.editInOne = db.transaction((edit: AccountEdit): AccountEditOutcome => {
      const raw = this.q.get.get(edit.username) as RawUser | undefined
      if (!raw) return 'missing'
      const decided = edit.decide(toUser(raw), (this.q.activeAdmins.get() as { n: number }).n)
      if (decided === 'last_admin') return decided
      this.q.update.run(decided.role, JSON.stringify(decided.scope), edit.username)
      this.q.setOrg.run(decided.orgCode, edit.username)
      this.q.disable.run(decided.disabledAt, edit.username)
      if (decided.endSessions) this.q.endSessionsOf.run(edit.username, null)
      return 'done'
    })
  }

  async editAccount(edit: AccountEdit): Promise<AccountEditOutcome> {
    return this.editInOne(edit)
  }

  async getUser(username: string): Promise<StaffUserRow | undefined> {
    const row = this.q.get.get(username) as RawUser | undefined
    return row && toUser(row)
  }
  async listUsers(): Promise<StaffUserRow[]> {
    return (this.q.list.all() as RawUser[]).map(toUser)
  }
  /** Inserts a new account; false when the user name is taken. */
  async insertUser(u: NewStaffUser): Promise<boolean> {
    return (
      this.q.insert.run(u.username, u.role, u.passwordHash, u.now, JSON.stringify(u.scope), u.orgCode)
        .changes === 1
    )
  }
  async updateUser(username: string, role: StaffRole, scope: string[]): Promise<void> {
    this.q.update.run(role, JSON.stringify(scope), username)
  }
  /** Disables (with the time) or enables (null) the account. */
  async setDisabled(username: string, disabledAt: string | null): Promise<void> {
    this.q.disable.run(disabledAt, username)
  }
  /** A new password (admin reset, own change, seeded from the environment). */
  async setPassword(username: string, passwordHash: string, now: string): Promise<void> {
    this.q.setPassword.run(passwordHash, now, username)
  }
  /** The same password re-hashed at today's cost: not a change, so nothing else follows from it. */
  async rehashPassword(username: string, passwordHash: string): Promise<void> {
    this.q.rehash.run(passwordHash, username)
  }
  async countActiveAdmins(): Promise<number> {
    return (this.q.activeAdmins.get() as { n: number }).n
  }

  async createSession(tokenHash: string, s: NewSession, now: number): Promise<void> {
    this.q.endExpired.run(now)
    this.q.putSession.run(tokenHash, s.username, s.csrfToken, s.expiresAt)
  }
  async findSession(tokenHash: string, now: number): Promise<LiveSession | undefined> {
    const row = this.q.findSession.get(tokenHash, now) as
      | {
          username: string
          csrfToken: string
          expiresAt: number
          role: StaffRole
          scopeJson: string
          orgCode: string
        }
      | undefined
    if (!row) return undefined
    const { scopeJson, ...rest } = row
    return { ...rest, scope: JSON.parse(scopeJson) as string[] }
  }
  async endSession(tokenHash: string): Promise<void> {
    this.q.endSession.run(tokenHash)
  }
  async endSessionsOf(username: string, keepTokenHash?: string): Promise<number> {
    return this.q.endSessionsOf.run(username, keepTokenHash ?? null).changes
  }
}
