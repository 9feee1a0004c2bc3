/** Fleet health: every terminal's connectivity, backlog, printer and storage; flagged ones on top. */
import { deadLetterReasonList } from '../../../mock-backend/src/contract/deadLetters'
import { csvPath } from '../../../mock-backend/src/contract/fetchRoute'
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { FleetTerminal } from '../consoles/apiTypes'
import { formatAge, formatBytes, formatDateTime } from '../consoles/format'
import { useLang, useMessages } from '../consoles/i18n'
import { sortFleet } from './fleet'
import { opsMessages } from './messages'

type Props = { terminals: FleetTerminal[]; now: Date }

/** Lists terminals so a silent or backlogged one is the first thing ops sees. */
export function FleetTable({ terminals, now }: Props) {
  const m = useMessages(opsMessages)
  const { lang } = useLang()
  const rows = sortFleet(terminals, now)
  const flagged = rows.filter((r) => r.shownFlags.length > 0).length
  const age = (iso: string | null) => (iso ? m.ago(formatAge(now.getTime() - Date.parse(iso), lang)) : '—')
  const storage = (t: FleetTerminal) =>
    t.storage && t.storage.quota > 0
      ? `${formatBytes(t.storage.usage)} / ${formatBytes(t.storage.quota)} (${Math.round((t.storage.usage / t.storage.quota) * 100)}%)`
      : '—'
  const cols = m.fleetCol
  // Count, then the reasons in the contract's wording: kinds and statuses only, never a record's content.
  const deadLetters = (t: FleetTerminal) => {
    if (!t.deadLetters || t.deadLetters.count === 0) return '—'
    const reasons = deadLetterReasonList(t.deadLetters)
    return lang === 'zh'
      ? `${t.deadLetters.count}（${reasons.join('；')}）`
      : `${t.deadLetters.count} (${reasons.join('; ')})`
  }
  /** The agent's devices as "读卡器：正常；凭条打印机：缺纸" (— for simulated devices or no report yet). */
  const devices = (t: FleetTerminal) => {
    const entries = Object.entries(t.devices ?? {})
    if (entries.length === 0) return '—'
    return entries
      .map(
        ([kind, state]) =>
          `${m.deviceKind[kind] ?? kind}${lang === 'zh' ? '：' : ': '}${m.deviceState[state] ?? state}`,
      )
      .join(lang === 'zh' ? '；' : '; ')
  }
  return (
    <section class="card fleet" aria-labelledby="fleet-title">
      <div class="section-head">
        <h2 id="fleet-title">{m.fleet}</h2>
        {flagged > 0 && <p class="warning-text">{m.needsAttention(flagged)}</p>}
        <a class="button" href={csvPath(OPS_ROUTES.fleet)} download aria-describedby="fleet-title">
          {m.exportCsv}
        </a>
      </div>
      <p class="hint">{m.fleetCaption}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (axe scrollable-region-focusable) */}
      {/* biome-ignore lint/a11y/useSemanticElements: a named group around the scroller, not a form fieldset */}
      <div class="table-scroll" role="group" aria-labelledby="fleet-title" tabIndex={0}>
        <table>
          <caption class="visually-hidden">{m.fleet}</caption>
          <thead>
            <tr>
              <th scope="col">{cols.name}</th>
              <th scope="col">{cols.flags}</th>
              <th scope="col">{cols.location}</th>
              <th scope="col">{cols.district}</th>
              <th scope="col">{cols.status}</th>
              <th scope="col">{cols.lastSeen}</th>
              <th scope="col" class="num">
                {cols.queue}
              </th>
              <th scope="col">{cols.oldestUnsent}</th>
              <th scope="col">{cols.completeUntil}</th>
              <th scope="col">{cols.printer}</th>
              <th scope="col">{cols.storage}</th>
              <th scope="col">{cols.appVersion}</th>
              <th scope="col">{cols.catalogVersion}</th>
              <th scope="col">{cols.deadLetters}</th>
              <th scope="col">{cols.devices}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={15}>{m.noTerminals}</td>
              </tr>
            )}
            {rows.map((t) => (
              <tr key={t.id} class={t.shownFlags.length > 0 ? 'flagged' : ''}>
                <th scope="row">{t.name}</th>
                <td>
                  {t.shownFlags.map((flag) => (
                    <span key={flag} class="badge warning">
                      {m.flag[flag] ?? flag}
                    </span>
                  ))}
                </td>
                <td>{t.location}</td>
                <td>{t.districtName}</td>
                <td>
                  <span class={t.online ? 'dot online' : 'dot offline'} aria-hidden="true" />
                  {t.online ? m.online : m.offline}
                </td>
                <td>{age(t.lastSeenAt)}</td>
                <td class="num">{t.queueLength ?? '—'}</td>
                <td>{age(t.oldestUnsentAt)}</td>
                <td>{formatDateTime(t.lastSyncAt)}</td>
                <td>{t.printer ? (m.printer[t.printer] ?? t.printer) : '—'}</td>
                <td>{storage(t)}</td>
                <td>{t.appVersion ?? '—'}</td>
                <td>{t.catalogVersion ?? '—'}</td>
                <td>{deadLetters(t)}</td>
                <td>{devices(t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
