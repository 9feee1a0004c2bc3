/**
 * The 好差评 figures per channel (自助终端, 窗口, 网上): the report's figures cover every channel, so ops see
 * which channel the cases, ratings and bad ratings came from. Channels come from the contract, in its order.
 */
import type { ChannelFigures } from '../../../mock-backend/src/contract/staff'
import { formatCount } from '../consoles/format'
import { ScrollTable } from '../consoles/ScrollTable'
import { percent2 } from './supervisionApi'
import type { SupervisionMessages } from './supervisionMessages'

const COLUMNS = ['cases', 'ratings', 'coverage', 'goodRate', 'bad', 'rectificationRate'] as const
const RATES: ReadonlySet<string> = new Set(['coverage', 'goodRate', 'rectificationRate'])

/** One row per channel, each with the figures the report gives. */
export function ChannelBreakdown(props: {
  rows: readonly ChannelFigures[]
  m: SupervisionMessages
  lang: 'zh' | 'en'
}) {
  const { rows, m, lang } = props
  return (
    <ScrollTable
      id="supervision-channels"
      caption={m.byChannel}
      columns={[{ label: m.channel }, ...COLUMNS.map((k) => ({ label: m.fig[k], num: true }))]}
    >
      {rows.map((r) => (
        <tr key={r.channel} data-channel={r.channel}>
          <th scope="row">{m.channels[r.channel]}</th>
          {COLUMNS.map((k) => (
            <td class="num" key={k}>
              {RATES.has(k) ? percent2(r[k] as number | null) : formatCount(r[k] as number, lang)}
            </td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  )
}
