/** The ops console's 帮办 panel: calls, answered share and median wait per day and terminal (reports/helpFigures.ts). */
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { formatPercent } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import { LoadedTable } from '../consoles/LoadedTable'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import type { DayRange } from './dateRanges'
import { helpFiguresMessages } from './helpFiguresMessages'

/** The figures of the range the dashboard shows. */
export function HelpFigures({ client, range }: { client: StaffClient; range: DayRange }) {
  const m = useMessages(helpFiguresMessages)
  const { data, error } = useResource(client, OPS_ROUTES.helpFigures, { query: range })
  return (
    <section class="card help-figures" aria-labelledby="help-figures-title" data-testid="help-figures">
      <h2 id="help-figures-title">{m.title}</h2>
      <p class="hint">{m.intro}</p>
      <LoadedTable
        rows={data?.rows ?? null}
        error={error}
        loadFailed={m.loadFailed}
        none={m.none}
        labelledBy="help-figures-title"
        caption={m.title}
        columns={[
          { label: m.day },
          { label: m.terminal },
          { label: m.calls, num: true },
          { label: m.answered, num: true },
          { label: m.answeredShare, num: true },
          { label: m.medianWait, num: true },
        ]}
      >
        {(rows) =>
          rows.map((r) => (
            <tr key={`${r.day}-${r.terminalId}`}>
              <td>{r.day}</td>
              <th scope="row">{r.terminalId}</th>
              <td class="num">{r.calls}</td>
              <td class="num">{r.answered}</td>
              <td class="num">{formatPercent(r.answeredShare)}</td>
              <td class="num">{r.medianWaitMs === null ? '—' : m.seconds(r.medianWaitMs / 1000)}</td>
            </tr>
          ))
        }
      </LoadedTable>
    </section>
  )
}
