/**
 * 效能监督 for ops: the 好差评 figures as the annual report states them, cases close to their promised
 * deadline (预警), overdue cases (黄牌) per department and month, and the 差评整改 follow-ups — each
 * exportable as CSV.
 */
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatCount, formatDateTime } from '../consoles/format'
import { useLang, useMessages } from '../consoles/i18n'
import { ScrollTable } from '../consoles/ScrollTable'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import { ChannelBreakdown } from './ChannelBreakdown'
import { DistrictSupervision } from './DistrictSupervision'
import { SupervisionFollowUp } from './SupervisionFollowUp'
import {
  cardGrid,
  type OpsCase,
  percent2,
  type SupervisionSummary,
  supervisionCsvUrls,
} from './supervisionApi'
import { type SupervisionMessages, supervisionMessages } from './supervisionMessages'

const FIGURES = ['cases', 'ratings', 'coverage', 'good', 'goodRate', 'bad', 'rectificationRate'] as const
const RATES: ReadonlySet<string> = new Set(['coverage', 'goodRate', 'rectificationRate'])

function limitText(c: OpsCase, m: SupervisionMessages): string {
  return c.limitDays === 0 ? m.immediate : m.limitDays(c.limitDays, c.limitUnit)
}

/** The supervision section of the ops dashboard. */
export function SupervisionPanel({ client }: { client: StaffClient }) {
  const m = useMessages(supervisionMessages)
  const c = useMessages(commonMessages)
  const { lang } = useLang()
  const [threshold, setThreshold] = useState(1)
  const [reloadKey, setReloadKey] = useState(0)
  const { data, error, loading } = useResource(
    client,
    OPS_ROUTES.supervisionSummary,
    { query: { threshold } },
    reloadKey,
  )
  const reload = () => setReloadKey((n) => n + 1)

  return (
    <section class="supervision" aria-labelledby="supervision-title" aria-busy={loading}>
      <div class="section-head">
        <h2 id="supervision-title">{m.title}</h2>
        <div class="table-tools">
          <label for="supervision-threshold">{m.threshold}</label>
          <input
            id="supervision-threshold"
            type="number"
            min={0}
            max={30}
            value={threshold}
            onInput={(e) => {
              const n = Number(e.currentTarget.value)
              if (Number.isInteger(n) && n >= 0 && n <= 30) setThreshold(n)
            }}
          />
          <button type="button" onClick={reload}>
            {m.reload}
          </button>
        </div>
      </div>
      {error !== null && (
        <p class="error banner" role="alert">
          {errorText(error, c)}
        </p>
      )}
      {data && <Body data={data} client={client} onChanged={reload} m={m} lang={lang} />}
    </section>
  )
}

