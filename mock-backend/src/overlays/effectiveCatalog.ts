/**
 * What a district's terminals are offered: the province catalog minus the district's withdrawals plus its
 * additions (#15). The one rule for an overlay that no longer fits the province catalog — the province wins:
 * - an addition whose code the province catalog later holds is shadowed: the province's item is offered, the
 *   addition is not (it stays stored, and the district's page names it until the district removes it);
 * - a withdrawal of a code the province catalog later drops has lapsed: it withdraws nothing (and is named too).
 */
import type { SearchEntry, ServiceItem } from '../../../services-catalog/src/schema'
import { buildSearchIndex } from '../../../services-catalog/src/searchIndex'
import type { CatalogOverlay, OverlayVersionFull } from '../db/overlayRows'
import type { CatalogVersionFull } from '../db/rows'

/** A province version with a district's overlay applied; `overlayVersion` 0 is the province catalog itself. */
export interface EffectiveCatalog extends CatalogVersionFull {
  overlayVersion: number
  /** The additions offered (not shadowed), by code: ingest and reports know them as the district's own. */
  additions: ReadonlyMap<string, ServiceItem>
}

/** The overlay's entries the province catalog now overrides (see the rule above). */
export function overlayConflicts(
  provinceCodes: ReadonlySet<string>,
  overlay: CatalogOverlay,
): { shadowed: string[]; lapsed: string[] } {
  return {
    shadowed: overlay.additions.map((i) => i.code).filter((code) => provinceCodes.has(code)),
    lapsed: overlay.withdrawals.filter((code) => !provinceCodes.has(code)),
  }
}

/** Applies a district's overlay to a province version; without one, the province version unchanged. */
export function applyOverlay(
  province: CatalogVersionFull,
  overlay: OverlayVersionFull | undefined,
): EffectiveCatalog {
  if (!overlay) return { ...province, overlayVersion: 0, additions: new Map() }
  const provinceCodes = new Set(province.catalog.items.map((i) => i.code))
  const withdrawn = new Set(overlay.overlay.withdrawals)
  const added = overlay.overlay.additions.filter((i) => !provinceCodes.has(i.code))
  const departmentCodes = new Set(province.catalog.departments.map((d) => d.code))
  const searchOf = new Map<string, SearchEntry>(province.search.map((s) => [s.code, s]))
  const items = [...province.catalog.items.filter((i) => !withdrawn.has(i.code)), ...added]
  const addedSearch = new Map(buildSearchIndex(added).map((s) => [s.code, s]))
  return {
    ...province,
    overlayVersion: overlay.version,
    additions: new Map(added.map((i) => [i.code, i])),
    catalog: {
      ...province.catalog,
      departments: [
        ...province.catalog.departments,
        ...overlay.overlay.departments.filter((d) => !departmentCodes.has(d.code)),
      ],
      items,
    },
    // The province's entries as published, the additions' built here: the index covers exactly the items offered.
    search: items.flatMap((i) => {
      const entry = searchOf.get(i.code) ?? addedSearch.get(i.code)
      return entry ? [entry] : []
    }),
  }
}
