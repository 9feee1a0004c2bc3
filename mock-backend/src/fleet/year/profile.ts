/**
 * A year profile: everything the year's stream is generated from. `district2023` is the district of the report;
 * other profiles (a city, the province) are other values of the same shape.
 */
import { readFileSync } from 'node:fs'
import { Catalog, type ServiceItem } from '../../../../services-catalog/src/schema'
import type { CaseFigures } from './channels'
import {
  DISTRICT_BAD_RATINGS,
  DISTRICT_CASES,
  DISTRICT_RATINGS,
  DISTRICT_RESIDENTS,
  DISTRICT_TRANSACTIONS,
  DISTRICT_YEAR,
  DISTRICT_YELLOW_CARDS,
} from './figures'
import { districtSites, type TerminalSite } from './places'

/** What a year's stream is generated from. */
export interface YearProfile {
  name: string
  /** Every random choice derives from it: the same seed, the same year, byte for byte. */
  seed: string
  /** First and last day (Shanghai), inclusive. */
  from: string
  to: string
  terminals: readonly TerminalSite[]
  /** Transactions over the whole range, exactly. */
  transactions: number
  /** Size of the resident pool the records' identities come from. */
  residents: number
  /** Items the terminals offer (active, offered to every terminal). */
  items: readonly ServiceItem[]
  /** The catalog version the records name. */
  catalogVersion: number
  /**
   * The 好差评 / 效能监督 figures of every channel (channels.ts): the fleet then submits the other channels' cases
   * and every channel's ratings through the intake API. Absent: terminals only.
   */
  caseFigures?: CaseFigures
}

/** Items every terminal may submit: active and not limited to terminal groups. */
export function offeredItems(catalog: Catalog): ServiceItem[] {
  return catalog.items.filter((i) => i.status === '有效' && i.groups.length === 0)
}

/** Reads and validates a catalog file (the default catalog the backend publishes as version 1). */
export function readCatalog(path: string): Catalog {
  return Catalog.parse(JSON.parse(readFileSync(path, 'utf8')))
}

/** The district's 2023 as the report gives it (figures.ts), over the default catalog's offered items. */
export function district2023(catalog: Catalog, seed = 'district-2023'): YearProfile {
  return {
    name: 'district-2023',
    seed,
    from: `${DISTRICT_YEAR}-01-01`,
    to: `${DISTRICT_YEAR}-12-31`,
    terminals: districtSites(),
    transactions: DISTRICT_TRANSACTIONS,
    residents: DISTRICT_RESIDENTS,
    items: offeredItems(catalog),
    catalogVersion: 1,
    caseFigures: {
      cases: DISTRICT_CASES,
      ratings: DISTRICT_RATINGS,
      badRatings: DISTRICT_BAD_RATINGS,
      lateByDepartment: DISTRICT_YELLOW_CARDS,
    },
  }
}
