/**
 * A district's overlay on the province catalog (#15): the items it adds and the province items it withdraws, kept
 * as numbered versions per district like the province catalog's (a rollback publishes a new number with an older
 * version's content). Driver-free: sqlite/overlayStore.ts and postgres/overlayStorage.ts implement it.
 */
import type { Department, ServiceItem } from '../../../services-catalog/src/schema'
import type { DistrictCatalogVersion } from '../contract/districtCatalog'

/** What a district publishes: whole items of the catalog schema, and province item codes it no longer offers. */
export interface CatalogOverlay {
  /** Departments the additions name that the province catalog may lack (the upload's own department rows). */
  departments: Department[]
  additions: ServiceItem[]
  /** Province item codes, sorted, each once. */
  withdrawals: string[]
}

/** One published overlay version of a district, without its content (the versions list's row, less `active`). */
export interface OverlayVersionRow extends Omit<DistrictCatalogVersion, 'active'> {
  districtCode: string
}

/** A published overlay version with its content. */
export interface OverlayVersionFull extends OverlayVersionRow {
  overlay: CatalogOverlay
}

/** The overlays of every district; every call names its district (the distribution key on a citus store). */
export interface OverlayStorage {
  /** The district's active (latest) version number; 0 when it never published one. One indexed query. */
  latest(districtCode: string): Promise<number>
  /** The district's versions, newest first. */
  list(districtCode: string): Promise<OverlayVersionRow[]>
  get(districtCode: string, version: number): Promise<OverlayVersionFull | undefined>
  /** Publishes the district's next version number atomically and returns it. */
  publish(
    districtCode: string,
    overlay: CatalogOverlay,
    by: string,
    note: string,
    now: string,
  ): Promise<number>
  /** Every district's active version number, by district code: a cheap signature of every overlay in force. */
  activeVersions(): Promise<{ districtCode: string; version: number }[]>
  /** Every district's active version, with content: what report labels name (added items of any district). */
  activeOfAll(): Promise<OverlayVersionFull[]>
}
