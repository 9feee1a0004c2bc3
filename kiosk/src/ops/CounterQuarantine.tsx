/** The counter quarantine (计数隔离): counters over the contract's bound, held out of the reports for ops to see. */
import { useState } from 'preact/hooks'
import { MAX_COUNTER_VALUE } from '../../../mock-backend/src/contract/constants'
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { commonMessages } from '../consoles/commonMessages'
import { counterMessages } from '../consoles/counterMessages'
import { errorText } from '../consoles/errorText'
import { formatDateTime } from '../consoles/format'
import { useLang, useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'

/** Loads the quarantine on open and on 刷新; counters carry no personal data, so every column is shown. */
export function CounterQuarantine({ client }: { client: StaffClient }) {
  const m = useMessages(counterMessages)
  const c = useMessages(commonMessages)
  const { lang } = useLang()
  const [reloadKey, setReloadKey] = useState(0)
  const { data, error } = useResource(client, OPS_ROUTES.counterQuarantine, {}, reloadKey)
  const rows = data?.rows ?? null

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
      {error !== null && (
        <p class="error" role="alert">
          {m.loadFailed}：{errorText(error, c)}
        </p>
      )}
      {rows?.length === 0 && <p class="muted">{m.none}</p>}
      {rows && rows.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (axe scrollable-region-focusable)
        // biome-ignore lint/a11y/useSemanticElements: a named group around the scroller, not a form fieldset
        <div class="table-scroll" role="group" aria-labelledby="quarantine-title" tabIndex={0}>
          <table>
            <caption class="visually-hidden">{m.title}</caption>
            <thead>
              <tr>
                <th scope="col">{m.col.terminal}</th>
                <th scope="col">{m.col.day}</th>
                <th scope="col">{m.col.item}</th>
                <th scope="col">{m.col.metric}</th>
                <th scope="col" class="num">
                  {m.col.value}
                </th>
                <th scope="col" class="num">
                  {m.col.times}
                </th>
                <th scope="col">{m.col.lastAt}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.terminalId}|${r.day}|${r.itemCode}|${r.metric}`}>
                  <th scope="row">{r.terminalName}</th>
                  <td>{r.day}</td>
                  <td>{r.itemCode || m.sessionItem}</td>
                  <td>{r.metric}</td>
                  <td class="num">{r.value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}</td>
                  <td class="num">{r.times}</td>
                  <td>{formatDateTime(r.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
