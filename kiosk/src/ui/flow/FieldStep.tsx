/** One catalog form field with the on-screen keyboard its type names and its validation message. */
import type { FormField } from '../../../../services-catalog/src/schema'
import { pick } from '../../i18n'
import type { FlowError } from '../../machines/serviceFlowMachine'
import { prefersLatin } from '../ime/pinyinIme'
import { DatePicker } from '../keyboards/DatePicker'
import { Keypad } from '../keyboards/Keypad'
import { OptionButtons } from '../keyboards/OptionButtons'
import { PinyinKeyboard } from '../keyboards/PinyinKeyboard'
import { useUi } from '../uiContext'
import { errorText } from './errorText'

/** Props: the field, its value, the current error and the setter. */
export function FieldStep(props: {
  field: FormField
  value: string
  error: FlowError | null
  onChange: (value: string) => void
}) {
  const { tr, lang } = useUi()
  const { field, value } = props
  const label = pick(field.label, lang)
  const max = field.maxLength ?? (field.type === 'phone' ? 11 : field.type === 'amount' ? 12 : 40)
  const errorId = `err-${field.key}`
  const shown =
    field.type === 'select'
      ? pick(field.options?.find((o) => o.value === value)?.label ?? { zh: '', en: '' }, lang)
      : value
  return (
    <>
      <h1>
        {label}
        {field.required ? '' : tr('fieldOptional')}
      </h1>
      {field.patternHint && <p class="hint">{pick(field.patternHint, lang)}</p>}
      {field.type !== 'select' && field.type !== 'date' && (
        <input
          class="display"
          readOnly
          inputMode="none"
          data-help-id={`field.${field.key}`}
          aria-label={label}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? errorId : undefined}
          value={shown}
        />
      )}
      {field.type === 'date' && (
        <output class="display" aria-label={label}>
          {value && !value.includes('-00') ? value : '—'}
        </output>
      )}
      {props.error && (
        <p class="field-error" id={errorId} role="alert">
          {errorText(props.error, lang)}
        </p>
      )}
      {(field.type === 'digits' || field.type === 'phone' || field.type === 'amount') && (
        <Keypad
          value={value}
          onChange={props.onChange}
          maxLength={max}
          extraKey={field.type === 'amount' ? '.' : undefined}
          label={label}
        />
      )}
      {field.type === 'text' && (
        <PinyinKeyboard
          value={value}
          onChange={props.onChange}
          maxLength={max}
          label={label}
          startLatin={prefersLatin(field.pattern)}
        />
      )}
      {field.type === 'date' && <DatePicker value={value} onChange={props.onChange} label={label} />}
      {field.type === 'select' && (
        <OptionButtons options={field.options ?? []} value={value} onChange={props.onChange} label={label} />
      )}
    </>
  )
}
