/**
 * Which of an item's materials the kiosk collects (electronic ones: 电子证照 or the document camera) and which it
 * only lists (paper-only: 请携带原件到窗口), and what still blocks the resident: defined once for the flow, the
 * step, the guide and the receipt.
 */
import type { ServiceItem } from '../../../services-catalog/src/schema'

/** One material of the item as the catalog lists it. */
export type ItemMaterial = ServiceItem['materials'][number]

/** How a material was supplied: an 电子证照 on file (nothing uploaded), or a capture of the document camera. */
export type SuppliedMaterial =
  | { via: 'licence'; licence: string; maskedNumber: string }
  | { via: 'camera'; image: Blob }

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
