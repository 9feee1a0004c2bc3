/**
 * A simulated household register (户籍家庭成员) keyed by the holder's ID number, for 为谁办理 → 家人 and 家庭缴费.
 * Deterministic: the demo card's 李明 has a spouse, a daughter and a father (whose premium was already paid this
 * year elsewhere, so the department refuses it after payment); any other holder gets a spouse and a child derived
 * from their number. Members leave the server masked and named by an opaque keyed handle (never the ID number).
 */

import { idCheckChar } from '../../../kiosk/src/devices/idNumber'
import { DEMO_ID_CARD } from '../../../kiosk/src/devices/simulated'
import type { HouseholdMemberView, HouseholdRelationship } from '../contract/household'
import { maskIdNumber, maskName } from '../departments/common'
import type { Fingerprints } from '../privacy/fingerprints'

/** One person of a household register. */
export interface HouseholdMember {
  idNumber: string
  name: string
  relationship: HouseholdRelationship
  /** This year's 城乡居民 premiums were already paid through another channel (the department refuses a second). */
  paidThisYearElsewhere: boolean
}

/** A valid ID number (GB 11643 check digit) from a 6-digit area, a birth date `YYYYMMDD` and a 3-digit serial. */
const idOf = (area: string, born: string, serial: string) => {
  const first17 = `${area}${born}${serial}`
  return `${first17}${idCheckChar(first17)}`
}

/** The demo card holder's family, as the e2e journeys and the demo use it. */
const DEMO_FAMILY: readonly HouseholdMember[] = [
  {
    idNumber: idOf('441602', '19820315', '124'),
    name: '王芳',
    relationship: '配偶',
    paidThisYearElsewhere: false,
  },
  {
    idNumber: idOf('441602', '20100601', '128'),
    name: '李晓彤',
    relationship: '子女',
    paidThisYearElsewhere: false,
  },
  {
    idNumber: idOf('441602', '19520920', '117'),
    name: '李德福',
    relationship: '父母',
    paidThisYearElsewhere: true,
  },
]

const SPOUSE_NAMES = ['陈秀英', '黄丽华', '张伟', '刘洋'] as const
const CHILD_NAMES = ['林子涵', '何欣怡', '罗浩然', '梁思琪'] as const

/** A spouse and a child derived from the holder's number (same area; the serial picks the names). */
function derivedFamily(holderId: string): HouseholdMember[] {
  const area = holderId.slice(0, 6)
  const year = Number(holderId.slice(6, 10))
  const pick = Number(holderId.slice(14, 17)) % SPOUSE_NAMES.length
  return [
    {
      idNumber: idOf(area, `${year + 1}0505`, holderId.slice(14, 17)),
      name: SPOUSE_NAMES[pick]!,
      relationship: '配偶',
      paidThisYearElsewhere: false,
    },
    {
      idNumber: idOf(area, `${Math.min(year + 28, 2020)}0808`, '216'),
      name: CHILD_NAMES[pick]!,
      relationship: '子女',
      paidThisYearElsewhere: false,
    },
  ]
}

/** The register of one server: members by holder, and the handle that names a member to the kiosk. */
export class SimulatedHouseholdRegister {
  constructor(private readonly fingerprints: Fingerprints) {}

  /** The holder first (本人), then the family; the holder's own name only when the card gave it. */
  members(holderId: string, holderName = ''): HouseholdMember[] {
    const id = holderId.toUpperCase()
    const family = id === DEMO_ID_CARD.idNumber ? DEMO_FAMILY : derivedFamily(id)
    const name = holderName || (id === DEMO_ID_CARD.idNumber ? DEMO_ID_CARD.name : '')
    return [{ idNumber: id, name, relationship: '本人', paidThisYearElsewhere: false }, ...family]
  }

  /** The member's opaque handle for this holder. */
  handle(holderId: string, member: HouseholdMember): string {
    return this.fingerprints.householdMember(holderId.toUpperCase(), member.idNumber)
  }

  /** The member a handle names in the holder's household, or null (a handle of another household names nobody). */
  resolve(holderId: string, handle: string): HouseholdMember | null {
    return this.members(holderId).find((m) => this.handle(holderId, m) === handle) ?? null
  }

  /** A member as the kiosk sees it: masked, with its handle (and the amount due, when the caller adds one). */
  view(holderId: string, member: HouseholdMember): HouseholdMemberView {
    return {
      handle: this.handle(holderId, member),
      maskedName: member.name ? maskName(member.name) : '',
      maskedId: maskIdNumber(member.idNumber),
      relationship: member.relationship,
    }
  }
}
