/**
 * The 好差评 figures per channel (自助终端, 窗口, 网上): the report's figures cover every channel, so ops see
 * which channel the cases, ratings and bad ratings came from. Channels come from the contract, in its order.
 */
import type { ChannelFigures } from '../../../mock-backend/src/contract/staff'
import { type FigureColumn, FiguresTable } from './FiguresTable'
import type { SupervisionMessages } from './supervisionMessages'

const COLUMNS = ['cases', 'ratings', 'coverage', 'goodRate', 'bad', 'rectificationRate'] as const
const RATES: ReadonlySet<string> = new Set(['coverage', 'goodRate', 'rectificationRate'])

/** The report's figure columns, `keys` of them, with their headings. */
export function figureColumns<R extends ChannelFigures | Omit<ChannelFigures, 'channel'>>(
  keys: readonly (keyof SupervisionMessages['fig'] & keyof R)[],
  m: SupervisionMessages,
): FigureColumn<R>[] {
  return keys.map((k) => ({ label: m.fig[k], value: (r) => r[k] as number | null, rate: RATES.has(k) }))
}

/** One row per channel, each with the figures the report gives. */
export function ChannelBreakdown(props: {
  rows: readonly ChannelFigures[]
  m: SupervisionMessages
  lang: 'zh' | 'en'
}) {
  const { rows, m, lang } = props
  return (
    <FiguresTable
      id="supervision-channels"
      caption={m.byChannel}
      nameLabel={m.channel}
      columns={figureColumns<ChannelFigures>(COLUMNS, m)}
      rows={rows}
      rowKey={(r) => r.channel}
      name={(r) => m.channels[r.channel]}
      lang={lang}
    />
  )
}
