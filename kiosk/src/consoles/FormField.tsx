/**
 * One required, labelled input of a console form, shared by sign-in and password change so both read, label and
 * autocomplete the same way.
 */
import { useId } from 'preact/hooks'

/** A labelled required input; `secret` hides what is typed. */
export function FormField(props: {
  label: string
  /** The form field's name, when the form is submitted by name (sign-in). */
  name?: string
  secret?: boolean
  autoComplete: string
  value: string
  onValue: (value: string) => void
}) {
  const id = useId()
  const input = {
    id,
    name: props.name,
    required: true,
    autoComplete: props.autoComplete,
    value: props.value,
    onInput: (e: Event) => props.onValue((e.currentTarget as HTMLInputElement).value),
  }
  // Two elements rather than a computed `type`: preact's input types narrow by the literal type.
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.secret ? <input type="password" {...input} /> : <input {...input} />}
    </div>
  )
}
