/** The ops console's 帮办 panel: calls, answered share and median wait per day and terminal (reports/helpFigures.ts). */
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { formatPercent } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import type { DayRange } from './dateRanges'
import { FiguresCard } from './FiguresCard'
import { helpFiguresMessages } from './helpFiguresMessages'

/** The figures of the range the dashboard shows. */
export function HelpFigures({ client, range }: { client: StaffClient; range: DayRange }) {
  const m = useMessages(helpFiguresMessages)
  return (
    <FiguresCard
      name="help-figures"
      client={client}
      route={OPS_ROUTES.helpFigures}
      range={range}
      text={m}
      rowsOf={(answer) => answer.rows}
      columns={[
        { label: m.day },
        { label: m.terminal },
        { label: m.calls, num: true },
        { label: m.answered, num: true },
        { label: m.answeredShare, num: true },
        { label: m.medianWait, num: true },
      ]}
      row={(r) => (
        <tr key={`${r.day}-${r.terminalId}`}>
          <td>{r.day}</td>
          <th scope="row">{r.terminalId}</th>
          <td class="num">{r.calls}</td>
          <td class="num">{r.answered}</td>
          <td class="num">{formatPercent(r.answeredShare)}</td>
          <td class="num">{r.medianWaitMs === null ? '—' : m.seconds(r.medianWaitMs / 1000)}</td>
        </tr>
      )}
    />
  )
}
