/** The ops console's 代办 panel: per item, records and those an agent did for family or others (household/). */
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { useLang, useMessages } from '../consoles/i18n'
import { LoadedTable } from '../consoles/LoadedTable'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import { agencyFiguresMessages } from './agencyFiguresMessages'
import type { DayRange } from './dateRanges'

/** The share as a whole percentage with one decimal (0.0 % when an item has no records). */
const percent = (part: number, whole: number) => `${whole === 0 ? '0.0' : ((part / whole) * 100).toFixed(1)}%`

/** The figures of the range the dashboard shows; items with 代办 first, by share. */
export function AgencyFigures({ client, range }: { client: StaffClient; range: DayRange }) {
  const m = useMessages(agencyFiguresMessages)
  const { lang } = useLang()
  const { data, error } = useResource(client, OPS_ROUTES.agency, { query: range })
  const rows = data
    ? [...data.rows].sort(
        (a, b) =>
          (b.family + b.others) / b.records - (a.family + a.others) / a.records || b.records - a.records,
      )
    : null
  return (
    <section class="card agency-figures" aria-labelledby="agency-figures-title" data-testid="agency-figures">
      <h2 id="agency-figures-title">{m.title}</h2>
      <p class="hint">{m.intro}</p>
      <LoadedTable
        rows={rows}
        error={error}
        loadFailed={m.loadFailed}
        none={m.none}
        labelledBy="agency-figures-title"
        caption={m.title}
        columns={[
          { label: m.item },
          { label: m.records, num: true },
          { label: m.family, num: true },
          { label: m.others, num: true },
          { label: m.share, num: true },
        ]}
      >
        {(shown) =>
          shown.map((r) => (
            <tr key={r.itemCode} data-key={r.itemCode}>
              <th scope="row">{(r.itemName && (r.itemName[lang] || r.itemName.zh)) ?? r.itemCode}</th>
              <td class="num">{r.records}</td>
              <td class="num">{r.family}</td>
              <td class="num">{r.others}</td>
              <td class="num">{percent(r.family + r.others, r.records)}</td>
            </tr>
          ))
        }
      </LoadedTable>
    </section>
  )
}
