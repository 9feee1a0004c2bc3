/** The ops dashboard page: range, headline figures, charts, breakdown tables and fleet health. */
import { useMemo, useState } from 'preact/hooks'
import type { CountRow } from '../consoles/apiTypes'
import { ConsoleShell } from '../consoles/ConsoleShell'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatClock, formatDateTime } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { AgencyFigures } from './AgencyFigures'
import { itemsOfDepartment } from './aggregate'
import { BreakdownTable } from './BreakdownTable'
import { CounterQuarantine } from './CounterQuarantine'
import { countsCsvUrl } from './countsUrl'
import { type DayRange, listDays, previousRange, quickRange } from './dateRanges'
import { EidFigures } from './EidFigures'
import { FleetTable } from './FleetTable'
import { Headlines } from './Headlines'
import { HelpFigures } from './HelpFigures'
import { opsMessages } from './messages'
import { sumFigures } from './metrics'
import { PaymentFigures } from './PaymentFigures'
import { completeUntilMs, provisionalDays } from './provisional'
import { RangePicker } from './RangePicker'
import { RatingChart } from './RatingChart'
import { SupervisionPanel } from './SupervisionPanel'
import { TrendChart } from './TrendChart'
import { useOpsData } from './useOpsData'

/** The whole ops console, behind the staff login (role ops). */
export function OpsApp({ client }: { client: StaffClient }) {
  const m = useMessages(opsMessages)
  return (
    <ConsoleShell client={client} staffRole="ops" title={m.title}>
      {() => <Dashboard client={client} />}
    </ConsoleShell>
  )
}

/** The dashboard; every figure, supervision included, covers the account's districts only (auth/scope.ts). */
function Dashboard({ client }: { client: StaffClient }) {
  const m = useMessages(opsMessages)
  const c = useMessages(commonMessages)
  const [range, setRange] = useState<DayRange>(() => quickRange('today', new Date()))
  const [drill, setDrill] = useState<{ key: string; label: string } | null>(null)
  const { snapshot, error, loading } = useOpsData(client, range)

  const shownRange = snapshot?.range ?? range
  const days = useMemo(() => listDays(shownRange), [shownRange])
  const now = snapshot?.fetchedAt ?? new Date()
  const provisional = useMemo(
    () => (snapshot ? provisionalDays(days, snapshot.terminals, snapshot.fetchedAt) : new Set<string>()),
    [days, snapshot],
  )
  const until = snapshot ? completeUntilMs(snapshot.terminals, snapshot.fetchedAt) : null
  const prev = previousRange(shownRange)
  const drillItems = snapshot && drill ? itemsOfDepartment(snapshot.byItem, drill.key) : null

  const changeRange = (next: DayRange) => {
    setDrill(null)
    setRange(next)
  }
  const drillInto = (row: CountRow) => row.key && setDrill({ key: row.key, label: row.label ?? row.key })

  return (
    <div class="ops" aria-busy={loading}>
      <RangePicker range={range} onChange={changeRange} />
      <div class="status-line">
        <p>{m.showing(shownRange.from, shownRange.to)}</p>
        <p class="muted">{m.comparedWith(prev.from, prev.to)}</p>
        {snapshot && (
          <p class="muted">
            {until === null
              ? m.completeUnknown
              : Number.isFinite(until)
                ? m.completeUntil(formatDateTime(new Date(until).toISOString()))
                : ''}
          </p>
        )}
        <p class="updated" aria-live="off">
          {snapshot ? m.updatedAt(formatClock(snapshot.fetchedAt)) : m.loadingData}
        </p>
      </div>
      {error !== null && (
        <p class="error banner" role="alert">
          {snapshot ? m.refreshFailed : m.loadFailed}：{errorText(error, c)}
        </p>
      )}
      {snapshot && (
        <>
          <Headlines
            current={snapshot.daily.totals ?? sumFigures(snapshot.daily.rows)}
            previous={snapshot.previous.totals ?? sumFigures(snapshot.previous.rows)}
            provisional={provisional.size > 0}
          />
          <section aria-labelledby="charts-title" class="charts">
            <h2 id="charts-title">{m.charts}</h2>
            <div class="chart-grid">
              <TrendChart days={days} rows={snapshot.daily.rows} provisional={provisional} />
              <RatingChart totals={snapshot.daily.totals ?? sumFigures(snapshot.daily.rows)} />
            </div>
          </section>
          <section aria-labelledby="breakdown-title" class="breakdowns">
            <h2 id="breakdown-title">{m.breakdown}</h2>
            <BreakdownTable
              id="by-department"
              title={m.byDepartment}
              rows={snapshot.byDepartment}
              csvHref={countsCsvUrl(shownRange, 'department')}
              onDrill={drillInto}
            />
            {drill && !drillItems && (
              <p class="notice" role="status">
                {m.drillUnavailable}{' '}
                <button type="button" onClick={() => setDrill(null)}>
                  {m.backToDepartments}
                </button>
              </p>
            )}
            {drill && drillItems && (
              <BreakdownTable
                id="drill-items"
                title={m.itemsOf(drill.label)}
                rows={drillItems}
                csvHref={countsCsvUrl(shownRange, 'item', { department: drill.key })}
                toolbar={
                  <button type="button" onClick={() => setDrill(null)}>
                    {m.backToDepartments}
                  </button>
                }
              />
            )}
            <BreakdownTable
              id="by-item"
              title={m.byItem}
              rows={snapshot.byItem}
              csvHref={countsCsvUrl(shownRange, 'item')}
            />
            <BreakdownTable
              id="by-terminal"
              title={m.byTerminal}
              rows={snapshot.byTerminal}
              csvHref={countsCsvUrl(shownRange, 'terminal')}
            />
            {snapshot.byDistrict.length > 1 && (
              <BreakdownTable
                id="by-district"
                title={m.byDistrict}
                rows={snapshot.byDistrict}
                csvHref={countsCsvUrl(shownRange, 'district')}
              />
            )}
          </section>
          <FleetTable terminals={snapshot.terminals} now={now} />
        </>
      )}
      <CounterQuarantine client={client} />
      <EidFigures client={client} range={shownRange} />
      <HelpFigures client={client} range={shownRange} />
      <PaymentFigures client={client} range={shownRange} />
      <AgencyFigures client={client} range={shownRange} />
      <SupervisionPanel client={client} />
    </div>
  )
}
