/** The ops console's 电子身份证 panel: codes accepted and refused per day and district (routes/identify.ts). */
import {
  EID_OUTCOMES,
  EID_ROUTES,
  type EidAttemptRow,
  type EidOutcome,
} from '../../../mock-backend/src/contract/eid'
import { useMessages } from '../consoles/i18n'
import { LoadedTable } from '../consoles/LoadedTable'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import type { DayRange } from './dateRanges'
import { eidFiguresMessages } from './eidFiguresMessages'

/** One day and district with a count per outcome. */
interface EidDayRow {
  day: string
  districtCode: string
  counts: Record<EidOutcome, number>
}

/** The stored rows (one per outcome) as one row per day and district. */
export function eidDayRows(rows: readonly EidAttemptRow[]): EidDayRow[] {
  const byKey = new Map<string, EidDayRow>()
  for (const r of rows) {
    const key = `${r.day} ${r.districtCode}`
    let row = byKey.get(key)
    if (!row) {
      row = {
        day: r.day,
        districtCode: r.districtCode,
        counts: { accepted: 0, forged: 0, expired: 0, replayed: 0 },
      }
      byKey.set(key, row)
    }
    row.counts[r.outcome] += r.count
  }
  return [...byKey.values()]
}

/** The counts of the range the dashboard shows. */
export function EidFigures({ client, range }: { client: StaffClient; range: DayRange }) {
  const m = useMessages(eidFiguresMessages)
  const { data, error } = useResource(client, EID_ROUTES.attempts, { query: range })
  return (
    <section class="card eid-figures" aria-labelledby="eid-figures-title" data-testid="eid-figures">
      <h2 id="eid-figures-title">{m.title}</h2>
      <p class="hint">{m.intro}</p>
      <LoadedTable
        rows={data ? eidDayRows(data.rows) : null}
        error={error}
        loadFailed={m.loadFailed}
        none={m.none}
        labelledBy="eid-figures-title"
        caption={m.title}
        columns={[
          { label: m.day },
          { label: m.district },
          ...EID_OUTCOMES.map((o) => ({ label: m[o], num: true })),
        ]}
      >
        {(rows) =>
          rows.map((r) => (
            <tr key={`${r.day}-${r.districtCode}`}>
              <td>{r.day}</td>
              <th scope="row">{r.districtCode}</th>
              {EID_OUTCOMES.map((o) => (
                <td class="num" key={o}>
                  {r.counts[o]}
                </td>
              ))}
            </tr>
          ))
        }
      </LoadedTable>
    </section>
  )
}
