/** One 差评整改 follow-up: its standing, and the form where ops record contact, rectification and outcome. */
import { useState } from 'preact/hooks'
import { OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatDateTime } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import type { OpsFollowUp } from './supervisionApi'
import { supervisionMessages } from './supervisionMessages'

type Draft = { contactNote: string; rectification: string; outcome: string }

/** Props: the follow-up, the staff client and what to do after a change. */
export function SupervisionFollowUp(props: { row: OpsFollowUp; client: StaffClient; onChanged: () => void }) {
  const m = useMessages(supervisionMessages)
  const c = useMessages(commonMessages)
  const f = props.row
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState<Draft>({
    contactNote: f.contactNote ?? '',
    rectification: f.rectification ?? '',
    outcome: f.outcome ?? '',
  })
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const id = `follow-up-${f.id}`
  const complete = draft.contactNote.trim() && draft.rectification.trim() && draft.outcome.trim()

  const save = async (andClose: boolean) => {
    if (andClose && !complete) {
      setMessage({ kind: 'error', text: m.needAll })
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      const patch = Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== ''))
      if (Object.keys(patch).length > 0)
        await props.client.call(OPS_ROUTES.updateFollowUp, { params: { id: f.id }, body: patch })
      if (andClose) await props.client.call(OPS_ROUTES.closeFollowUp, { params: { id: f.id }, body: {} })
      setMessage({ kind: 'ok', text: andClose ? m.closed : m.saved })
      setEditing(false)
      props.onChanged()
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error, c) })
    } finally {
      setBusy(false)
    }
  }

  const state = f.closedAt ? m.stateClosed : f.contactedAt ? m.stateContacted : m.stateOpen
  const left = f.closedAt ? '—' : f.overdue ? m.overdueBy(-f.daysLeft) : String(f.daysLeft)
  return (
    <>
      <tr class={f.atRisk ? 'at-risk' : ''} data-follow-up={f.id}>
        <th scope="row">{f.case?.caseNumber ?? f.transactionKey}</th>
        <td>{f.case?.departmentNameZh ?? ''}</td>
        <td>{f.case?.itemNameZh ?? ''}</td>
        <td>{m.levels[f.level - 1] ?? f.level}</td>
        <td>
          {f.dueDay}
          {!f.calendarCovered && <span class="badge">{m.estimated}</span>}
        </td>
        <td class="num">
          {left}
          {f.atRisk && !f.overdue && <span class="badge">{m.atRisk}</span>}
        </td>
        <td>{state}</td>
        <td>
          {!f.closedAt && (
            <button
              type="button"
              aria-expanded={editing}
              aria-controls={id}
              onClick={() => setEditing(!editing)}
            >
              {editing ? m.cancel : m.edit}
            </button>
          )}
          {message && (
            <span
              class={message.kind === 'ok' ? 'success' : 'error'}
              role={message.kind === 'ok' ? 'status' : 'alert'}
            >
              {message.text}
            </span>
          )}
        </td>
      </tr>
      {editing && (
        <tr id={id}>
          <td colSpan={8}>
            <form
              class="follow-up-form"
              onSubmit={(e) => {
                e.preventDefault()
                void save(false)
              }}
            >
              {(['contactNote', 'rectification', 'outcome'] as const).map((k) => (
                <div class="field" key={k}>
                  <label for={`${id}-${k}`}>{m[k]}</label>
                  <textarea
                    id={`${id}-${k}`}
                    rows={2}
                    maxLength={k === 'rectification' ? 1000 : 500}
                    value={draft[k]}
                    onInput={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })}
                  />
                </div>
              ))}
              <p class="muted">{f.contactedAt ? `${m.contactNote}：${formatDateTime(f.contactedAt)}` : ''}</p>
              <div class="form-row">
                <button type="submit" disabled={busy}>
                  {m.save}
                </button>
                <button type="button" disabled={busy} onClick={() => void save(true)}>
                  {m.close}
                </button>
              </div>
            </form>
          </td>
        </tr>
      )}
    </>
  )
}
