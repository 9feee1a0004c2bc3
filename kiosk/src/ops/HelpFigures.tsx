/** The ops console's 帮办 panel: calls, answered share and median wait per day and terminal (reports/helpFigures.ts). */
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatPercent } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import type { DayRange } from './dateRanges'
import { helpFiguresMessages } from './helpFiguresMessages'

/** The figures of the range the dashboard shows. */
export function HelpFigures({ client, range }: { client: StaffClient; range: DayRange }) {
  const m = useMessages(helpFiguresMessages)
  const c = useMessages(commonMessages)
  const { data, error } = useResource(client, OPS_ROUTES.helpFigures, { query: range })
  const rows = data?.rows ?? null
  return (
    <section class="card help-figures" aria-labelledby="help-figures-title" data-testid="help-figures">
      <h2 id="help-figures-title">{m.title}</h2>
      <p class="hint">{m.intro}</p>
      {error !== null && (
        <p class="error" role="alert">
          {m.loadFailed}：{errorText(error, c)}
        </p>
      )}
      {rows?.length === 0 && <p class="muted">{m.none}</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{m.day}</th>
              <th scope="col">{m.terminal}</th>
              <th scope="col">{m.calls}</th>
              <th scope="col">{m.answered}</th>
              <th scope="col">{m.answeredShare}</th>
              <th scope="col">{m.medianWait}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.day}-${r.terminalId}`}>
                <td>{r.day}</td>
                <td>{r.terminalId}</td>
                <td>{r.calls}</td>
                <td>{r.answered}</td>
                <td>{formatPercent(r.answeredShare)}</td>
                <td>{r.medianWaitMs === null ? '—' : m.seconds(r.medianWaitMs / 1000)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
