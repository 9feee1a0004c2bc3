/** The fields of a staff account as typed by an admin, checked the same way by the API and the CLI. */
import { z } from 'zod'
import { ServiceItem } from '../../../services-catalog/src/schema'
import { isDivisionCode, STAFF_ROLES } from '../contract'

/** A user name: 2–32 lower-case letters, digits, `.`, `_` or `-`, starting with a letter. */
export const Username = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{1,31}$/, 'username must be 2–32 of a-z 0-9 . _ -, starting with a letter')
/** A scope: terminal groups, named as terminals name them; empty means every terminal. */
export const Scope = ServiceItem.shape.groups.unwrap()
/** The division an account serves: a six-digit division code (the tree must hold it; the route checks). */
export const OrgCode = z.string().refine(isDivisionCode, 'orgCode must be a six-digit division code')
/** One of the staff roles. */
export const Role = z.enum(STAFF_ROLES)
