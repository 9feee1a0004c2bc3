/** What publishing a district's candidate overlay would change, so its admin sees it before the terminals do. */
import { diffCatalogs } from '../../../services-catalog/src/diff'
import type { Catalog } from '../../../services-catalog/src/schema'
import type { DistrictCatalogDiff } from '../contract/districtCatalog'
import type { CatalogOverlay } from '../db/overlayRows'

/** A district that never published one. */
const NO_OVERLAY: CatalogOverlay = { departments: [], additions: [], withdrawals: [] }

/** The additions as a catalog of their own, so the province catalog's field-by-field diff compares them. */
const additionsCatalog = (o: CatalogOverlay, province: Catalog): Catalog => ({
  schemaVersion: 1,
  departments: [...province.departments, ...o.departments],
  items: o.additions,
})

/** The change from the active overlay (none: an empty one) to the candidate, items named from the province. */
export function diffOverlays(
  active: CatalogOverlay | undefined,
  candidate: CatalogOverlay,
  province: Catalog,
): DistrictCatalogDiff {
  const nameOf = new Map(province.items.map((i) => [i.code, i.name.zh]))
  const named = (code: string) => ({ code, name: nameOf.get(code) ?? code })
  const before = new Set(active?.withdrawals ?? [])
  const after = new Set(candidate.withdrawals)
  return {
    additions: diffCatalogs(
      additionsCatalog(active ?? NO_OVERLAY, province),
      additionsCatalog(candidate, province),
    ),
    withdrawn: candidate.withdrawals.filter((c) => !before.has(c)).map(named),
    restored: [...before].filter((c) => !after.has(c)).map(named),
  }
}
