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
import { applyOverlay, type EffectiveCatalog } from './overlays/effectiveCatalog'

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
  /** The district overlay applied (overlays/effectiveCatalog.ts); 0 for the province catalog itself. */
  overlayVersion: number
  full: CatalogVersionFull
  /** Every item a record may name: the items offered, and a district's withdrawn ones (records made before). */
  items: ReadonlyMap<string, IndexedItem>
  /** Department code → name; departments without a name are absent (callers fall back to the code). */
  departmentNames: ReadonlyMap<string, NameText>
  /** The terminal's filtered catalog as JSON, built once per group set. */
  jsonForGroups(groups: readonly string[]): string
}

/** Old versions still referenced by records in flight; a few are enough. */
const MAX_VERSIONS = 4
const MAX_GROUP_VIEWS = 64
/** (province version, district, overlay version) triples kept parsed: a province has ~120 districts. */
const MAX_EFFECTIVE = 128

/**
 * Builds the lookups of one published version, or of one district's effective catalog (exported for tests);
 * `withdrawn` are the province items a district withdrew, still known to ingest.
 */
export function indexCatalog(
  full: CatalogVersionFull | EffectiveCatalog,
  withdrawn: readonly ServiceItem[] = [],
): CatalogIndex {
  const departmentNames = new Map<string, NameText>()
  for (const d of full.catalog.departments) {
    // A department row without a usable name must not break ingest or case opening.
    const zh = d.name?.zh?.trim()
    if (zh) departmentNames.set(d.code, { zh, en: d.name.en?.trim() ?? '' })
  }
  const items = new Map<string, IndexedItem>()
  for (const item of [...full.catalog.items, ...withdrawn]) {
    items.set(item.code, {
      item,
      requiredFields: item.fields.filter((f) => f.required).map((f) => f.key),
      departmentName: departmentNames.get(item.department)?.zh ?? item.department,
    })
  }
  const views = new Map<string, string>()
  return {
    version: full.version,
    overlayVersion: 'overlayVersion' in full ? full.overlayVersion : 0,
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
  /** Effective catalogs by `version/district/overlayVersion`: each triple is immutable, like a version. */
  private effectives = new Map<string, CatalogIndex>()

  constructor(private readonly store: Storage) {}

  /** Catalog version `version`, parsed on first use only; undefined when it was never published. */
  async versionIndex(version: number): Promise<CatalogIndex | undefined> {
    if (this.generation !== this.store.catalogGeneration) {
      this.generation = this.store.catalogGeneration
      this.versions = new Map()
      this.effectives = new Map()
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

  /**
   * What a terminal of `districtCode` is offered under province version `version`: that version with the
   * district's active overlay applied (one indexed query for the overlay's number unless the caller `known` it;
   * parsed once per triple).
   * Undefined when the province version was never published.
   */
  async effective(version: number, districtCode: string, known?: number): Promise<CatalogIndex | undefined> {
    const province = await this.versionIndex(version)
    if (!province) return undefined
    const overlayVersion = known ?? (await this.store.overlays.latest(districtCode))
    if (overlayVersion === 0) return province
    const key = `${version}/${districtCode}/${overlayVersion}`
    let entry = this.effectives.get(key)
    if (entry === undefined) {
      const generation = this.generation
      const overlay = await this.store.overlays.get(districtCode, overlayVersion)
      const withdrawn = new Set(overlay?.overlay.withdrawals)
      entry = indexCatalog(
        applyOverlay(province.full, overlay),
        province.full.catalog.items.filter((i) => withdrawn.has(i.code)),
      )
      // A publish during the read: keep nothing, the next call starts over.
      if (generation !== this.generation) return entry
      if (this.effectives.size >= MAX_EFFECTIVE) {
        const oldest = this.effectives.keys().next().value
        if (oldest !== undefined) this.effectives.delete(oldest)
      }
      this.effectives.set(key, entry)
    }
    return entry
  }

  /**
   * Forgets every parsed version and effective catalog: a catalog or a district's overlay was published on some
   * node (the versions themselves never change).
   */
  invalidate(): void {
    this.generation = -1
    this.versions = new Map()
    this.effectives = new Map()
  }

  /** The active (latest published) version; one indexed `max(version)` query, never a JSON parse. */
  async active(): Promise<CatalogIndex | undefined> {
    const latest = await this.store.latestCatalogVersion()
    return latest === 0 ? undefined : this.versionIndex(latest)
  }
}
