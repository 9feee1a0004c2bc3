/**
 * The province as an organisation tree of national administrative division codes (GB/T 2260, 行政区划代码): six
 * digits, two for the province, two for the city, two for the district or county. The level is in the code
 * itself (province `440000`, city `441600`, district `441602`), so "within" is a prefix rule and needs no lookup.
 * Zod-free: the consoles import it.
 */

/** The three levels of the tree: 省, 市 and 区/县. */
export type DivisionLevel = 'province' | 'city' | 'district'

/** One division of the tree as the consoles list it. */
export interface Division {
  code: string
  nameZh: string
  nameEn: string
}

/** Guangdong (广东省), the root of the tree. */
export const PROVINCE_CODE = '440000'

/** 源城区, 河源市: the district of the demo year (its 2023 report), and where terminals from before districts stand. */
export const DEMO_DISTRICT_CODE = '441602'

/** True for six digits. */
export const isDivisionCode = (code: string): boolean => /^\d{6}$/.test(code)

/** The level a code names: `xx0000` a province, `xxxx00` a city, anything else a district or county. */
export function divisionLevel(code: string): DivisionLevel {
  if (code.endsWith('0000')) return 'province'
  return code.endsWith('00') ? 'city' : 'district'
}

/** The division one level up: a district's city, a city's province; null for a province. */
export function parentDivision(code: string): string | null {
  const level = divisionLevel(code)
  if (level === 'province') return null
  return level === 'city' ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`
}

/** The leading digits every division within `scope` shares: 2 for a province, 4 for a city, all 6 for a district. */
export function divisionPrefix(scope: string): string {
  const level = divisionLevel(scope)
  return scope.slice(0, level === 'province' ? 2 : level === 'city' ? 4 : 6)
}

/** True when `code` is `scope` or lies below it. */
export const withinDivision = (scope: string, code: string): boolean => code.startsWith(divisionPrefix(scope))

/**
 * Cities with no district or county below them (不设区的地级市): GB/T 2260 gives them no county-level codes, their
 * towns (镇, 街道) sit directly under the city. In Guangdong 东莞 and 中山; nationally also 嘉峪关 and 儋州.
 */
export const CITIES_WITHOUT_DISTRICTS: ReadonlySet<string> = new Set(['441900', '442000', '620200', '460400'])

/**
 * True for a division a terminal can stand in, which reports break down by: a district or county, or a city with
 * none below it (its terminals stand in the city itself).
 */
export const isTerminalDivision = (code: string): boolean =>
  divisionLevel(code) === 'district' || CITIES_WITHOUT_DISTRICTS.has(code)
