/** The terminal a per-terminal admin form acts on, chosen by name and id (the settings and 帮办 contact forms). */
import type { AdminTerminal } from '../consoles/apiTypes'

/** A labelled select of the listed terminals. */
export function TerminalPicker(props: {
  id: string
  label: string
  terminals: AdminTerminal[]
  value: string | undefined
  onPick: (id: string) => void
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onPick(e.currentTarget.value)}>
        {props.terminals.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.id})
          </option>
        ))}
      </select>
    </div>
  )
}
