/** The five headline figures with their change against the previous period of equal length. */
import type { CountFigures } from '../consoles/apiTypes'
import { formatCount, formatPercent } from '../consoles/format'
import { useLang, useMessages } from '../consoles/i18n'
import { type OpsMessages, opsMessages } from './messages'
import { type Change, figureValue, HEADLINES, type Headline, headlineChange, RATE_HEADLINES } from './metrics'

type Props = { current: CountFigures; previous: CountFigures; provisional: boolean }

function changeText(change: Change, m: OpsMessages): string {
  if (change === null) return m.changeNone
  const sign = change.value > 0 ? '+' : change.value < 0 ? '−' : '±'
  const magnitude = Math.abs(change.value)
  return change.kind === 'points'
    ? m.changePoints(sign, magnitude.toFixed(1))
    : m.changeRelative(sign, `${(magnitude * 100).toFixed(1)}%`)
}

function trendClass(change: Change): string {
  if (change === null || change.value === 0) return 'change flat'
  return change.value > 0 ? 'change up' : 'change down'
}

/** Renders one card per headline; each card has a heading named after the figure (服务人次 …). */
export function Headlines({ current, previous, provisional }: Props) {
  const m = useMessages(opsMessages)
  const { lang } = useLang()
  const show = (metric: Headline) => {
    const value = figureValue(current, metric)
    if (RATE_HEADLINES.has(metric)) return formatPercent(value)
    return value === null ? '—' : formatCount(value, lang)
  }
  return (
    <section class="headlines" aria-labelledby="overview-title">
      <h2 id="overview-title" class="visually-hidden">
        {m.overview}
      </h2>
      {HEADLINES.map((metric) => {
        const change = headlineChange(metric, current, previous)
        return (
          <div class="stat card" key={metric}>
            <h3 id={`stat-${metric}`}>{m.headline[metric]}</h3>
            <p class="stat-value" aria-describedby={`stat-${metric}-hint`}>
              {show(metric)}
              {provisional && (
                <span class="badge provisional" title={m.provisionalHint}>
                  {m.provisional}
                </span>
              )}
            </p>
            <p class={trendClass(change)}>{changeText(change, m)}</p>
            <p class="hint" id={`stat-${metric}-hint`}>
              {m.headlineHint[metric]}
            </p>
          </div>
        )
      })}
    </section>
  )
}
