/**
 * 为谁办理 on the wire: the household register's members as the kiosk sees them (masked, named by an opaque
 * handle), and the relationships an agent states. Zod-free, so the kiosk's 为谁办理 step can import the words.
 */

/** 与本人关系: what the acting resident is to the person served (the household register says 本人 for the holder). */
export const RELATIONSHIPS = ['配偶', '子女', '父母', '其他亲属', '其他'] as const
/** One relationship an agent may state. */
export type Relationship = (typeof RELATIONSHIPS)[number]
/** A household register member's relationship to the holder: 本人 or one of the family relationships. */
export type HouseholdRelationship = '本人' | Exclude<Relationship, '其他'>

/** One household register member as the kiosk gets it: never the full ID number or name. */
export interface HouseholdMemberView {
  /** Opaque: the kiosk names the member by it in an order or a record; only the server can resolve it. */
  handle: string
  maskedName: string
  maskedId: string
  relationship: HouseholdRelationship
  /** 缴费 items with the form's fields: the amount due this year (the department's one rule), in fen. */
  amountFen?: number
}

/** `POST /api/terminal/household`: the identified resident's household (ID in the body, never a URL). */
export interface HouseholdQuery {
  idNumber: string
  itemCode: string
  /** 缴费: the form's fields the amount due is worked out from. */
  fields?: Record<string, string>
}

/** The answer: the holder first, then the family members in the register's order. */
export interface HouseholdAnswer {
  members: HouseholdMemberView[]
}

/** 家庭缴费: whose premiums one order pays, named by the holder's ID and the members' handles. */
export interface FamilyPayment {
  idNumber: string
  members: string[]
}

/** One item's records over the days and how many an agent did (代办) for 家人 or for 他人. */
export interface AgencyFigureRow {
  itemCode: string
  records: number
  family: number
  others: number
}

/** `GET /api/ops/agency?from&to`: the share of 代办 per item, for items with records in the days. */
export interface AgencyFigures {
  from: string
  to: string
  /** With the item's name in the published catalog (absent for an item no longer in it). */
  rows: (AgencyFigureRow & { itemName?: { zh: string; en: string } })[]
}
