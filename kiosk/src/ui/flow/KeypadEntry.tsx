/**
 * A typed-digits step's display, its error and its keypad: the phone and SMS steps share it, and the ID numbers
 * typed on the identify and 为谁办理 steps (with the X key, and a card's number shown masked).
 */
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
  /** What the display shows when it is not the value itself (a card's number, masked). */
  shown?: string
  invalid?: boolean
  extraKey?: 'X'
}) {
  return (
    <>
      <input
        class="display"
        readOnly
        inputMode="none"
        data-help-id={props.helpId}
        aria-label={props.label}
        aria-invalid={props.invalid || undefined}
        value={props.shown ?? props.value}
      />
      {props.error}
      <Keypad
        value={props.value}
        onChange={props.onChange}
        maxLength={props.maxLength}
        extraKey={props.extraKey}
        label={props.label}
      />
    </>
  )
}
