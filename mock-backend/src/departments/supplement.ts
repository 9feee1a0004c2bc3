/**
 * 补正: the simulated department checks a case's materials and asks for one again. The rule, on the demo data and
 * deterministic for tests: a photo under SUPPLEMENT_BELOW_BYTES cannot be read (a thumbnail, a screenshot of a
 * screenshot), so the first such material of the record is asked again, with SUPPLEMENT_REASON. The request is
 * answered by a photo of that material of at least that size received after the record. Derived from the materials
 * store every node shares: no state of its own.
 */
import type { CaseSupplement } from '../contract/cases'
import type { MaterialRow } from '../db/materialRows'

/** Bytes under which the department cannot read a photo. */
export const SUPPLEMENT_BELOW_BYTES = 20_000
/** Why the department asks again. */
export const SUPPLEMENT_REASON = {
  zh: '照片过小、看不清，请重新拍摄清晰完整的照片上传',
  en: 'The photo is too small to read: please upload a clear photo of the whole document',
}

/** The 补正 of a record whose case opened at `recordReceivedAt`, with these materials, or null when none is asked. */
export function supplementOf(
  materials: readonly MaterialRow[],
  recordReceivedAt: string,
  englishName: (material: string) => string | undefined,
): CaseSupplement | null {
  // Photos only: a PDF is read whatever its size, and a reused 电子证照 (no bytes) comes from the licence store.
  const unreadable = materials.find(
    (m) =>
      m.receivedAt <= recordReceivedAt &&
      (m.mediaType === 'image/jpeg' || m.mediaType === 'image/png') &&
      m.byteCount < SUPPLEMENT_BELOW_BYTES,
  )
  if (!unreadable) return null
  const answer = materials.find(
    (m) =>
      m.material === unreadable.material &&
      m.receivedAt > recordReceivedAt &&
      m.byteCount >= SUPPLEMENT_BELOW_BYTES,
  )
  return {
    material: unreadable.material,
    materialName: { zh: unreadable.material, en: englishName(unreadable.material) || unreadable.material },
    reason: SUPPLEMENT_REASON,
    askedAt: recordReceivedAt,
    answeredAt: answer?.receivedAt ?? null,
  }
}
