/** The province items a district withdraws: a filterable, labelled list of large check boxes. */
import { useState } from 'preact/hooks'
import type { ProvinceItemChoice } from '../../../mock-backend/src/contract/districtCatalog'
import { useLang, useMessages } from '../consoles/i18n'
import { pick } from '../i18n/localized'
import { districtMessages } from './districtMessages'

type Props = {
  items: readonly ProvinceItemChoice[]
  chosen: ReadonlySet<string>
  disabled: boolean
  onChange: (next: Set<string>) => void
}

/** Ticks and unticks province items; the filter only narrows what is shown, never what is ticked. */
export function DistrictWithdrawals({ items, chosen, disabled, onChange }: Props) {
  const m = useMessages(districtMessages)
  const { lang } = useLang()
  const [filter, setFilter] = useState('')
  const needle = filter.trim().toLowerCase()
  const shown = needle
    ? items.filter((i) => `${i.code} ${i.name.zh} ${i.name.en}`.toLowerCase().includes(needle))
    : items
  const toggle = (code: string, on: boolean) => {
    const next = new Set(chosen)
    if (on) next.add(code)
    else next.delete(code)
    onChange(next)
  }
  return (
    <fieldset class="withdrawals" aria-describedby="withdrawals-intro withdrawals-count">
      <legend>{m.withdrawalsTitle}</legend>
      <p id="withdrawals-intro" class="muted">
        {m.withdrawalsIntro}
      </p>
      <div class="field">
        <label for="withdrawals-filter">{m.filter}</label>
        <input
          id="withdrawals-filter"
          type="search"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
      </div>
      <p id="withdrawals-count" role="status">
        {m.withdrawnCount(chosen.size, items.length)}
      </p>
      <ul class="choice-list">
        {shown.map((item) => (
          <li key={item.code}>
            <label class="choice">
              <input
                type="checkbox"
                checked={chosen.has(item.code)}
                disabled={disabled}
                onChange={(e) => toggle(item.code, e.currentTarget.checked)}
              />
              <span>
                {pick(item.name, lang)} <code>{item.code}</code>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  )
}
