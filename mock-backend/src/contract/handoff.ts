/**
 * 扫码续办: what the mobile case page (`/m/`) asks and is answered. Plain types and constants, free of zod, shared
 * by the backend (handoff/) and the page (kiosk/src/mobile/), which imports this file alone.
 */
import type { CaseEvent, CaseStatus } from './cases'

/** Days a case's link keeps working after the case finishes, so a printed receipt stays useful for a month. */
export const HANDOFF_VALID_DAYS = 30

/** The page's path; a link is `${PUBLIC_BASE_URL}${MOBILE_PAGE_PATH}#t=<token>`. */
export const MOBILE_PAGE_PATH = '/m/'

/** The API the page calls with the token from its fragment (POST: the token stays out of URLs and logs). */
export const MOBILE_CASE_ROUTE = '/api/m/case'

/** Text in both languages. */
export interface BothLanguages {
  zh: string
  en: string
}

/** Body of `POST /api/m/case`. */
export interface MobileCaseRequest {
  token: string
}

/**
 * Answer of `POST /api/m/case`: one case (or payment, or printed document) as a phone shows it. Nothing personal
 * beyond the masked values a department already put in a document's lines.
 */
export interface MobileCaseAnswer {
  reference: string
  /** The item's kind: 申办, 预约, 缴费 or 打印. */
  kind: string
  item: BothLanguages | null
  department: BothLanguages | null
  /** Null for a payment or a printed document, which open no case. */
  status: CaseStatus | null
  history: CaseEvent[]
  acceptedAt: string | null
  /** The promised time limit and the due day (承诺时限, 承诺办结日期). */
  limit: { days: number; unit: string } | null
  dueDay: string | null
  finishedAt: string | null
  overdue: boolean
  /** What to bring (the item's guide) and where to go (the appointment's place, or the department). */
  bring: BothLanguages | null
  where: BothLanguages | null
  appointment: { at: string; place: string } | null
  payment: { amountFen: number } | null
  document: { title: string; lines: string[] } | null
  /** The 申请材料 the record carried: each by name, with the kind of the 电子证照 reused for it (null: uploaded). */
  materials: { name: BothLanguages; licence: string | null }[]
  /** The last day the link works (HANDOFF_VALID_DAYS after the case finished), or null while it is open. */
  validUntil: string | null
  /**
   * 补正: the department's request for one material again, or null. While it is open (`answeredAt` null) the link
   * may upload that material (MOBILE_SUPPLEMENT_ROUTE); once answered it may not.
   */
  supplement: {
    material: BothLanguages
    reason: BothLanguages
    askedAt: string
    answeredAt: string | null
  } | null
}

/** POST: the photo answering a case's open 补正, with the case link's token. */
export const MOBILE_SUPPLEMENT_ROUTE = '/api/m/supplement'
