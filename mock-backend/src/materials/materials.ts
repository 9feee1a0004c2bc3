/**
 * 申请材料: a terminal's upload of one material for a record it has not sent yet, checked (the item lists it as
 * electronic, the bytes are a whole JPEG/PNG/PDF, the size, the count per record), sealed and kept idempotently by
 * (record key, keyed content hash); or the 电子证照 reused for it (a row with the licence's kind and no bytes, keyed
 * by the hash of that kind); and the purge of materials with their case's personal data, and of orphans.
 */
import type { CatalogCache } from '../catalogCache'
import {
  MATERIAL_MAX_BYTES,
  MATERIAL_ORPHAN_HOURS,
  MATERIALS_PER_RECORD,
  type MaterialAccepted,
  type MaterialMediaType,
  type MaterialUpload,
} from '../contract/materials'
import type { MaterialRef, MaterialRow } from '../db/materialRows'
import type { TerminalRow } from '../db/rows'
import type { Storage } from '../db/storage'
import { ApiError } from '../http/errors'
import type { Fingerprints } from '../privacy/fingerprints'
import { LICENCE_SUPPLIES } from './licences'
import type { MaterialBytes } from './materialBytes'
import { sniffMaterial } from './sniff'

const HOUR_MS = 60 * 60 * 1000
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** The materials of one server. */
export class Materials {
  constructor(
    private readonly store: Storage,
    readonly bytes: MaterialBytes,
    private readonly fingerprints: Fingerprints,
    private readonly catalog: CatalogCache,
    private readonly now: () => Date,
  ) {}

  /**
   * Checks and keeps one material; a retry of the same bytes for the same record answers `replayed`. A record's
   * materials come before it, except the photo answering its 补正 (`answersSupplement`).
   */
  async upload(
    terminal: Pick<TerminalRow, 'id' | 'districtCode'>,
    upload: MaterialUpload,
    answersSupplement = false,
  ): Promise<MaterialAccepted> {
    const bytes = upload.licence === undefined ? decodeBase64(upload.data ?? '') : undefined
    if (bytes && bytes.length > MATERIAL_MAX_BYTES)
      throw new ApiError(
        413,
        'material_too_large',
        `the material is ${bytes.length} bytes; at most ${MATERIAL_MAX_BYTES} bytes are accepted`,
      )
    const item = (await this.catalog.active())?.items.get(upload.itemCode)?.item
    if (!item) throw new ApiError(422, 'unknown_item', `no item ${upload.itemCode} in the published catalog`)
    const listed = item.materials.find((m) => m.name.zh === upload.material)
    if (!listed)
      throw new ApiError(
        422,
        'unknown_material',
        `item ${item.code} lists no material named "${upload.material}"`,
      )
    if (listed.form !== '电子')
      throw new ApiError(
        422,
        'paper_only',
        `"${upload.material}" is collected on paper at the counter, not uploaded`,
      )
    const kept = bytes
      ? sniffedBytes(bytes, upload.fileName)
      : reusedLicence(upload.licence ?? '', listed.name.zh)
    const ref: MaterialRef = {
      districtCode: terminal.districtCode,
      recordKey: upload.recordKey,
      contentHash: this.fingerprints.materialHash(
        bytes ?? Buffer.from(`${LICENCE_HASH_PREFIX}${kept.licence}`),
      ),
    }
    const accepted = (status: MaterialAccepted['status']): MaterialAccepted => ({
      status,
      contentHash: ref.contentHash,
      mediaType: kept.mediaType,
      bytes: bytes?.length ?? 0,
      licence: kept.licence,
    })
    if (await this.store.materials.find(ref)) return accepted('replayed')
    if (!answersSupplement && (await this.store.getTransaction(upload.recordKey)))
      throw new ApiError(
        409,
        'record_already_sent',
        'this record was already received: its materials must be sent before it',
      )
    const row: MaterialRow = {
      ...ref,
      terminalId: terminal.id,
      itemCode: item.code,
      material: listed.name.zh,
      mediaType: kept.mediaType,
      byteCount: bytes?.length ?? 0,
      receivedAt: this.now().toISOString(),
      licence: kept.licence,
    }
    const tooMany = () =>
      new ApiError(422, 'too_many_materials', `a record may carry at most ${MATERIALS_PER_RECORD} materials`)
    if ((await this.store.materials.forRecord(upload.recordKey)).length >= MATERIALS_PER_RECORD)
      throw tooMany()
    // The bytes first, then the row that makes them count: a failure between leaves bytes no row names (the same
    // name is written again by the retry), never a row without its bytes.
    if (bytes) await this.bytes.put(ref, this.fingerprints.sealBytes(bytes))
    const outcome = await this.store.materials.add(row, MATERIALS_PER_RECORD)
    if (outcome === 'full') {
      if (bytes) await this.bytes.delete(ref)
      throw tooMany()
    }
    return accepted(outcome)
  }

