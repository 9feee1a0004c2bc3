/**
 * 申请材料 on the wire: the upload of one material for a record (its bytes base64 in JSON, so the route table stays
 * JSON), the answer, the licence (电子证照) question and answer, and the figures both sides size by. Types and
 * numbers only: the kiosk bundles this module.
 */

/** What the kiosk compresses a capture to at most (bytes): about 500 kB. */
export const MATERIAL_TARGET_BYTES = 500_000
/** Largest material the backend stores (bytes): a little over the kiosk's target, so a capture that met it passes. */
export const MATERIAL_MAX_BYTES = 600 * 1024
/** Most materials one record may carry (retakes replace, so this is far above any item's list). */
export const MATERIALS_PER_RECORD = 12
/** Hours after which a material whose record never arrived is purged (an offline kiosk uploads just before it). */
export const MATERIAL_ORPHAN_HOURS = 72
/** The types a material may have, told by its bytes. */
export const MATERIAL_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
/** One of MATERIAL_MEDIA_TYPES. */
export type MaterialMediaType = (typeof MATERIAL_MEDIA_TYPES)[number]

/**
 * POST /api/terminal/materials: one material of a record not yet sent, either its bytes (`data`) or the kind of the
 * 电子证照 that supplies it (`licence`: nothing is uploaded, the backend records which licence the record used).
 */
export interface MaterialUpload {
  /** The record's idempotency key (UUIDv7), the outbox key it will be sent under. */
  recordKey: string
  itemCode: string
  /** The material's name in the catalog (its `name.zh`). */
  material: string
  /** The file name, when the material came from a file: its extension must agree with the bytes. */
  fileName?: string
  /** The bytes, base64 (absent for an 电子证照 reused). */
  data?: string
  /** The kind of the 电子证照 reused (HeldLicence.licence), instead of bytes. */
  licence?: string
}

/** The answer: `stored` the first time, `replayed` for the same bytes sent again for the same record. */
export interface MaterialAccepted {
  status: 'stored' | 'replayed'
  /** The keyed content hash the material is filed under (it names the material, not the person). */
  contentHash: string
  /** Null for an 电子证照 reused, which has no bytes. */
  mediaType: MaterialMediaType | null
  bytes: number
  /** The 电子证照's kind when one was reused, else null. */
  licence: string | null
}

/** POST /api/terminal/licences: which of an item's materials the identified resident holds as 电子证照. */
export interface LicenceQuery {
  idNumber: string
  itemCode: string
}

/** One 电子证照 that supplies one of the item's materials, shown masked. */
export interface HeldLicence {
  /** The material it supplies (catalog `name.zh`). */
  material: string
  /** The licence's kind, e.g. 居民户口簿. */
  licence: string
  /** Its number, masked (first 4 and last 4 characters). */
  maskedNumber: string
  /** Who issued it. */
  issuer: string
}

/** The answer to a LicenceQuery. */
export interface LicenceAnswer {
  licences: HeldLicence[]
}
