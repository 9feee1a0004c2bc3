/**
 * The rules of staff accounts, used by the admin API (routes/accounts.ts) and the CLI (staffCli.ts) alike:
 * - there is always one active admin: the last one cannot be disabled or given another role;
 * - disabling an account ends its sessions at once; a role, scope or division change applies to live sessions at once
 *   (sessions read them from the account, auth/sessions.ts);
 * - a new or reset password is generated here and shown once; a password change or reset ends the user's other
 *   sessions; the hash upgrade at login goes through `rehash` and ends nothing.
 */
import { MIN_PASSWORD_LENGTH, PROVINCE_CODE, type StaffAccount, type StaffRole } from '../contract'
import type { StaffUserRow } from '../db/accountRows'
import type { StaffStorage } from '../db/storage'
import { ApiError } from '../http/errors'
import { generatePassword, hashPassword } from './passwords'

/** A change to an account. */
export interface AccountChange {
  role?: StaffRole
  scope?: string[]
  /** The division served: PROVINCE_CODE, a city or a district. */
  orgCode?: string
  disabled?: boolean
}

/** The account as admins see it. */
export function accountView(u: StaffUserRow): StaffAccount {
  return {
    username: u.username,
    role: u.role,
    scope: u.scope,
    orgCode: u.orgCode,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
    passwordChangedAt: u.passwordChangedAt,
  }
}

/** 400 `password_too_short` unless the password is long enough. */
export function checkPasswordLength(password: string): void {
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH)
    throw new ApiError(
      400,
      'password_too_short',
      `newPassword: at least ${MIN_PASSWORD_LENGTH} characters (got ${length})`,
    )
}

/** Account operations over the staff store, on a given clock. */
export class StaffAccounts {
  constructor(
    private readonly staff: StaffStorage,
    private readonly now: () => Date,
  ) {}

  async list(): Promise<StaffAccount[]> {
    return (await this.staff.listUsers()).map(accountView)
  }

  /** The account, or 404 `account_not_found`. */
  async get(username: string): Promise<StaffUserRow> {
    const user = await this.staff.getUser(username)
    if (!user) throw new ApiError(404, 'account_not_found', `no account ${username}`)
    return user
  }

  /** Creates an enabled account with a generated password; 409 `account_exists` when the name is taken. */
  async create(
    username: string,
    role: StaffRole,
    scope: string[],
    orgCode: string = PROVINCE_CODE,
  ): Promise<{ account: StaffAccount; password: string }> {
    const password = generatePassword()
    const inserted = await this.staff.insertUser({
      username,
      role,
      scope,
      orgCode,
      passwordHash: await hashPassword(password),
      now: this.now().toISOString(),
    })
    if (!inserted) throw new ApiError(409, 'account_exists', `an account ${username} already exists`)
    return { account: accountView(await this.get(username)), password }
  }

  /**
   * Changes role, scope or the disabled flag. 409 `last_admin` when it would leave no active admin. Disabling
   * ends the account's sessions.
   */
  async update(username: string, change: AccountChange): Promise<StaffAccount> {
    const now = this.now().toISOString()
    // The rule runs inside the storage unit, on the account and admin count read there (several nodes).
    const outcome = await this.staff.editAccount({
      username,
      decide: (user, activeAdmins) => {
        const activeAdmin = user.role === 'admin' && user.disabledAt === null
        const staysActiveAdmin =
          (change.role ?? user.role) === 'admin' && !(change.disabled ?? user.disabledAt !== null)
        if (activeAdmin && !staysActiveAdmin && activeAdmins <= 1) return 'last_admin'
        const disabling = change.disabled === true && user.disabledAt === null
        return {
          role: change.role ?? user.role,
          scope: change.scope ?? user.scope,
          orgCode: change.orgCode ?? user.orgCode,
          disabledAt: change.disabled === false ? null : disabling ? now : user.disabledAt,
          // Disabling ends the account's sessions.
          endSessions: disabling,
        }
      },
    })
    if (outcome === 'missing') await this.get(username)
    if (outcome === 'last_admin')
      throw new ApiError(
        409,
        'last_admin',
        `${username} is the last active admin: enable or create another admin first`,
      )
    return accountView(await this.get(username))
  }

  /** Sets a generated password and ends the user's sessions but `keepTokenHash` (an admin resetting their own). */
  async resetPassword(
    username: string,
    keepTokenHash?: string,
  ): Promise<{ account: StaffAccount; password: string }> {
    await this.get(username)
    const password = generatePassword()
    await this.setPassword(username, password, keepTokenHash)
    return { account: accountView(await this.get(username)), password }
  }

  /** Stores a new password and ends the user's other sessions; answers how many ended. */
  async setPassword(username: string, password: string, keepTokenHash?: string): Promise<number> {
    checkPasswordLength(password)
    await this.staff.setPassword(username, await hashPassword(password), this.now().toISOString())
    return this.staff.endSessionsOf(username, keepTokenHash)
  }
}