function Body(props: {
  data: SupervisionSummary
  client: StaffClient
  onChanged: () => void
  m: SupervisionMessages
  lang: 'zh' | 'en'
}) {
  const { data, m, lang } = props
  const csv = supervisionCsvUrls(data)
  const f = data.ratings.figures
  const grid = cardGrid(data.yellowCards.byDepartmentMonth)
  const estimated = (c: OpsCase) => !c.calendarCovered && <span class="badge">{m.estimated}</span>
  /** The case tables' columns by message key; 剩余天数 is the one column of figures. */
  const cols = (...keys: (keyof SupervisionMessages['col'])[]) =>
    keys.map((k) => ({ label: m.col[k], num: k === 'daysLeft' }))
  return (
    <>
      <p class="muted">{m.intro(data.today)}</p>
      <p class="muted">{m.calendarNote(data.calendar.firstYear, data.calendar.lastYear)}</p>
      {data.byDistrict.length > 1 && <DistrictSupervision rows={data.byDistrict} m={m} lang={lang} />}

      <ExportCard
        id="sv-ratings"
        title={m.ratingsTitle}
        range={m.ratingsRange(data.ratings.from, data.ratings.to)}
        csvHref={csv.ratings}
      >
        <dl class="headlines supervision-figures">
          {FIGURES.map((k) => (
            <div key={k} class="stat" data-figure={k}>
              <dt>{m.fig[k]}</dt>
              <dd class="stat-value">
                {RATES.has(k) ? percent2(f[k] as number | null) : formatCount(f[k] as number, lang)}
              </dd>
              <dd class="hint">{m.figHint[k]}</dd>
            </div>
          ))}
        </dl>
        <ChannelBreakdown rows={data.ratings.byChannel} m={m} lang={lang} />
      </ExportCard>

      <ExportCard
        id="sv-warnings"
        title={m.warningsTitle}
        count={data.warnings.rows.length}
        csvHref={csv.warnings}
        empty={m.warningsNone}
      >
        {data.warnings.byDepartment.length > 0 && (
          <p>{data.warnings.byDepartment.map((d) => `${d.departmentName} ${d.count}`).join('，')}</p>
        )}
        <ScrollTable
          id="supervision-warnings"
          columns={cols('caseNumber', 'department', 'item', 'accepted', 'limit', 'due', 'daysLeft', 'status')}
        >
          {data.warnings.rows.map((w) => (
            <tr key={w.case.transactionKey}>
              <th scope="row">{w.case.caseNumber}</th>
              <td>{w.case.departmentNameZh}</td>
              <td>{w.case.itemNameZh}</td>
              <td>{formatDateTime(w.case.acceptedAt)}</td>
              <td>{limitText(w.case, m)}</td>
              <td>
                {w.case.dueDay}
                {estimated(w.case)}
              </td>
              <td class="num">{w.daysLeft}</td>
              <td>{w.case.status}</td>
            </tr>
          ))}
        </ScrollTable>
      </ExportCard>

      <ExportCard
        id="sv-yellow"
        title={m.yellowTitle}
        count={data.yellowCards.rows.length}
        range={`${data.yellowCards.from} – ${data.yellowCards.to}`}
        csvHref={csv.yellowCards}
        empty={m.yellowNone}
      >
        <p>
          {m.yellowByChannel(
            data.yellowCards.byChannel
              .map((y) => `${m.channels[y.channel]} ${formatCount(y.count, lang)}`)
              .join(lang === 'zh' ? '，' : ', '),
          )}
        </p>
        <ScrollTable
          id="supervision-yellow-grid"
          caption={m.yellowGrid}
          columns={[
            { label: m.col.department },
            ...grid.months.map((month) => ({ label: month, num: true })),
            { label: m.total, num: true },
          ]}
        >
          {grid.rows.map((r) => (
            <tr key={r.department}>
              <th scope="row">{r.departmentName}</th>
              {grid.months.map((month) => (
                <td class="num" key={month}>
                  {r.byMonth[month] ?? 0}
                </td>
              ))}
              <td class="num">{r.total}</td>
            </tr>
          ))}
        </ScrollTable>
        <ScrollTable
          id="supervision-yellow"
          columns={cols('caseNumber', 'department', 'item', 'due', 'overdueSince', 'status')}
        >
          {data.yellowCards.rows.map((y) => (
            <tr key={y.case.transactionKey}>
              <th scope="row">{y.case.caseNumber}</th>
              <td>{y.case.departmentNameZh}</td>
              <td>{y.case.itemNameZh}</td>
              <td>
                {y.case.dueDay}
                {estimated(y.case)}
              </td>
              <td>{y.overdueSince}</td>
              <td>{y.stillOpen ? `${y.case.status}（${m.stillOpen}）` : m.finishedLate}</td>
            </tr>
          ))}
        </ScrollTable>
      </ExportCard>

      <ExportCard
        id="sv-follow-ups"
        title={m.followUpsTitle}
        count={data.followUps.length}
        csvHref={csv.followUps}
        empty={m.followUpsNone}
      >
        <ScrollTable
          id="supervision-follow-ups"
          columns={cols(
            'caseNumber',
            'department',
            'item',
            'level',
            'followDue',
            'daysLeft',
            'state',
            'actions',
          )}
        >
          {data.followUps.map((row) => (
            <SupervisionFollowUp key={row.id} row={row} client={props.client} onChanged={props.onChanged} />
          ))}
        </ScrollTable>
      </ExportCard>
    </>
  )
}

/** One exportable card of the panel: its heading, an optional period, the CSV link, then the body. */
function ExportCard(props: {
  id: string
  title: string
  /** Rows listed, shown after the title. */
  count?: number
  range?: string
  csvHref: string
  /** Said instead of the body when the count is 0. */
  empty?: string
  children: ComponentChildren
}) {
  const m = useMessages(supervisionMessages)
  return (
    <section class="card" aria-labelledby={props.id}>
      <div class="section-head">
        <h3 id={props.id}>{props.count === undefined ? props.title : `${props.title}（${props.count}）`}</h3>
        {props.range !== undefined && <p class="muted">{props.range}</p>}
        <a class="button" href={props.csvHref} download>
          {m.exportCsv}
        </a>
      </div>
      {props.count === 0 && props.empty !== undefined ? <p class="muted">{props.empty}</p> : props.children}
    </section>
  )
}
