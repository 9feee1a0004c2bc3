/** A typed-digits step's display, its error and its keypad: the phone and SMS steps share it. */
import type { ComponentChildren } from 'preact'
import { Keypad } from '../keyboards/Keypad'

/** Props: the value, its label, the stable help id of its display, and the step's error line. */
export function KeypadEntry(props: {
  helpId: string
  label: string
  value: string
  maxLength: number
  error: ComponentChildren
  onChange: (value: string) => void
}) {
  return (
    <>
      <input
        class="display"
        readOnly
        inputMode="none"
        data-help-id={props.helpId}
        aria-label={props.label}
        value={props.value}
      />
      {props.error}
      <Keypad value={props.value} onChange={props.onChange} maxLength={props.maxLength} label={props.label} />
    </>
  )
}
