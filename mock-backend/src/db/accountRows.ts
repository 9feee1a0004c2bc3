/** The row types of staff accounts and the audit log, shared by every storage implementation. */
import type { AuditEntry, StaffRole } from '../contract'

/** A staff account as stored. */
export interface StaffUserRow {
  username: string
  role: StaffRole
  passwordHash: string
  scope: string[]
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
  now: string
}

/** An audit entry before it has an id. */
export type NewAuditEntry = Omit<AuditEntry, 'id'>
