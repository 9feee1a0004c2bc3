/** The counter quarantine (计数隔离): counters over the contract's bound, held out of the reports for ops to see. */
import { useState } from 'preact/hooks'
import { MAX_COUNTER_VALUE } from '../../../mock-backend/src/contract/constants'
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { counterMessages } from '../consoles/counterMessages'
import { formatDateTime } from '../consoles/format'
import { useLang, useMessages } from '../consoles/i18n'
import { LoadedTable } from '../consoles/LoadedTable'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'

/** Loads the quarantine on open and on 刷新; counters carry no personal data, so every column is shown. */
export function CounterQuarantine({ client }: { client: StaffClient }) {
  const m = useMessages(counterMessages)
  const { lang } = useLang()
  const [reloadKey, setReloadKey] = useState(0)
  const { data, error } = useResource(client, OPS_ROUTES.counterQuarantine, {}, reloadKey)

  const bound = MAX_COUNTER_VALUE.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')
  return (
    <section class="card quarantine" aria-labelledby="quarantine-title">
      <div class="section-head">
        <h2 id="quarantine-title">{m.title}</h2>
        <button type="button" onClick={() => setReloadKey((n) => n + 1)}>
          {m.reload}
        </button>
      </div>
      <p class="hint">{m.intro(bound)}</p>
      <LoadedTable
        rows={data?.rows ?? null}
        error={error}
        loadFailed={m.loadFailed}
        none={m.none}
        labelledBy="quarantine-title"
        caption={m.title}
        columns={[
          { label: m.col.terminal },
          { label: m.col.day },
          { label: m.col.item },
          { label: m.col.metric },
          { label: m.col.value, num: true },
          { label: m.col.times, num: true },
          { label: m.col.lastAt },
        ]}
      >
        {(rows) =>
          rows.map((r) => (
            <tr key={`${r.terminalId}|${r.day}|${r.itemCode}|${r.metric}`}>
              <th scope="row">{r.terminalName}</th>
              <td>{r.day}</td>
              <td>{r.itemCode || m.sessionItem}</td>
              <td>{r.metric}</td>
              <td class="num">{r.value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}</td>
              <td class="num">{r.times}</td>
              <td>{formatDateTime(r.lastAt)}</td>
            </tr>
          ))
        }
      </LoadedTable>
    </section>
  )
}
