/** The admin's reset of one terminal's counters of one day (计数隔离 / a broken terminal), with floors kept by the backend. */
import { useState } from 'preact/hooks'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { commonMessages } from '../consoles/commonMessages'
import { counterMessages } from '../consoles/counterMessages'
import { errorText } from '../consoles/errorText'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Picks a terminal and a day and resets them; says what was reset or why not. */
export function CounterResetForm({ client }: { client: StaffClient }) {
  const m = useMessages(counterMessages)
  const c = useMessages(commonMessages)
  const terminals = useResource(client, ADMIN_ROUTES.terminals)
  const [terminalId, setTerminalId] = useState('')
  const [day, setDay] = useState('')
  const [problem, setProblem] = useState<{ terminal?: string; day?: string }>({})
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: true; text: string } | { ok: false; error: unknown } | null>(
    null,
  )

  const submit = async (event: Event) => {
    event.preventDefault()
    const found = {
      terminal: terminalId ? undefined : m.chooseTerminal,
      day: DAY.test(day.trim()) ? undefined : m.dayInvalid,
    }
    setProblem(found)
    if (found.terminal || found.day) return
    setBusy(true)
    setOutcome(null)
    try {
      const done = await client.call(ADMIN_ROUTES.counterReset, {
        params: { id: terminalId },
        body: { day: day.trim() },
      })
      const name = terminals.data?.find((t) => t.id === terminalId)?.name ?? terminalId
      setOutcome({ ok: true, text: m.resetDone(name, done.day, done.reset) })
    } catch (caught) {
      setOutcome({ ok: false, error: caught })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section id="counter-reset" class="card panel" aria-labelledby="counter-reset-title">
      <h2 id="counter-reset-title">{m.resetTitle}</h2>
      <p class="hint">{m.resetIntro}</p>
      <form onSubmit={submit} noValidate aria-labelledby="counter-reset-title">
        <div class="form-row">
          <div class="field">
            <label for="counter-reset-terminal">{m.resetTerminal}</label>
            <select
              id="counter-reset-terminal"
              value={terminalId}
              aria-invalid={Boolean(problem.terminal)}
              aria-describedby={problem.terminal ? 'counter-reset-terminal-error' : undefined}
              onChange={(e) => setTerminalId(e.currentTarget.value)}
            >
              <option value="">{m.chooseTerminal}</option>
              {(terminals.data ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}（{t.id}）
                </option>
              ))}
            </select>
            {problem.terminal && (
              <p class="error" id="counter-reset-terminal-error">
                {problem.terminal}
              </p>
            )}
          </div>
          <div class="field">
            <label for="counter-reset-day">{m.resetDay}</label>
            <input
              id="counter-reset-day"
              inputMode="numeric"
              placeholder="2026-01-01"
              value={day}
              aria-invalid={Boolean(problem.day)}
              aria-describedby={problem.day ? 'counter-reset-day-error' : undefined}
              onInput={(e) => setDay(e.currentTarget.value)}
            />
            {problem.day && (
              <p class="error" id="counter-reset-day-error">
                {problem.day}
              </p>
            )}
          </div>
        </div>
        <button type="submit" disabled={busy}>
          {m.resetSubmit}
        </button>
      </form>
      {outcome?.ok && <p role="status">{outcome.text}</p>}
      {outcome && !outcome.ok && (
        <p class="error" role="alert">
          {m.resetFailed}：{errorText(outcome.error, c)}
        </p>
      )}
    </section>
  )
}
