/** Big on-screen number pad for IDs, phones, codes and amounts (the terminal has no physical keyboard). */
import { useUi } from '../uiContext'

/** Props: the value it edits and which extra key (X for ID numbers, . for amounts) it offers. */
export interface KeypadProps {
  value: string
  onChange: (value: string) => void
  maxLength: number
  extraKey?: 'X' | '.'
  label: string
}

/** A 3×4 digit pad plus delete and clear. */
export function Keypad({ value, onChange, maxLength, extraKey, label }: KeypadProps) {
  const { tr } = useUi()
  const type = (key: string) => {
    if (value.length >= maxLength) return
    if (key === '.' && (value.includes('.') || value === '')) return
    onChange(value + key)
  }
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9']
  return (
    <fieldset class="keypad" aria-label={label}>
      {keys.map((k) => (
        <button type="button" key={k} class="key" data-help-id={`keypad.${k}`} onClick={() => type(k)}>
          {k}
        </button>
      ))}
      {extraKey ? (
        <button
          type="button"
          class="key"
          data-help-id={`keypad.${extraKey === '.' ? 'dot' : extraKey}`}
          onClick={() => type(extraKey)}
        >
          {extraKey}
        </button>
      ) : (
        <button type="button" class="key key-muted" data-help-id="keypad.clear" onClick={() => onChange('')}>
          {tr('keyClear')}
        </button>
      )}
      <button type="button" class="key" data-help-id="keypad.0" onClick={() => type('0')}>
        0
      </button>
      <button
        type="button"
        class="key key-muted"
        data-help-id="keypad.delete"
        onClick={() => onChange(value.slice(0, -1))}
      >
        {tr('keyDelete')}
      </button>
      {extraKey && (
        <button
          type="button"
          class="key key-muted key-wide"
          data-help-id="keypad.clear"
          onClick={() => onChange('')}
        >
          {tr('keyClear')}
        </button>
      )}
    </fieldset>
  )
}
