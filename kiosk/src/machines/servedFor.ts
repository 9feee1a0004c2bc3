/**
 * 为谁办理 in the service flow: who the identified resident serves (本人, a household member, or 他人 as an
 * agent), what each choice asks before the resident may go on, and what the record and the 家庭缴费 order carry.
 * Kept beside the flow machine so the machine file stays about states; it loads with the machine, not at boot.
 */
import type { HouseholdMemberView, Relationship } from '../../../mock-backend/src/contract/household'
import type { ServedFor } from '../../../services-catalog/src/kinds'
import { isMandate } from '../../../services-catalog/src/mandate'
import type { ServiceItem } from '../../../services-catalog/src/schema'
import { idNumberProblem } from '../devices/idNumber'
import type { StoredSubject, StoredTransactionRecord } from '../storage/storedTypes'

/** The flow's 为谁办理 state. */
export interface ServedForState {
  servedFor: ServedFor
  /** The household register's members (masked) once asked; null until then or after a change that stales it. */
  household: HouseholdMemberView[] | null
  /** The members chosen by handle: one for 家人, those ticked for 家庭缴费. */
  members: string[]
  /** 他人: the subject's ID number typed on the keypad, and what the agent is to them. */
  otherId: string
  relationship: Relationship | ''
}

/** 为谁办理 before the resident chooses: themself. */
export const SERVED_FOR_START: ServedForState = {
  servedFor: '本人',
  household: null,
  members: [],
  otherId: '',
  relationship: '',
}

/** Why the 为谁办理 or 家庭缴费 step cannot go on, as a flow error code (or a keypad problem); null when it can. */
export type ServedForProblem =
  | 'member'
  | 'otherSelf'
  | 'relationship'
  | 'household'
  | NonNullable<ReturnType<typeof idNumberProblem>>

/**
 * Whether an item asks 为谁办理 at all: it serves someone besides the identified resident (a catalog stored before
 * the field existed serves 本人 only). Here, not in kinds.ts, so the boot's shared chunk does not carry it.
 */
export const servesOthers = (item: { servedFor?: readonly string[] }): boolean =>
  (item.servedFor ?? []).some((s) => s !== '本人')

/** Whether the flow is a 家庭缴费: a 缴费 item paid for household members. */
export const paysForFamily = (kind: string, s: ServedForState): boolean =>
  kind === '缴费' && s.servedFor === '家人'

/** The 为谁办理 step's check. */
export function servedForProblem(kind: string, s: ServedForState, agentId: string): ServedForProblem | null {
  switch (s.servedFor) {
    case '本人':
      return null
    case '家人':
      // 家庭缴费 ticks its members on the step after the form; another item serves one member, not the resident.
      if (paysForFamily(kind, s)) return null
      if (s.household?.length === 0) return 'household'
      return s.members.length === 1 ? null : 'member'
    case '他人': {
      const problem = idNumberProblem(s.otherId)
      if (problem) return problem
      if (s.otherId.toUpperCase() === agentId.toUpperCase()) return 'otherSelf'
      return s.relationship ? null : 'relationship'
    }
  }
}

/** The 家庭缴费 step's check: at least one member ticked. */
export const familyProblem = (s: ServedForState): ServedForProblem | null =>
  s.household?.length === 0 ? 'household' : s.members.length > 0 ? null : 'member'

/** What 为谁办理 adds to the record: nothing for 本人; else the agent, and who is served. */
export function agencyFields(
  kind: string,
  s: ServedForState,
  agent: StoredSubject,
): Pick<StoredTransactionRecord, 'servedFor' | 'agent' | 'member' | 'relationship' | 'subject'> | null {
  if (s.servedFor === '本人') return null
  if (s.servedFor === '他人')
    return {
      servedFor: '他人',
      agent,
      subject: { idNumber: s.otherId.toUpperCase() },
      ...(s.relationship ? { relationship: s.relationship } : {}),
    }
  // 家庭缴费: the payer is the register's holder; the members are the order's lines.
  if (paysForFamily(kind, s)) return { servedFor: '家人', agent, subject: agent }
  // One member: named by the register's handle; the backend resolves the subject (the kiosk never has the ID).
  return { servedFor: '家人', agent, member: s.members[0] }
}

/** The member list after a tap: 家庭缴费 ticks and unticks; otherwise the tapped member is the one served. */
export function toggledMembers(kind: string, s: ServedForState, handle: string): string[] {
  if (!paysForFamily(kind, s)) return [handle]
  return s.members.includes(handle) ? s.members.filter((m) => m !== handle) : [...s.members, handle]
}

/**
 * The item as the flow serves it: an agent (他人) must supply the 委托书 the catalog lists (optional for the resident
 * acting for themself), so the materials step asks for it as required; otherwise the catalog's entry as it is.
 */
export function itemServedFor(catalogItem: ServiceItem, servedFor: ServedFor): ServiceItem {
  if (servedFor !== '他人') return catalogItem
  return {
    ...catalogItem,
    materials: catalogItem.materials.map((m) => (isMandate(m.name.zh) ? { ...m, required: true } : m)),
  }
}
