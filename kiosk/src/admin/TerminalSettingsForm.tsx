/**
 * Per-terminal settings in the admin console: reset one terminal's maintenance PIN, set its idle timeout, or set
 * the idle timeout of every terminal in a group at once. Changes reach terminals with their next heartbeat.
 */
import { useState } from 'preact/hooks'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { AdminTerminal } from '../consoles/apiTypes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { parseIdleSeconds, pinLooksValid, settingsMessages } from './settingsMessages'
import { TerminalPicker } from './TerminalPicker'

/** Props: the client, the listed terminals and what to do after a change (reload the list). */
export function TerminalSettingsForm(props: {
  client: StaffClient
  terminals: AdminTerminal[]
  onChanged: () => void
}) {
  const s = useMessages(settingsMessages)
  const c = useMessages(commonMessages)
  const [terminalId, setTerminalId] = useState('')
  const [pin, setPin] = useState('')
  const [idleText, setIdleText] = useState('')
  const [group, setGroup] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const groups = [...new Set(props.terminals.flatMap((t) => t.groups))].sort()
  const chosen = props.terminals.find((t) => t.id === (terminalId || props.terminals[0]?.id))
  const chosenGroup = group || groups[0] || ''

  const run = async (work: () => Promise<string>) => {
    setProblem(null)
    setDone(null)
    setBusy(true)
    try {
      setDone(await work())
      props.onChanged()
    } catch (caught) {
      setProblem(errorText(caught, c))
    } finally {
      setBusy(false)
    }
  }
  const resetPin = () => {
    if (!chosen) return
    if (!pinLooksValid(pin)) return setProblem(s.badPin)
    void run(async () => {
      await props.client.call(ADMIN_ROUTES.updateTerminal, { params: { id: chosen.id }, body: { pin } })
      setPin('')
      return s.pinReset(chosen.name)
    })
  }
  const idleOrProblem = (): number | null => {
    const seconds = parseIdleSeconds(idleText)
    if (seconds === null) setProblem(s.badIdle)
    return seconds
  }
  const setIdle = () => {
    const seconds = idleOrProblem()
    if (!chosen || seconds === null) return
    void run(async () => {
      await props.client.call(ADMIN_ROUTES.updateTerminal, {
        params: { id: chosen.id },
        body: { idleSeconds: seconds },
      })
      return s.idleSet(chosen.name, seconds)
    })
  }
  const setGroupIdle = () => {
    const seconds = idleOrProblem()
    if (!chosenGroup || seconds === null) return
    void run(async () => {
      const answer = await props.client.call(ADMIN_ROUTES.groupIdle, {
        params: { group: chosenGroup },
        body: { idleSeconds: seconds },
      })
      return s.groupIdleSet(answer.group, answer.terminals.length, answer.idleSeconds)
    })
  }

  if (props.terminals.length === 0) return null
  return (
    <form
      class="terminal-form"
      noValidate
      aria-labelledby="terminal-settings-title"
      onSubmit={(e) => e.preventDefault()}
    >
      <h3 id="terminal-settings-title">{s.settingsTitle}</h3>
      <p class="hint">{s.settingsIntro}</p>
      <div class="form-row">
        <TerminalPicker
          id="settings-terminal"
          label={s.terminal}
          terminals={props.terminals}
          value={chosen?.id}
          onPick={setTerminalId}
        />
        <ActionField
          id="settings-pin"
          label={s.newPin}
          hint={s.pinHint}
          secret
          value={pin}
          onInput={setPin}
          action={s.resetPin}
          busy={busy}
          onAction={resetPin}
        />
        <ActionField
          id="settings-idle"
          label={s.idle}
          hint={s.idleHint}
          value={idleText}
          onInput={setIdleText}
          action={s.setIdle}
          busy={busy}
          onAction={setIdle}
        />
        {groups.length > 0 && (
          <div class="field">
            <label for="settings-group">{s.group}</label>
            <select id="settings-group" value={chosenGroup} onChange={(e) => setGroup(e.currentTarget.value)}>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
            <button type="button" disabled={busy} onClick={setGroupIdle}>
              {s.setGroupIdle}
            </button>
          </div>
        )}
      </div>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {done && <p role="status">{done}</p>}
    </form>
  )
}

/** One numeric field with its hint and the button that applies it (a PIN is typed hidden). */
function ActionField(props: {
  id: string
  label: string
  hint: string
  secret?: boolean
  value: string
  onInput: (value: string) => void
  action: string
  busy: boolean
  onAction: () => void
}) {
  const input = {
    id: props.id,
    inputMode: 'numeric' as const,
    value: props.value,
    'aria-describedby': `${props.id}-hint`,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  }
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.secret ? <input type="password" autoComplete="new-password" {...input} /> : <input {...input} />}
      <p class="hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      <button type="button" disabled={props.busy} onClick={props.onAction}>
        {props.action}
      </button>
    </div>
  )
}
