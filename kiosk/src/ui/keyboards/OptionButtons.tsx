/** A select field as big option buttons (no dropdowns on a touch terminal). */
import { pick } from '../../i18n'
import { useUi } from '../uiContext'

/** Props: the options from the catalog field and the chosen value. */
export interface OptionButtonsProps {
  options: Array<{ value: string; label: { zh: string; en: string } }>
  value: string
  onChange: (value: string) => void
  label: string
}

/** One pressed-state button per option. */
export function OptionButtons({ options, value, onChange, label }: OptionButtonsProps) {
  const { lang } = useUi()
  return (
    <fieldset class="options" aria-label={label}>
      {options.map((o) => (
        <button
          type="button"
          key={o.value}
          data-help-id={`option.${o.value}`}
          class={`tile option ${o.value === value ? 'key-selected' : ''}`}
          aria-pressed={o.value === value}
          onClick={() => onChange(o.value)}
        >
          {pick(o.label, lang)}
        </button>
      ))}
    </fieldset>
  )
}
