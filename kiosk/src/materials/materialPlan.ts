/**
 * Which of an item's materials the kiosk collects (electronic ones: 电子证照 or the document camera) and which it
 * only lists (paper-only: 请携带原件到窗口), and what still blocks the resident: defined once for the flow, the
 * step, the guide and the receipt.
 */
import type { PhonePhoto } from '../../../mock-backend/src/contract/phoneUploads'
import type { ServiceItem } from '../../../services-catalog/src/schema'

/** One material of the item as the catalog lists it. */
export type ItemMaterial = ServiceItem['materials'][number]

/**
 * How a material was supplied: an 电子证照 on file (nothing uploaded), a capture of the document camera, or photos
 * from the resident's phone (already on the backend under the record's key).
 */
export type SuppliedMaterial =
  | { via: 'licence'; licence: string; maskedNumber: string }
  | { via: 'camera'; image: Blob }
  | { via: 'phone'; photos: ShownPhoto[] }

/** A photo from the phone with its bytes for the preview (null when they could not be fetched). */
export type ShownPhoto = PhonePhoto & { image: Blob | null }

/**
 * The materials with the phone's photos as the backend lists them now: a material with photos is supplied by the
 * phone (in place of a capture: what the resident sent last wins), one whose photos were all removed no longer is;
 * an 电子证照 stays.
 */
export function withPhonePhotos(
  supplied: Readonly<Record<string, SuppliedMaterial>>,
  photos: readonly PhonePhoto[],
  images: Readonly<Record<string, Blob>>,
): Record<string, SuppliedMaterial> {
  const next: Record<string, SuppliedMaterial> = {}
  for (const [name, material] of Object.entries(supplied)) if (material.via !== 'phone') next[name] = material
  for (const photo of photos) {
    const current = next[photo.material]
    const shown = { ...photo, image: images[photo.contentHash] ?? null }
    if (current?.via === 'licence') continue
    if (current?.via === 'phone') current.photos.push(shown)
    else next[photo.material] = { via: 'phone', photos: [shown] }
  }
  return next
}

/** The materials the kiosk collects. */
export const collectedMaterials = (item: ServiceItem): ItemMaterial[] =>
  item.materials.filter((m) => m.form === '电子')

/** The paper-only materials: brought to the counter, never collected here. */
export const paperMaterials = (item: ServiceItem): ItemMaterial[] =>
  item.materials.filter((m) => m.form !== '电子')

/** Whether the flow has a materials step: the item lists any material. */
export const hasMaterials = (item: ServiceItem): boolean => item.materials.length > 0

/** The required collected materials not supplied yet (by `name.zh`). */
export const missingMaterials = (
  item: ServiceItem,
  supplied: Readonly<Record<string, SuppliedMaterial>>,
): string[] =>
  collectedMaterials(item)
    .filter((m) => m.required && !supplied[m.name.zh])
    .map((m) => m.name.zh)
