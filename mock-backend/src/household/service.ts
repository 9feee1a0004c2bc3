/**
 * 为谁办理 on the server: the household register's members for an item that serves family, with the amount each
 * owes for a 缴费 (the department's one rule); the lines of a 家庭缴费 order; and which paid lines the department
 * refuses. The register and the department are simulated; nothing here is kept between calls.
 */
import { idNumberProblem } from '../../../kiosk/src/devices/idNumber'
import type { IndexedItem } from '../catalogCache'
import type { FamilyPayment, HouseholdMemberView, Relationship } from '../contract/household'
import type { OrderLine } from '../contract/payments'
import type { DepartmentSimulator } from '../departments/simulator'
import { ApiError } from '../http/errors'
import type { SimulatedHouseholdRegister } from './register'

/** Most members one 家庭缴费 order pays for (a household register rarely lists more). */
export const MAX_FAMILY_LINES = 10

/** The day and instant the amounts are worked out for. */
interface When {
  day: string
  at: string
}

/** The holder's ID number checked as the kiosk's keypad checks it (GB 11643), naming the problem. */
function checkHolder(idNumber: string): string {
  const problem = idNumberProblem(idNumber)
  if (problem) throw new ApiError(400, 'validation', `idNumber: not a valid ID number (${problem})`)
  return idNumber.toUpperCase()
}

/** The household side of one server. */
export class HouseholdService {
  constructor(
    private readonly register: SimulatedHouseholdRegister,
    private readonly departments: DepartmentSimulator,
  ) {}

  /** The members for an item that serves 家人, each with the amount due when the item is a 缴费 and fields came. */
  list(
    entry: IndexedItem,
    query: { idNumber: string; fields?: Record<string, string> },
    when: When,
  ): HouseholdMemberView[] {
    const { item } = entry
    if (!item.servedFor.includes('家人'))
      throw new ApiError(
        422,
        'not_for_family',
        `item ${item.code} does not serve family members (为谁办理 无“家人”)`,
      )
    const holder = checkHolder(query.idNumber)
    return this.register.members(holder).map((member) => {
      const view = this.register.view(holder, member)
      if (item.kind !== '缴费' || !query.fields) return view
      return { ...view, amountFen: this.due(entry, query.fields, view.handle, when) }
    })
  }

  /** The lines of a 家庭缴费 order: one per ticked member, subject masked, the member's handle kept to settle it. */
  lines(entry: IndexedItem, family: FamilyPayment, fields: Record<string, string>, when: When): OrderLine[] {
    const holder = checkHolder(family.idNumber)
    if (!entry.item.servedFor.includes('家人'))
      throw new ApiError(
        400,
        'validation',
        `household: item ${entry.item.code} does not serve family members`,
      )
    const handles = [...new Set(family.members)]
    if (handles.length === 0 || handles.length > MAX_FAMILY_LINES)
      throw new ApiError(400, 'validation', `household.members: 1 to ${MAX_FAMILY_LINES} members`)
    return handles.map((handle) => {
      const member = this.register.resolve(holder, handle)
      if (!member)
        throw new ApiError(
          400,
          'validation',
          `household.members: ${handle} is not a member of this household`,
        )
      const view = this.register.view(holder, member)
      return {
        subject: `${member.relationship} ${view.maskedName} ${view.maskedId}`.replace(/\s+/g, ' ').trim(),
        amountFen: this.due(entry, fields, handle, when),
        member: handle,
      }
    })
  }

  /** The member of the holder's household a handle names, as a record's subject (null: nobody of it). */
  member(
    holderId: string,
    handle: string,
  ): { idNumber: string; name?: string; relationship: Relationship } | null {
    const member = this.register.resolve(holderId.toUpperCase(), handle)
    if (!member || member.relationship === '本人') return null
    return {
      idNumber: member.idNumber,
      ...(member.name ? { name: member.name } : {}),
      relationship: member.relationship,
    }
  }

  /** The department's refusal of each member line of a paid order (null: collected), in line order. */
  refusals(holderId: string, lines: readonly OrderLine[]): (string | null)[] {
    return lines.map((line) => {
      const member = line.member ? this.register.resolve(holderId, line.member) : null
      return member ? this.departments.refusesMember(member) : null
    })
  }

  private due(entry: IndexedItem, fields: Record<string, string>, member: string, when: When): number {
    const quote = this.departments.memberDue({
      item: entry.item,
      departmentName: entry.departmentName,
      fields,
      member,
      ...when,
    })
    if (!quote.ok) throw new ApiError(quote.code, 'department_unavailable', quote.message)
    return quote.amountFen
  }
}
