/** Distribution of 好差评 ratings over the range (uPlot bars), with the counts also as text. */
import { useMemo } from 'preact/hooks'
import uPlot from 'uplot'
import type { CountFigures } from '../consoles/apiTypes'
import { formatCount } from '../consoles/format'
import { useLang, useMessages } from '../consoles/i18n'
import { opsMessages } from './messages'
import { CHART_HEIGHT, useUplot } from './useUplot'

/** Bars for ratings 1 (非常不满意) to 5 (非常满意). */
export function RatingChart({ totals }: { totals: CountFigures }) {
  const m = useMessages(opsMessages)
  const { lang } = useLang()
  const counts = [totals.rating1, totals.rating2, totals.rating3, totals.rating4, totals.rating5]
  const key = counts.join(',')
  // Deliberate deps: `key` captures the counts
  const data = useMemo<uPlot.AlignedData>(() => [[1, 2, 3, 4, 5], counts], [key])
  const ref = useUplot(
    (width) => ({
      width,
      height: CHART_HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [0.5, 5.5] },
        y: { range: (_u, _min, max) => [0, Math.max(5, max * 1.15)] },
      },
      series: [
        {},
        {
          label: m.ratingCount,
          stroke: '#1d4f91',
          fill: '#4a78b5',
          paths: uPlot.paths.bars?.({ size: [0.6, 80] }),
          points: { show: false },
        },
      ],
      axes: [
        {
          stroke: '#333',
          grid: { show: false },
          splits: () => [1, 2, 3, 4, 5],
          values: (_u, ticks) => ticks.map((t) => `${t} ${m.ratingLevels[t - 1] ?? ''}`),
        },
        { stroke: '#333', grid: { stroke: '#e3e6ea' } },
      ],
    }),
    data,
    lang,
  )
  const summary = m.ratingSummary(
    counts.map((c, i) => `${m.ratingLevels[i]} ${formatCount(c, lang)}`).join(lang === 'zh' ? '，' : ', '),
  )
  return (
    <section class="card chart" aria-labelledby="rating-title">
      <div class="section-head">
        <h3 id="rating-title">{m.ratingDistribution}</h3>
      </div>
      <figure>
        <div ref={ref} class="chart-host" role="img" aria-label={summary} />
        <figcaption>{summary}</figcaption>
      </figure>
    </section>
  )
}
