/**
 * The province profile's shape: 20,000 village terminals (about one per administrative village of Guangdong) in
 * its 21 prefecture-level cities, offering the default catalog, at the district's measured rate per terminal. The
 * records come from the one year generator (year/stream.ts) over a province-sized YearProfile, so they are the
 * district's mix of items, hours and visits, seeded: every run makes the same keys.
 */
import type { Catalog } from '../../../../services-catalog/src/schema'
import { GUANGDONG_DIVISIONS } from '../../divisions/guangdong'
import { GUANGDONG_COUNTIES, terminalDivisionsOf } from '../../divisions/guangdongCounties'
import { apportion } from '../year/apportion'
import { DISTRICT_RESIDENTS, DISTRICT_TERMINALS, DISTRICT_TRANSACTIONS, DISTRICT_YEAR } from '../year/figures'
import type { TerminalSite } from '../year/places'
import { offeredItems, type YearProfile } from '../year/profile'

/** Terminals of the province: one per administrative village, about 20,000 (the figure). */
export const PROVINCE_TERMINALS = 20_000
/** Guangdong's 21 prefecture-level cities (地级市), in the province's usual order. */
export const PROVINCE_CITIES: readonly string[] = [
  '广州',
  '深圳',
  '珠海',
  '汕头',
  '佛山',
  '韶关',
  '河源',
  '梅州',
  '惠州',
  '汕尾',
  '东莞',
  '中山',
  '江门',
  '阳江',
  '湛江',
  '茂名',
  '肇庆',
  '清远',
  '潮州',
  '揭阳',
  '云浮',
]
/** The simulated day the phases replay (a Monday, a working day): its records carry this date. */
export const PROVINCE_DAY = '2024-03-04'
const MS_PER_DAY = 86_400_000
/** Days in the report's year. */
const YEAR_DAYS = (Date.UTC(DISTRICT_YEAR + 1, 0, 1) - Date.UTC(DISTRICT_YEAR, 0, 1)) / MS_PER_DAY
/** The district's measured rate, from the report's figures: 113,212 ÷ 85 terminals ÷ 365 days ≈ 3.65. */
export const TRANSACTIONS_PER_TERMINAL_DAY = DISTRICT_TRANSACTIONS / DISTRICT_TERMINALS / YEAR_DAYS
/** Residents a terminal serves, as in the district: 21,763 ÷ 85 ≈ 256. */
const RESIDENTS_PER_TERMINAL = DISTRICT_RESIDENTS / DISTRICT_TERMINALS

/** A city's code in the start set, by its short name (广州 → 440100). */
function cityCode(city: string): string {
  const found = GUANGDONG_DIVISIONS.find((d) => d.nameZh === `${city}市`)
  if (!found) throw new Error(`${city}市 is not in GUANGDONG_DIVISIONS`)
  return found.code
}

/**
 * `terminals` village terminals spread evenly over the 21 cities, and within a city evenly over its districts and
 * counties (GUANGDONG_COUNTIES; 东莞 and 中山 stand in the city), in a fixed order (index = identity).
 */
export function provinceSites(terminals: number): TerminalSite[] {
  const perCity = apportion(
    terminals,
    PROVINCE_CITIES.map(() => 1),
  )
  return PROVINCE_CITIES.flatMap((city, c) => {
    const divisions = terminalDivisionsOf(cityCode(city))
    const perDivision = apportion(
      perCity[c]!,
      divisions.map(() => 1),
    )
    let villages = 0
    return divisions.flatMap((districtCode, d) => {
      const county = GUANGDONG_COUNTIES.find((x) => x.code === districtCode)?.nameZh ?? ''
      return Array.from({ length: perDivision[d]! }, () => {
        const village = String(++villages).padStart(4, '0')
        return {
          name: `${city}市 村级终端 ${village}`,
          location: `${city}市${county} 第${village}村 党群服务中心`,
          weight: 1,
          districtCode,
        }
      })
    })
  })
}

/**
 * The province over `days` days from PROVINCE_DAY: `terminals` terminals at the district's rate per terminal and
 * day on average, spread over the days by weekday as the district's year is (a Monday gets more than a Sunday).
 */
export function provinceProfile(catalog: Catalog, terminals: number, days: number): YearProfile {
  const to = new Date(Date.parse(`${PROVINCE_DAY}T00:00:00Z`) + (days - 1) * MS_PER_DAY)
  return {
    name: 'province',
    seed: 'province',
    from: PROVINCE_DAY,
    to: to.toISOString().slice(0, 10),
    terminals: provinceSites(terminals),
    transactions: Math.round(terminals * TRANSACTIONS_PER_TERMINAL_DAY * days),
    residents: Math.round(terminals * RESIDENTS_PER_TERMINAL),
    items: offeredItems(catalog),
    catalogVersion: 1,
  }
}
