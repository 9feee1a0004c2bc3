/** Date-range selector: quick picks (今天, 近7天 …) and a custom from/to, all in Shanghai days. */
import { useState } from 'preact/hooks'
import { useMessages } from '../consoles/i18n'
import { type DayRange, QUICK_PICKS, type QuickPick, quickRange, rangeProblem } from './dateRanges'
import { opsMessages } from './messages'

type Props = { range: DayRange; onChange: (range: DayRange) => void }

/** Lets ops pick the period every figure on the page refers to. */
export function RangePicker({ range, onChange }: Props) {
  const m = useMessages(opsMessages)
  const [from, setFrom] = useState(range.from)
  const [to, setTo] = useState(range.to)
  const [problem, setProblem] = useState<string | null>(null)

  const pick = (p: QuickPick) => {
    const next = quickRange(p, new Date())
    setFrom(next.from)
    setTo(next.to)
    setProblem(null)
    onChange(next)
  }
  const activePick = QUICK_PICKS.find((p) => {
    const r = quickRange(p, new Date())
    return r.from === range.from && r.to === range.to
  })

  const apply = (event: Event) => {
    event.preventDefault()
    const next = { from, to }
    const why = rangeProblem(next)
    if (why) {
      setProblem(m.rangeProblem[why])
      return
    }
    setProblem(null)
    onChange(next)
  }

  return (
    <form class="range-picker" onSubmit={apply} aria-labelledby="range-title">
      <h2 id="range-title" class="inline-heading">
        {m.range}
      </h2>
      <div class="quick-picks">
        {QUICK_PICKS.map((p) => (
          <button key={p} type="button" aria-pressed={activePick === p} onClick={() => pick(p)}>
            {m.quick[p]}
          </button>
        ))}
      </div>
      <div class="custom-range">
        <label for="range-from">{m.from}</label>
        <input
          id="range-from"
          type="date"
          value={from}
          aria-invalid={problem !== null && problem === m.rangeProblem.fromInvalid}
          onInput={(e) => setFrom(e.currentTarget.value)}
        />
        <label for="range-to">{m.to}</label>
        <input
          id="range-to"
          type="date"
          value={to}
          aria-invalid={problem !== null && problem === m.rangeProblem.toInvalid}
          onInput={(e) => setTo(e.currentTarget.value)}
        />
        <button type="submit">{m.apply}</button>
      </div>
      <p class="error" role="alert">
        {problem ?? ''}
      </p>
    </form>
  )
}
