/** The ops console's 电子身份证 panel: codes accepted and refused per day and district (routes/identify.ts). */
import {
  EID_OUTCOMES,
  EID_ROUTES,
  type EidAttemptRow,
  type EidOutcome,
} from '../../../mock-backend/src/contract/eid'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import type { DayRange } from './dateRanges'
import { eidFiguresMessages } from './eidFiguresMessages'
import { FiguresCard } from './FiguresCard'

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
  return (
    <FiguresCard
      name="eid-figures"
      client={client}
      route={EID_ROUTES.attempts}
      range={range}
      text={m}
      rowsOf={(answer) => eidDayRows(answer.rows)}
      columns={[
        { label: m.day },
        { label: m.district },
        ...EID_OUTCOMES.map((o) => ({ label: m[o], num: true })),
      ]}
      row={(r) => (
        <tr key={`${r.day}-${r.districtCode}`}>
          <td>{r.day}</td>
          <th scope="row">{r.districtCode}</th>
          {EID_OUTCOMES.map((o) => (
            <td class="num" key={o}>
              {r.counts[o]}
            </td>
          ))}
        </tr>
      )}
    />
  )
}
