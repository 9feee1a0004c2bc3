/**
 * The supervision summary per district, for an account above a district (a city, the province): each district's
 * 预警, 黄牌 and open follow-ups, and its 好差评 figures, so a city sees which district needs attention. Shown once
 * the summary spans two districts, as the dashboard's 按区县 daily counts.
 */
import type { DistrictSupervision as Row } from '../../../mock-backend/src/contract/staff'
import { figureColumns } from './ChannelBreakdown'
import { FiguresTable } from './FiguresTable'
import type { SupervisionMessages } from './supervisionMessages'

const COUNTS = ['warnings', 'yellowCards', 'openFollowUps'] as const
const FIGURES = ['cases', 'ratings', 'goodRate', 'bad', 'rectificationRate'] as const

/** One row per district, by code. */
export function DistrictSupervision(props: {
  rows: readonly Row[]
  m: SupervisionMessages
  lang: 'zh' | 'en'
}) {
  const { rows, m, lang } = props
  return (
    <FiguresTable
      id="supervision-districts"
      caption={m.byDistrict}
      nameLabel={m.district}
      columns={[
        ...COUNTS.map((k) => ({ label: m.districtCol[k], value: (r: Row) => r[k] })),
        ...figureColumns<Row>(FIGURES, m),
      ]}
      rows={rows}
      rowKey={(r) => r.districtCode}
      name={(r) => r.districtName}
      lang={lang}
    />
  )
}
