/**
 * Maps department codes to their simulated systems; unknown codes get the generic one.
 */
import { civilAdapter } from './adapters/civil'
import { genericAdapter } from './adapters/generic'
import { healthAdapter } from './adapters/health'
import { housingFundAdapter } from './adapters/housingFund'
import { hrssAdapter } from './adapters/hrss'
import { landAdapter } from './adapters/land'
import { marketAdapter } from './adapters/market'
import { medicareAdapter } from './adapters/medicare'
import { policeAdapter } from './adapters/police'
import { taxAdapter } from './adapters/tax'
import { transportAdapter } from './adapters/transport'
import { waterPowerAdapter } from './adapters/waterPower'
import type { DepartmentAdapter } from './types'

const ADAPTERS: readonly DepartmentAdapter[] = [
  policeAdapter,
  hrssAdapter,
  taxAdapter,
  medicareAdapter,
  civilAdapter,
  housingFundAdapter,
  landAdapter,
  transportAdapter,
  waterPowerAdapter,
  marketAdapter,
  healthAdapter,
]

const BY_CODE: ReadonlyMap<string, DepartmentAdapter> = new Map(ADAPTERS.map((a) => [a.code, a]))

/** The department codes with a dedicated simulator. */
export const KNOWN_DEPARTMENTS = ADAPTERS.map((a) => a.code)

/** The simulator for a department code (generic when none is dedicated). */
export function adapterFor(code: string): DepartmentAdapter {
  return BY_CODE.get(code) ?? genericAdapter
}