  /** Deletes one material not yet sent with its record (the kiosk removed a photo from the phone). */
  async discard(ref: MaterialRef): Promise<void> {
    if (await this.store.getTransaction(ref.recordKey))
      throw new ApiError(409, 'record_already_sent', 'this record was already received with its materials')
    await this.bytes.delete(ref)
    await this.store.materials.remove([ref])
  }

  /** A stored material's bytes, opened (tests and the department's view). */
  async read(ref: MaterialRef): Promise<Buffer | undefined> {
    const sealed = await this.bytes.get(ref)
    return sealed && this.fingerprints.openBytes(sealed)
  }

  /**
   * Purges materials whose case's personal data goes (`caseCutoff`, the retention cutoff), orphans whose record
   * never came within MATERIAL_ORPHAN_HOURS, and bytes a crash left without a row as old; returns how many.
   */
  async purge(caseCutoff: string): Promise<number> {
    const orphanCutoff = new Date(this.now().getTime() - MATERIAL_ORPHAN_HOURS * HOUR_MS).toISOString()
    const refs = await this.store.materials.purgeable(caseCutoff, orphanCutoff)
    for (const ref of refs) await this.bytes.delete(ref)
    const removed = await this.store.materials.remove(refs)
    // What a crash left that no row names goes by the same orphan rule.
    const strays = await this.bytes.sweepStrays(new Date(orphanCutoff), async (ref) =>
      Boolean(await this.store.materials.find(ref)),
    )
    return removed + strays
  }
}

/** What a material's row keeps of how it came: the bytes' type, or the 电子证照's kind. */
type Kept = { mediaType: MaterialMediaType; licence: null } | { mediaType: null; licence: string }

/** Hashed with the key in place of bytes for an 电子证照 reused: one row per (record, licence kind). */
const LICENCE_HASH_PREFIX = '电子证照:'

/** The bytes' real type; names the problem when they are no whole JPEG, PNG or PDF, or disagree with the name. */
function sniffedBytes(bytes: Buffer, fileName: string | undefined): Kept {
  const sniffed = sniffMaterial(bytes, fileName)
  if ('problem' in sniffed) throw new ApiError(422, sniffed.problem.code, sniffed.problem.message)
  return { mediaType: sniffed.mediaType, licence: null }
}

/** The licence reused for `material`; names the problem when that kind of 电子证照 does not supply it. */
function reusedLicence(licence: string, material: string): Kept {
  if (!LICENCE_SUPPLIES[licence]?.includes(material))
    throw new ApiError(
      422,
      'licence_does_not_supply',
      `an 电子证照 of kind "${licence}" does not supply "${material}"`,
    )
  return { mediaType: null, licence }
}

/** The upload's bytes; names the problem when `data` is not base64. */
function decodeBase64(data: string): Buffer {
  if (data.length % 4 !== 0 || !BASE64.test(data))
    throw new ApiError(400, 'invalid_base64', 'data must be the material’s bytes in base64')
  return Buffer.from(data, 'base64')
}
