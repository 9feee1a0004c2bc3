/** The ops console's 缴费 panel: paid, abandoned (per reason), failed and refunded orders (payments/gateway.ts). */
import type { FailureReason } from '../../../mock-backend/src/contract/paymentRules'
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { useMessages } from '../consoles/i18n'
import { LoadedTable } from '../consoles/LoadedTable'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import type { DayRange } from './dateRanges'
import { paymentFiguresMessages } from './paymentFiguresMessages'

/** The figures of the range the dashboard shows. */
export function PaymentFigures({ client, range }: { client: StaffClient; range: DayRange }) {
  const m = useMessages(paymentFiguresMessages)
  const { data, error } = useResource(client, OPS_ROUTES.payments, { query: range })
  return (
    <section
      class="card payment-figures"
      aria-labelledby="payment-figures-title"
      data-testid="payment-figures"
    >
      <h2 id="payment-figures-title">{m.title}</h2>
      <p class="hint">{m.intro}</p>
      <LoadedTable
        rows={data?.rows ?? null}
        error={error}
        loadFailed={m.loadFailed}
        none={m.none}
        labelledBy="payment-figures-title"
        caption={m.title}
        columns={[{ label: m.kind }, { label: m.count, num: true }, { label: m.amount, num: true }]}
      >
        {(rows) =>
          rows.map((r) => (
            <tr key={`${r.status}-${r.reason}`} data-key={`${r.status}-${r.reason ?? ''}`}>
              <th scope="row">
                {r.status === 'failed' && r.reason && r.reason in m.reason
                  ? m.failedBecause(m.reason[r.reason as FailureReason])
                  : m.status[r.status]}
              </th>
              <td class="num">{r.count}</td>
              <td class="num">{(r.totalFen / 100).toFixed(2)}</td>
            </tr>
          ))
        }
      </LoadedTable>
    </section>
  )
}
