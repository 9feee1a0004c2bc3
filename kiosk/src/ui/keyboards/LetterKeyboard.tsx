/** On-screen letter and digit keyboard for search (pinyin / initials) and free text. */
import { useUi } from '../uiContext'

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const

/** Props: the edited value, its cap and whether a space key is offered. */
export interface LetterKeyboardProps {
  value: string
  onChange: (value: string) => void
  maxLength: number
  label: string
  withSpace?: boolean
  upperCase?: boolean
}

/** A QWERTY keyboard with digits, delete, clear and optionally space. */
export function LetterKeyboard({
  value,
  onChange,
  maxLength,
  label,
  withSpace,
  upperCase,
}: LetterKeyboardProps) {
  const { tr } = useUi()
  const type = (key: string) => {
    if (value.length < maxLength) onChange(value + key)
  }
  return (
    <fieldset class="letters" aria-label={label}>
      {ROWS.map((row) => (
        <div class="letters-row" key={row}>
          {Array.from(row).map((k) => {
            const shown = upperCase ? k.toUpperCase() : k
            return (
              <button
                type="button"
                key={k}
                class="key key-letter"
                data-help-id={`key.${k}`}
                onClick={() => type(shown)}
              >
                {shown}
              </button>
            )
          })}
        </div>
      ))}
      <div class="letters-row">
        {withSpace && (
          <button
            type="button"
            class="key key-muted key-wide"
            data-help-id="key.space"
            onClick={() => type(' ')}
          >
            {tr('keySpace')}
          </button>
        )}
        <button
          type="button"
          class="key key-muted key-wide"
          data-help-id="key.delete"
          onClick={() => onChange(value.slice(0, -1))}
        >
          {tr('keyDelete')}
        </button>
        <button
          type="button"
          class="key key-muted key-wide"
          data-help-id="key.clear"
          onClick={() => onChange('')}
        >
          {tr('keyClear')}
        </button>
      </div>
    </fieldset>
  )
}
