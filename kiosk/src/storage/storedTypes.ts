/**
 * Shapes the terminal keeps in IndexedDB that also travel on the wire, written here as the kiosk's own
 * types: the database schema must not change because a backend type did. They are structurally equal to
 * the contract's today; `tests/unit/storage-shapes.test.ts` holds both them and the whole stored schema
 * against a snapshot, so a change needs a `DB_VERSION` bump (and an upgrade step if old data must move).
 */

/** The resident's identity as stored with a record (only when the item requires identity). */
export interface StoredSubject {
  idNumber: string
  name?: string
  phone?: string
}

/**
 * One 申请材料 waiting with its record: the catalog's name and the compressed capture's bytes, base64; or the kind
 * of the 电子证照 reused for it (no bytes).
 */
export type StoredMaterial = { material: string; data: string } | { material: string; licence: string }

/**
 * A finished service as queued in the outbox (the contract's `TransactionRecord`, and the materials that go
 * before it: uploaded by the sync under the record's key, never sent in the record itself).
 */
export interface StoredTransactionRecord {
  key: string
  sessionId: string
  itemCode: string
  catalogVersion: number
  createdAt: string
  subject?: StoredSubject
  fields: Record<string, string>
  /** v9: a 缴费's paid order (not personal: it stays in the record's shell). */
  orderId?: string
  materials?: StoredMaterial[]
  /** v9: 为谁办理 when not 本人 (not personal: it stays in the record's shell). */
  servedFor?: '本人' | '家人' | '他人'
  /** v9: what the agent is to the person served (sealed with the personal part). */
  relationship?: '配偶' | '子女' | '父母' | '其他亲属' | '其他'
  /** v9: the identified resident acting for the subject (代办), sealed like the subject. */
  agent?: StoredSubject
  /** v9: the household member served (家人), by the register's opaque handle; sealed. */
  member?: string
}

/** The four statuses of a case (办件状态) as stored. */
export type StoredCaseStatus = '已受理' | '办理中' | '办结' | '不予受理'

/** A case (办件) as the terminal keeps its last known status (the contract's `CaseView`). */
export interface StoredCaseView {
  transactionKey: string
  caseNumber: string
  itemCode: string
  itemName: { zh: string; en: string }
  kind: string
  departmentName: { zh: string; en: string }
  acceptedAt: string
  limit: { days: number; unit: string; immediate: boolean }
  dueDay: string
  calendarCovered: boolean
  status: StoredCaseStatus
  history: { status: StoredCaseStatus; at: string }[]
  finishedAt: string | null
  overdue: boolean
  rated: boolean
  /** v9: 补正, the department's request for one material again (not personal: a material's name and a reason). */
  supplement?: {
    material: string
    materialName: { zh: string; en: string }
    reason: { zh: string; en: string }
    askedAt: string
    answeredAt: string | null
  }
}

/** The resident's part of a queued record (identity, form values, materials), kept in the outbox sealed. */
export interface StoredPersonal {
  subject?: StoredSubject
  fields: Record<string, string>
  /** v9: a 缴费's paid order (not personal: it stays in the record's shell). */
  orderId?: string
  materials?: StoredMaterial[]
  /** v9: the agent of a 代办 and the relationship stated. */
  agent?: StoredSubject
  relationship?: StoredTransactionRecord['relationship']
  member?: string
}

/** A queued record as its outbox entry holds it: everything but the resident's part. */
export interface StoredRecordShell {
  key: string
  sessionId: string
  itemCode: string
  catalogVersion: number
  createdAt: string
  orderId?: string
  servedFor?: StoredTransactionRecord['servedFor']
}
