/**
 * The supervision summary per district, for an account above a district (a city, the province): each district's
 * 预警, 黄牌 and open follow-ups, and its 好差评 figures, so a city sees which district needs attention. Shown once
 * the summary spans two districts, as the dashboard's 按区县 daily counts.
 */
import type { DistrictSupervision as Row } from '../../../mock-backend/src/contract/staff'
import { formatCount } from '../consoles/format'
import { ScrollTable } from '../consoles/ScrollTable'
import { percent2 } from './supervisionApi'
import type { SupervisionMessages } from './supervisionMessages'

const COUNTS = ['warnings', 'yellowCards', 'openFollowUps'] as const
const FIGURES = ['cases', 'ratings', 'goodRate', 'bad', 'rectificationRate'] as const
const RATES: ReadonlySet<string> = new Set(['goodRate', 'rectificationRate'])

/** One row per district, by code. */
export function DistrictSupervision(props: {
  rows: readonly Row[]
  m: SupervisionMessages
  lang: 'zh' | 'en'
}) {
  const { rows, m, lang } = props
  return (
    <ScrollTable
      id="supervision-districts"
      caption={m.byDistrict}
      columns={[
        { label: m.district },
        ...COUNTS.map((k) => ({ label: m.districtCol[k], num: true })),
        ...FIGURES.map((k) => ({ label: m.fig[k], num: true })),
      ]}
    >
      {rows.map((r) => (
        <tr key={r.districtCode} data-district={r.districtCode}>
          <th scope="row">{r.districtName}</th>
          {COUNTS.map((k) => (
            <td class="num" key={k}>
              {formatCount(r[k], lang)}
            </td>
          ))}
          {FIGURES.map((k) => (
            <td class="num" key={k}>
              {RATES.has(k) ? percent2(r[k] as number | null) : formatCount(r[k] as number, lang)}
            </td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  )
}
