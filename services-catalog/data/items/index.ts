/** All department tables in home-screen order (公安, 人社, 税务, 医保, 民政 first, as the district lists them). */
import type { DepartmentTable } from './builders'
import { civil } from './civil'
import { disabled } from './disabled'
import { edu } from './edu'
import { health } from './health'
import { housing } from './housing'
import { housingFund } from './housingFund'
import { hrss } from './hrss'
import { judicial } from './judicial'
import { land } from './land'
import { market } from './market'
import { medicare } from './medicare'
import { police } from './police'
import { tax } from './tax'
import { transport } from './transport'
import { utilities } from './utilities'

/** Department order here is the order of the tiles and of the items in catalog.json. */
export const departmentTables: readonly DepartmentTable[] = [
  police,
  hrss,
  tax,
  medicare,
  civil,
  housingFund,
  land,
  housing,
  transport,
  health,
  edu,
  disabled,
  market,
  judicial,
  utilities,
]
