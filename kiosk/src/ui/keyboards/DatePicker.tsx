/** Date picker with big buttons: a year stepper, a month grid and a day grid (value `YYYY-MM-DD`). */
import { useUi } from '../uiContext'

/** Props: the ISO date being edited ('' when none yet). */
export interface DatePickerProps {
  value: string
  onChange: (value: string) => void
  label: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

function parts(value: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
  return { year: new Date().getFullYear(), month: 0, day: 0 }
}

/** Year −/+, 12 month buttons, then the month's day buttons. */
export function DatePicker({ value, onChange, label }: DatePickerProps) {
  const { tr, lang } = useUi()
  const { year, month, day } = parts(value)
  const set = (y: number, m: number, d: number) => {
    if (m === 0) {
      onChange(`${y}-00-00`)
      return
    }
    const dd = Math.min(d, daysIn(y, m))
    onChange(`${y}-${pad(m)}-${pad(dd)}`)
  }
  const monthName = (m: number) => (lang === 'zh' ? `${m}月` : String(m))
  return (
    <fieldset class="datepicker" aria-label={label}>
      <div class="date-year">
        <button
          type="button"
          class="key"
          data-help-id="date.yearDown"
          aria-label={`${tr('dateYear')} −1`}
          onClick={() => set(year - 1, month, day)}
        >
          −
        </button>
        <span class="date-year-value">
          {year}
          {lang === 'zh' ? '年' : ''}
        </span>
        <button
          type="button"
          class="key"
          data-help-id="date.yearUp"
          aria-label={`${tr('dateYear')} +1`}
          onClick={() => set(year + 1, month, day)}
        >
          +
        </button>
      </div>
      <div class="date-grid date-months">
        {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
          <button
            type="button"
            key={m}
            data-help-id={`date.month.${m}`}
            class={`key ${m === month ? 'key-selected' : ''}`}
            aria-pressed={m === month}
            onClick={() => set(year, m, day || 1)}
          >
            {monthName(m)}
          </button>
        ))}
      </div>
      {month > 0 && (
        <div class="date-grid date-days">
          {Array.from({ length: daysIn(year, month) }, (_, i) => i + 1).map((d) => (
            <button
              type="button"
              key={d}
              data-help-id={`date.day.${d}`}
              class={`key ${d === day ? 'key-selected' : ''}`}
              aria-pressed={d === day}
              onClick={() => set(year, month, d)}
            >
              {d}
            </button>
          ))}
        </div>
      )}
    </fieldset>
  )
}
