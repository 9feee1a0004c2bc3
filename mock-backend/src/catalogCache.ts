/**
 * The published catalog, parsed once per version and kept in memory with the lookups ingest, the
 * terminal catalog download and case opening need. Published versions are immutable rows (a rollback
 * publishes a new number), so an entry keyed by version never goes stale; `Storage.publishCatalog`
 * still bumps a generation that empties the cache, so nothing outlives a publish or rollback.
 */
import type { PublishedCatalog, ServiceItem } from '../../services-catalog/src/schema'
import { catalogForGroups } from './catalogView'
import type { CatalogVersionFull } from './db/rows'
import type { Storage } from './db/storage'

/** A localized name as cases keep it. */
export interface NameText {
  zh: string
  en: string
}

/** One item with what ingest checks per record, computed once. */
export interface IndexedItem {
  item: ServiceItem
  /** Keys of the fields a record must fill. */
  requiredFields: readonly string[]
  /** Chinese department name (the code when the catalog lacks the department). */
  departmentName: string
}

/** One parsed catalog version with its lookups. */
export interface CatalogIndex {
  version: number
  full: CatalogVersionFull
  items: ReadonlyMap<string, IndexedItem>
  /** Department code → name; departments without a name are absent (callers fall back to the code). */
  departmentNames: ReadonlyMap<string, NameText>
  /** The terminal's filtered catalog as JSON, built once per group set. */
  jsonForGroups(groups: readonly string[]): string
}

/** Old versions still referenced by records in flight; a few are enough. */
const MAX_VERSIONS = 4
const MAX_GROUP_VIEWS = 64

/** Builds the lookups of one published version (exported for tests). */
export function indexCatalog(full: CatalogVersionFull): CatalogIndex {
  const departmentNames = new Map<string, NameText>()
  for (const d of full.catalog.departments) {
    // A department row without a usable name must not break ingest or case opening.
    const zh = d.name?.zh?.trim()
    if (zh) departmentNames.set(d.code, { zh, en: d.name.en?.trim() ?? '' })
  }
  const items = new Map<string, IndexedItem>()
  for (const item of full.catalog.items) {
    items.set(item.code, {
      item,
      requiredFields: item.fields.filter((f) => f.required).map((f) => f.key),
      departmentName: departmentNames.get(item.department)?.zh ?? item.department,
    })
  }
  const views = new Map<string, string>()
  return {
    version: full.version,
    full,
    items,
    departmentNames,
    jsonForGroups(groups) {
      const key = [...groups].sort().join('\u0000')
      let json = views.get(key)
      if (json === undefined) {
        const view: PublishedCatalog = catalogForGroups(full, groups)
        json = JSON.stringify(view)
        if (views.size >= MAX_GROUP_VIEWS) views.clear()
        views.set(key, json)
      }
      return json
    },
  }
}

/**
 * The parsed catalog versions of one store (built by createAppDeps; one per running server). A version not (yet)
 * published is never remembered as missing: another node may publish it a moment later. A publish on any node
 * empties the cache through `invalidate` (a notice, nodes/topics.ts), besides this store's own generation.
 */
export class CatalogCache {
  private generation = -1
  private versions = new Map<number, CatalogIndex>()

  constructor(private readonly store: Storage) {}

  /** Catalog version `version`, parsed on first use only; undefined when it was never published. */
  async versionIndex(version: number): Promise<CatalogIndex | undefined> {
    if (this.generation !== this.store.catalogGeneration) {
      this.generation = this.store.catalogGeneration
      this.versions = new Map()
    }
    let entry = this.versions.get(version)
    if (entry === undefined) {
      const full = await this.store.getCatalogVersion(version)
      if (!full) return undefined
      entry = indexCatalog(full)
      // A publish during the read: the generation check above starts over on the next call.
      if (this.generation !== this.store.catalogGeneration) return entry
      if (this.versions.size >= MAX_VERSIONS) {
        const oldest = this.versions.keys().next().value
        if (oldest !== undefined) this.versions.delete(oldest)
      }
      this.versions.set(version, entry)
    }
    return entry
  }

  /** Forgets every parsed version: a catalog was published on some node (the versions themselves never change). */
  invalidate(): void {
    this.generation = -1
  }

  /** The active (latest published) version; one indexed `max(version)` query, never a JSON parse. */
  async active(): Promise<CatalogIndex | undefined> {
    const latest = await this.store.latestCatalogVersion()
    return latest === 0 ? undefined : this.versionIndex(latest)
  }
}
