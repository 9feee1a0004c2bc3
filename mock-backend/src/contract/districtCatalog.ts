/**
 * The district catalog (本区县事项, #15) as the admin console and the API exchange it: a district's additions to the
 * province catalog and its withdrawals of province items. Zod-free: the consoles import it.
 */
import type { CatalogDiff } from '../../../services-catalog/src/diff'
import type { ImportReport, Problem } from '../../../services-catalog/src/problems'
import type { Department, ServiceItem } from '../../../services-catalog/src/schema'

/**
 * A candidate overlay, sent whole to check, diff and publish (nothing is kept between the steps, so any node
 * answers each): an additions file (CSV or JSON, as the province catalog's; base64 of its bytes), `null` for no
 * additions at all, or absent to keep the active additions; and the province item codes to withdraw.
 */
export interface DistrictCatalogCandidate {
  file?: { name: string; base64: string } | null
  withdrawals: string[]
}

/** Body of a publish: the candidate and an optional note. */
export type DistrictCatalogPublishRequest = DistrictCatalogCandidate & { note?: string }

/** A province item as the withdrawal list shows it. */
export interface ProvinceItemChoice {
  code: string
  name: { zh: string; en: string }
  department: string
}

/** `GET /api/admin/district-catalog`: the account's district, its active overlay and the province items. */
export interface DistrictCatalogAnswer {
  districtCode: string
  /** The active overlay version; 0 before the district published one. */
  version: number
  provinceVersion: number
  departments: Department[]
  additions: ServiceItem[]
  withdrawals: string[]
  /** Additions the province catalog now holds an item of the same code for: the province's item is served. */
  shadowed: string[]
  /** Withdrawals of codes the province catalog no longer has: they withdraw nothing. */
  lapsed: string[]
  /** Every province item, for the withdrawal list. */
  provinceItems: ProvinceItemChoice[]
}

/** `POST /api/admin/district-catalog/validate`: the additions file's import report (if any) and every problem. */
export interface DistrictCatalogCheck {
  ok: boolean
  /** The additions file's own report; null when the candidate kept the active additions. */
  import: ImportReport | null
  /** The file's problems and the overlay's own (an addition under a province code, an unknown withdrawal). */
  problems: Problem[]
  additions: number
  withdrawals: number
}

/** `POST /api/admin/district-catalog/diff`: what publishing the candidate would change in the district. */
export interface DistrictCatalogDiff {
  /** The additions compared as a catalog: added, removed and changed items. */
  additions: CatalogDiff
  /** Province items the candidate newly withdraws. */
  withdrawn: { code: string; name: string }[]
  /** Province items withdrawn now that the candidate offers again. */
  restored: { code: string; name: string }[]
}

/** One row of `GET /api/admin/district-catalog/versions`. */
export interface DistrictCatalogVersion {
  version: number
  publishedAt: string
  publishedBy: string
  note: string
  additionCount: number
  withdrawalCount: number
  active: boolean
}

/** Answer of a publish or rollback of a district's overlay. */
export interface DistrictCatalogPublished {
  districtCode: string
  version: number
  publishedAt: string
  publishedBy: string
  /** Set by a rollback: the version whose content was published again. */
  rolledBackTo?: number
}
