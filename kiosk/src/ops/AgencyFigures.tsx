/** The ops console's 代办 panel: per item, records and those an agent did for family or others (household/). */
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { formatPercent } from '../consoles/format'
import { useLang, useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { agencyFiguresMessages } from './agencyFiguresMessages'
import type { DayRange } from './dateRanges'
import { FiguresCard } from './FiguresCard'

/** The share of a row's records done by an agent (0 for an item without records). */
const agencyShare = (r: { records: number; family: number; others: number }) =>
  r.records === 0 ? 0 : (r.family + r.others) / r.records

/** The figures of the range the dashboard shows; items with 代办 first, by share. */
export function AgencyFigures({ client, range }: { client: StaffClient; range: DayRange }) {
  const m = useMessages(agencyFiguresMessages)
  const { lang } = useLang()
  return (
    <FiguresCard
      name="agency-figures"
      client={client}
      route={OPS_ROUTES.agency}
      range={range}
      text={m}
      rowsOf={(answer) =>
        [...answer.rows].sort((a, b) => agencyShare(b) - agencyShare(a) || b.records - a.records)
      }
      columns={[
        { label: m.item },
        { label: m.records, num: true },
        { label: m.family, num: true },
        { label: m.others, num: true },
        { label: m.share, num: true },
      ]}
      row={(r) => (
        <tr key={r.itemCode} data-key={r.itemCode}>
          <th scope="row">{(r.itemName && (r.itemName[lang] || r.itemName.zh)) ?? r.itemCode}</th>
          <td class="num">{r.records}</td>
          <td class="num">{r.family}</td>
          <td class="num">{r.others}</td>
          <td class="num">{formatPercent(agencyShare(r))}</td>
        </tr>
      )}
    />
  )
}
