/** The row types of staff accounts and the audit log, shared by every storage implementation. */
import type { AuditEntry, StaffRole } from '../contract'

/** A staff account as stored. */
export interface StaffUserRow {
  username: string
  role: StaffRole
  passwordHash: string
  scope: string[]
  /** The division the account serves (contract/divisions.ts): the province, a city or a district. */
  orgCode: string
  disabledAt: string | null
  createdAt: string
  passwordChangedAt: string | null
}

/** What creating a staff account writes. */
export interface NewStaffUser {
  username: string
  role: StaffRole
  passwordHash: string
  scope: string[]
  orgCode: string
  now: string
}

/** An audit entry before it has an id. */
export type NewAuditEntry = Omit<AuditEntry, 'id'>

/** What an account edit writes: the account's new role, scope and disabled time, and whether its sessions end. */
export interface AccountWrite {
  role: StaffRole
  scope: string[]
  orgCode: string
  disabledAt: string | null
  endSessions: boolean
}

/**
 * One account edit as a unit of work (`StaffStorage.editAccount`): `decide` is the pure account rule
 * (auth/accounts.ts), given the stored account and the number of active admins read in the same unit, so no
 * other node's edit can come between the check and the write.
 */
export interface AccountEdit {
  username: string
  decide(before: StaffUserRow, activeAdmins: number): AccountWrite | 'last_admin'
}

/** How an account edit ended. */
export type AccountEditOutcome = 'done' | 'missing' | 'last_admin'
