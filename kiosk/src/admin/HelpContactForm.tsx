/**
 * Per-terminal 帮办 contact in the admin console: the service centre's phone, its opening hours (weekdays and
 * times, so the kiosk can tell when it is closed), the nearest hall and the no-answer timeout. The backend checks
 * every field and names the one that is wrong; the terminal receives the values with its next heartbeat.
 */
import { useEffect, useState } from 'preact/hooks'
import { NO_ANSWER_SECONDS } from '../../../mock-backend/src/contract/helpDeskRules'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { AdminTerminal } from '../consoles/apiTypes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { helpContactMessages } from './helpContactMessages'
import { TerminalPicker } from './TerminalPicker'

/** The form's fields, as typed. */
interface Draft {
  phone: string
  days: number[]
  from: string
  to: string
  hallName: string
  hallAddress: string
  noAnswer: string
}

const draftOf = (t: AdminTerminal | undefined): Draft => ({
  phone: t?.helpContact?.phone ?? '',
  days: t?.helpContact?.hours.days ?? [1, 2, 3, 4, 5],
  from: t?.helpContact?.hours.from ?? '08:30',
  to: t?.helpContact?.hours.to ?? '17:30',
  hallName: t?.helpContact?.hall.name ?? '',
  hallAddress: t?.helpContact?.hall.address ?? '',
  noAnswer: String(t?.noAnswerSeconds ?? NO_ANSWER_SECONDS.default),
})

/** Props: the client, the listed terminals and what to do after a change (reload the list). */
export function HelpContactForm(props: {
  client: StaffClient
  terminals: AdminTerminal[]
  onChanged: () => void
}) {
  const m = useMessages(helpContactMessages)
  const c = useMessages(commonMessages)
  const [terminalId, setTerminalId] = useState('')
  const chosen = props.terminals.find((t) => t.id === (terminalId || props.terminals[0]?.id))
  const [draft, setDraft] = useState<Draft>(() => draftOf(chosen))
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => setDraft(draftOf(chosen)), [chosen?.id])
  const field = (key: keyof Omit<Draft, 'days'>) => ({
    value: draft[key],
    onInput: (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value }),
  })
  const toggleDay = (day: number) =>
    setDraft({
      ...draft,
      days: draft.days.includes(day) ? draft.days.filter((d) => d !== day) : [...draft.days, day],
    })

  const save = async () => {
    if (!chosen) return
    setProblem(null)
    setDone(null)
    setBusy(true)
    try {
      await props.client.call(ADMIN_ROUTES.updateTerminal, {
        params: { id: chosen.id },
        body: {
          helpContact: {
            phone: draft.phone,
            hours: { days: draft.days, from: draft.from, to: draft.to },
            hall: { name: draft.hallName, address: draft.hallAddress },
          },
          noAnswerSeconds: Number(draft.noAnswer),
        },
      })
      setDone(m.saved(chosen.name))
      props.onChanged()
    } catch (caught) {
      setProblem(errorText(caught, c))
    } finally {
      setBusy(false)
    }
  }

  if (props.terminals.length === 0) return null
  return (
    <form
      class="terminal-form help-contact-form"
      noValidate
      aria-labelledby="help-contact-title"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h3 id="help-contact-title">{m.title}</h3>
      <p class="hint">{m.intro}</p>
      <div class="form-row">
        <TerminalPicker
          id="help-contact-terminal"
          label={m.terminal}
          terminals={props.terminals}
          value={chosen?.id}
          onPick={setTerminalId}
        />
        <div class="field">
          <label for="help-contact-phone">{m.phone}</label>
          <input id="help-contact-phone" inputMode="tel" {...field('phone')} />
        </div>
        <fieldset class="field">
          <legend>{m.days}</legend>
          {m.dayNames.map((name, i) => (
            <label key={name}>
              <input type="checkbox" checked={draft.days.includes(i + 1)} onChange={() => toggleDay(i + 1)} />
              {name}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="help-contact-from">{m.from}</label>
          <input id="help-contact-from" type="time" {...field('from')} />
        </div>
        <div class="field">
          <label for="help-contact-to">{m.to}</label>
          <input id="help-contact-to" type="time" {...field('to')} />
        </div>
        <div class="field">
          <label for="help-contact-hall">{m.hallName}</label>
          <input id="help-contact-hall" {...field('hallName')} />
        </div>
        <div class="field">
          <label for="help-contact-address">{m.hallAddress}</label>
          <input id="help-contact-address" {...field('hallAddress')} />
        </div>
        <div class="field">
          <label for="help-contact-no-answer">{m.noAnswer}</label>
          <input
            id="help-contact-no-answer"
            inputMode="numeric"
            aria-describedby="help-contact-no-answer-hint"
            {...field('noAnswer')}
          />
          <span class="hint" id="help-contact-no-answer-hint">
            {m.noAnswerHint}
          </span>
        </div>
      </div>
      <button type="submit" disabled={busy}>
        {m.save}
      </button>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {done && <p role="status">{done}</p>}
    </form>
  )
}
