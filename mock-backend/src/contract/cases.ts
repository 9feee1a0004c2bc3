/**
 * Cases (办件) as terminals see them: plain types and values, free of zod, shared by the case service
 * (which builds them) and the kiosk (which reads them off the wire).
 */

/** The four statuses of a case (办件状态). */
export const CASE_STATUSES = ['已受理', '办理中', '办结', '不予受理'] as const
/** One case status. */
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** One step of a case's status history. */
export interface CaseEvent {
  status: CaseStatus
  /** ISO 8601 in UTC. */
  at: string
}

/** A case as a terminal shows it: no personal data, only the case's own facts. */
export interface CaseView {
  /** The transaction's idempotency key: identifies the case for rating even if numbers collide. */
  transactionKey: string
  caseNumber: string
  itemCode: string
  itemName: { zh: string; en: string }
  kind: string
  departmentName: { zh: string; en: string }
  acceptedAt: string
  limit: { days: number; unit: string; immediate: boolean }
  dueDay: string
  /** False when the deadline was counted beyond the holiday data (weekday fallback). */
  calendarCovered: boolean
  status: CaseStatus
  history: CaseEvent[]
  finishedAt: string | null
  overdue: boolean
  rated: boolean
  /** 补正: the department asks for one material again (departments/supplement.ts); absent when it never asked. */
  supplement?: CaseSupplement
}

/** A department's request for one material again, and when it was answered (null while open). */
export interface CaseSupplement {
  /** The catalog's name of the material (`name.zh`), and its name in both languages for the screen. */
  material: string
  materialName: { zh: string; en: string }
  reason: { zh: string; en: string }
  askedAt: string
  answeredAt: string | null
}

/** The years of holiday data deadlines are counted with. */
export interface CalendarInfo {
  firstYear: number
  lastYear: number
  source: string
}

/** Answer of `GET /api/terminal/cases/:caseNumber` and `POST /api/terminal/cases/lookup`. */
export interface CaseLookupAnswer {
  cases: CaseView[]
  calendar: CalendarInfo
  /** The unrated cases this terminal may rate, with the grant it needs if it did not take the case. */
  ratable: RatingPass[]
  /**
   * 扫码续办: the mobile case page's link of each case, by transaction key, shown as a QR code. Apart from the
   * views, which terminals keep offline: a link is shown only from a live answer.
   */
  caseLinks?: Record<string, string>
}

/** Body of `POST /api/terminal/ratings` (一事一评): the case by transaction key or number, and the level. */
export interface RatingRequest {
  transactionKey?: string
  caseNumber?: string
  level: number
  /** Idempotency key of this rating (a retry with the same key is not a second rating). */
  key?: string
  /** The grant of a lookup by ID number (RatingPass), needed unless this terminal took the case. */
  grant?: string
}

/** Answer of a rating. */
export interface RatingAnswer {
  caseNumber: string
  level: number
  replayed: boolean
  followUp: { id: number; dueDay: string; calendarCovered: boolean } | null
}

/**
 * Permission for the asking terminal to rate one case: the terminal that took the case needs none (`grant`
 * absent); any other terminal gets a short-lived grant from a lookup by ID number, bound to the case and to
 * itself. A lookup by case number never grants anything.
 */
export interface RatingPass {
  transactionKey: string
  grant?: { token: string; expiresAt: string }
}
