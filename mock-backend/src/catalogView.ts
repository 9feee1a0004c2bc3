/**
 * What a terminal sees of a published catalog: only the items offered to its groups.
 */
import { createHash } from 'node:crypto'
import type { PublishedCatalog, ServiceItem } from '../../services-catalog/src/schema'
import type { CatalogVersionFull } from './db/rows'

/** An item with no groups is offered everywhere; otherwise it needs one group in common. */
export function offeredTo(item: ServiceItem, groups: readonly string[]): boolean {
  return item.groups.length === 0 || item.groups.some((g) => groups.includes(g))
}

/** The published catalog filtered to a terminal's groups (departments without items are dropped). */
export function catalogForGroups(
  v: CatalogVersionFull & { overlayVersion?: number },
  groups: readonly string[],
): PublishedCatalog {
  const items = v.catalog.items.filter((item) => offeredTo(item, groups))
  const codes = new Set(items.map((i) => i.code))
  const departmentCodes = new Set(items.map((i) => i.department))
  return {
    schemaVersion: 1,
    version: v.version,
    // Only a district's effective catalog carries it, so a province catalog's answer is as before.
    ...(v.overlayVersion ? { overlayVersion: v.overlayVersion } : {}),
    publishedAt: v.publishedAt,
    departments: v.catalog.departments.filter((d) => departmentCodes.has(d.code)),
    items,
    search: v.search.filter((s) => codes.has(s.code)),
  }
}

/**
 * A strong ETag from the version, the district's overlay version (0: none) and the sorted group set: the answer
 * never changes for that triple.
 */
export function catalogEtag(version: number, groups: readonly string[], overlayVersion = 0): string {
  const g = createHash('sha256')
    .update([...groups].sort().join(','))
    .digest('hex')
    .slice(0, 16)
  return overlayVersion === 0 ? `"v${version}-${g}"` : `"v${version}-o${overlayVersion}-${g}"`
}

/** True when an If-None-Match header matches the ETag (list or `*`, weak prefix ignored). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header
    .split(',')
    .map((s) => s.trim().replace(/^W\//, ''))
    .some((s) => s === etag || s === '*')
}
