/** The ops console's 缴费 panel: paid, abandoned (per reason), failed and refunded orders (payments/gateway.ts). */
import type { FailureReason } from '../../../mock-backend/src/contract/paymentRules'
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import type { DayRange } from './dateRanges'
import { FiguresCard } from './FiguresCard'
import { paymentFiguresMessages } from './paymentFiguresMessages'

/** The figures of the range the dashboard shows. */
export function PaymentFigures({ client, range }: { client: StaffClient; range: DayRange }) {
  const m = useMessages(paymentFiguresMessages)
  return (
    <FiguresCard
      name="payment-figures"
      client={client}
      route={OPS_ROUTES.payments}
      range={range}
      text={m}
      rowsOf={(answer) => answer.rows}
      columns={[{ label: m.kind }, { label: m.count, num: true }, { label: m.amount, num: true }]}
      row={(r) => (
        <tr key={`${r.status}-${r.reason}`} data-key={`${r.status}-${r.reason ?? ''}`}>
          <th scope="row">
            {r.status === 'failed' && r.reason && r.reason in m.reason
              ? m.failedBecause(m.reason[r.reason as FailureReason])
              : m.status[r.status]}
          </th>
          <td class="num">{r.count}</td>
          <td class="num">{(r.totalFen / 100).toFixed(2)}</td>
        </tr>
      )}
    />
  )
}
