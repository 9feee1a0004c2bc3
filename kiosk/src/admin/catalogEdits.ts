/**
 * Builds the catalog JSON for "set an item's groups": the active catalog with the edited groups,
 * sent through the same validate → diff → publish path as an uploaded file.
 */
import type { Catalog } from '../../../services-catalog/src/schema'

/** The active catalog with `edits` (item code → groups) applied; only schema fields are kept. */
export function applyGroupEdits(current: Catalog, edits: ReadonlyMap<string, readonly string[]>): Catalog {
  const unknown = [...edits.keys()].filter((code) => !current.items.some((item) => item.code === code))
  if (unknown.length > 0) throw new Error(`unknown item code(s): ${unknown.join(', ')}`)
  return {
    schemaVersion: current.schemaVersion,
    departments: current.departments,
    items: current.items.map((item) => {
      const groups = edits.get(item.code)
      return groups ? { ...item, groups: [...groups] } : item
    }),
  }
}

/** The edited catalog as a JSON file body for POST /api/admin/catalog/validate. */
export function catalogBlob(catalog: Catalog): Blob {
  return new Blob([JSON.stringify(catalog, null, 2)], { type: 'application/json' })
}
