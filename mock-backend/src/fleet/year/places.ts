/**
 * Where the district's 85 terminals stand, as the report lists the kinds of place (区、镇(街)、村(社区)、太平古街
 * 商圈、区工业园管委会, with 农商行 and 交通银行). Street, town and village names are shaped on the district's, for a
 * demo: not a register of real sites.
 */
import { DISTRICT_TERMINALS } from './figures'

/** One terminal's site: what admins see as its name and location, and how busy it is relative to others. */
export interface TerminalSite {
  name: string
  location: string
  /** Relative share of the district's transactions (the centre's hall is busiest, a village quietest). */
  weight: number
  /** The division it stands in (the province profile's); the district's own sites stand in the demo district. */
  districtCode?: string
}

/** The district's streets (街道) and towns (镇), with their communities (社区) or villages (村). */
const AREAS: readonly { area: string; places: readonly string[] }[] = [
  { area: '上城街道', places: ['沿江社区', '中山社区', '文明社区', '太平社区', '红星社区', '新民社区'] },
  { area: '新江街道', places: ['东华社区', '东源社区', '公园社区', '新江社区', '珠江社区', '大桥社区'] },
  { area: '东埔街道', places: ['东埔社区', '宝源社区', '东风社区', '长安社区', '城东社区', '建设社区'] },
  { area: '源西街道', places: ['源西社区', '新塘社区', '南堤社区', '西环社区', '龙岭社区', '黄沙社区'] },
  {
    area: '高埔岗街道',
    places: ['高埔岗社区', '广晟社区', '杨子山社区', '站前社区', '和平社区', '兴源社区'],
  },
  {
    area: '埔前镇',
    places: [
      '埔前村',
      '大塘村',
      '联光村',
      '坪围村',
      '高塘村',
      '莲塘村',
      '新村村',
      '陂角村',
      '上莞村',
      '下莞村',
      '石陂村',
      '黄田村',
      '横岭村',
    ],
  },
  {
    area: '源南镇',
    places: [
      '双下村',
      '东江村',
      '塔下村',
      '雅色村',
      '金龙村',
      '福新村',
      '江东村',
      '新风村',
      '围垅村',
      '水坑村',
      '岭下村',
      '赤岭村',
    ],
  },
]

/** Bank branches (网点) hosting a terminal: 源城农商银行 and 交通银行, as the report's partners. */
const BANK_BRANCHES: readonly string[] = [
  '源城农商银行营业部',
  '源城农商银行上城支行',
  '源城农商银行新江支行',
  '源城农商银行东埔支行',
  '源城农商银行源西支行',
  '源城农商银行高埔岗支行',
  '源城农商银行埔前支行',
  '源城农商银行源南支行',
  '源城农商银行越王支行',
  '源城农商银行长安支行',
  '源城农商银行大桥支行',
  '源城农商银行兴源支行',
  '源城农商银行建设支行',
  '源城农商银行宝源支行',
  '交通银行河源分行营业部',
  '交通银行河源新江支行',
  '交通银行河源东埔支行',
  '交通银行河源源西支行',
]

/** Relative busyness of each kind of site. */
const WEIGHTS = { hall: 3, park: 1.2, street: 1.4, bank: 1.5, community: 0.8, village: 0.6 } as const

/** The district's terminals, in a fixed order (their index is their identity in the year's stream). */
export function districtSites(): TerminalSite[] {
  const sites: TerminalSite[] = []
  for (const n of [1, 2, 3])
    sites.push({ name: `区政务服务中心 ${n}号机`, location: '源城区政务服务中心大厅', weight: WEIGHTS.hall })
  sites.push({ name: '区工业园管委会', location: '源城区工业园管委会服务大厅', weight: WEIGHTS.park })
  sites.push({ name: '太平古街商圈', location: '太平古街商圈便民服务点', weight: WEIGHTS.park })
  for (const { area } of AREAS)
    sites.push({ name: `${area}便民服务中心`, location: `源城区${area}便民服务中心`, weight: WEIGHTS.street })
  for (const branch of BANK_BRANCHES)
    sites.push({ name: branch, location: `${branch}自助服务区`, weight: WEIGHTS.bank })
  for (const { area, places } of AREAS)
    for (const place of places) {
      const village = place.endsWith('村')
      sites.push({
        name: `${area.replace(/(街道|镇)$/, '')}${place}`,
        location: `源城区${area}${place}党群服务中心`,
        weight: village ? WEIGHTS.village : WEIGHTS.community,
      })
    }
  if (sites.length !== DISTRICT_TERMINALS)
    throw new Error(`the district's sites number ${sites.length}, not ${DISTRICT_TERMINALS}`)
  return sites
}
