/** Daily trend of one chosen metric (uPlot line), with a data table as its text alternative. */
import { useMemo, useState } from 'preact/hooks'
import type uPlot from 'uplot'
import type { CountRow } from '../consoles/apiTypes'
import { formatCount, formatPercent } from '../consoles/format'
import { useLang, useMessages } from '../consoles/i18n'
import { shanghaiDay, startOfDayMs } from './dateRanges'
import { DAY_SECONDS as DAY, dayAxisRange } from './dayAxisRange'
import { opsMessages } from './messages'
import { dailySeries, HEADLINES, type Headline, RATE_HEADLINES } from './metrics'
import { CHART_HEIGHT, useUplot } from './useUplot'

const DAY_INCREMENTS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 61 * DAY, 91 * DAY]

type Props = { days: string[]; rows: CountRow[]; provisional: Set<string> }

/** Shows how the chosen metric moved day by day over the selected range. */
export function TrendChart({ days, rows, provisional }: Props) {
  const m = useMessages(opsMessages)
  const { lang } = useLang()
  const [metric, setMetric] = useState<Headline>('sessions')
  const isRate = RATE_HEADLINES.has(metric)
  const values = useMemo(() => dailySeries(days, rows, metric), [days, rows, metric])
  const data = useMemo<uPlot.AlignedData>(
    () => [
      days.map((d) => startOfDayMs(d) / 1000),
      values.map((v) => (v === null ? null : isRate ? v * 100 : v)),
    ],
    [days, values, isRate],
  )
  const label = m.headline[metric]
  const ref = useUplot(
    (width) => ({
      width,
      height: CHART_HEIGHT,
      tzDate: (ts) => uPlotTz(ts),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: (u, min, max) => dayAxisRange(u.data[0], min, max) },
        y: { range: (_u, _min, max) => [0, isRate ? 100 : Math.max(5, max * 1.1)] },
      },
      series: [
        {},
        {
          label,
          stroke: '#1d4f91',
          width: 2,
          fill: 'rgba(29,79,145,0.08)',
          points: { show: days.length <= 62 },
        },
      ],
      axes: [
        {
          stroke: '#333',
          grid: { stroke: '#e3e6ea' },
          space: 56,
          // Whole days only: a tick every 1, 2, 7, 14 … days, labelled MM-DD.
          incrs: DAY_INCREMENTS,
          values: (_u, ticks) => ticks.map((t) => shanghaiDay(new Date(t * 1000)).slice(5)),
        },
        {
          stroke: '#333',
          grid: { stroke: '#e3e6ea' },
          values: (_u, ticks) => ticks.map((t) => (isRate ? `${t}%` : `${t}`)),
        },
      ],
    }),
    data,
    `${metric}|${lang}|${days.length}`,
  )

  const show = (v: number | null) => (isRate ? formatPercent(v) : v === null ? '—' : formatCount(v, lang))
  return (
    <section class="card chart" aria-labelledby="trend-title">
      <div class="section-head">
        <h3 id="trend-title">{m.trend}</h3>
        <label for="trend-metric">{m.metric}</label>
        <select
          id="trend-metric"
          value={metric}
          onChange={(e) => setMetric(e.currentTarget.value as Headline)}
        >
          {HEADLINES.map((h) => (
            <option key={h} value={h}>
              {m.headline[h]}
            </option>
          ))}
        </select>
      </div>
      <figure>
        <div ref={ref} class="chart-host" role="img" aria-label={m.trendCaption(label)} />
        <figcaption>{m.trendCaption(label)}</figcaption>
      </figure>
      <details>
        <summary>{m.showData}</summary>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (axe scrollable-region-focusable) */}
        {/* biome-ignore lint/a11y/useSemanticElements: a named group around the scroller, not a form fieldset */}
        <div class="table-scroll tall" role="group" aria-labelledby="trend-title" tabIndex={0}>
          <table>
            <caption class="visually-hidden">{m.trendCaption(label)}</caption>
            <thead>
              <tr>
                <th scope="col">{m.day}</th>
                <th scope="col" class="num">
                  {label}
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((day, i) => (
                <tr key={day}>
                  <th scope="row">
                    {day}
                    {provisional.has(day) && <span class="badge provisional">{m.provisional}</span>}
                  </th>
                  <td class="num">{show(values[i] ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  )
}

/** uPlot draws time axes in the browser's zone; the dashboard's days are Shanghai days. */
function uPlotTz(ts: number): Date {
  // Shift the instant so local getters read Shanghai wall time (no DST in Asia/Shanghai).
  const date = new Date(ts * 1000)
  return new Date(date.getTime() + (date.getTimezoneOffset() + 480) * 60_000)
}
