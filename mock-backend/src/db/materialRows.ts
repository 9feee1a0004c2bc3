/**
 * 申请材料 in the store (migration 21, PostgreSQL 0014): one row per material of a record, and the sealed bytes
 * of the deployments that keep them in the database. Both stores implement MaterialStorage alike.
 */
import type { MaterialMediaType } from '../contract/materials'

/** One stored material; no resident data but the keyed hash of the bytes (or of the reused licence's kind). */
export interface MaterialRow {
  districtCode: string
  recordKey: string
  /** The keyed content hash (Fingerprints.materialHash), hex. */
  contentHash: string
  terminalId: string
  itemCode: string
  /** The catalog's name of the material. */
  material: string
  /** The bytes' type; null for an 电子证照 reused, which has no bytes. */
  mediaType: MaterialMediaType | null
  byteCount: number
  receivedAt: string
  /** The kind of the 电子证照 that supplied it (migration 25, PostgreSQL 0018), e.g. 居民户口簿; null for bytes. */
  licence: string | null
}

/** What names one material: its district, record and content hash. */
export type MaterialRef = Pick<MaterialRow, 'districtCode' | 'recordKey' | 'contentHash'>

/** What storing a row did: stored, found already there, or refused as one too many for its record. */
export type MaterialAddOutcome = 'stored' | 'replayed' | 'full'

/** The materials' rows and database-kept bytes. */
export interface MaterialStorage {
  /** Stores the row unless its (district, record, hash) is there, and only while its record has fewer than `perRecord`. */
  add(row: MaterialRow, perRecord: number): Promise<MaterialAddOutcome>
  /** One material by its reference. */
  find(ref: MaterialRef): Promise<MaterialRow | undefined>
  /** A record's materials, oldest first. */
  forRecord(recordKey: string): Promise<MaterialRow[]>
  /**
   * The materials to purge: of a case finished before `caseCutoff`, of a record without a case received before it,
   * and orphans (no record with their key) received before `orphanCutoff`.
   */
  purgeable(caseCutoff: string, orphanCutoff: string): Promise<MaterialRef[]>
  /** Deletes the rows and any database-kept bytes of these materials; returns the rows deleted. */
  remove(refs: readonly MaterialRef[]): Promise<number>
  /** Keeps a material's sealed bytes in the database (replacing any). */
  putBytes(ref: MaterialRef, sealed: Uint8Array): Promise<void>
  /** A material's sealed bytes kept in the database, if any. */
  getBytes(ref: MaterialRef): Promise<Buffer | undefined>
  /** Deletes a material's database-kept bytes. */
  deleteBytes(ref: MaterialRef): Promise<void>
}
