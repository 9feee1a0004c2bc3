/** The signed-in person's own password change, from the console header: the server ends their other sessions. */
import { useState } from 'preact/hooks'
import { MIN_PASSWORD_LENGTH } from '../../../mock-backend/src/contract/constants'
import { AUTH_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { ConfirmDialog } from './ConfirmDialog'
import { commonMessages } from './commonMessages'
import { errorText } from './errorText'
import { FormField } from './FormField'
import { useMessages } from './i18n'
import { passwordMessages } from './passwordMessages'
import { ApiError, type StaffClient } from './staffClient'

/** A header button and its dialog: current password, the new one twice, checked before anything is sent. */
export function PasswordChange({ client }: { client: StaffClient }) {
  const p = useMessages(passwordMessages)
  const m = useMessages(commonMessages)
  const [open, setOpen] = useState(false)
  const [fields, setFields] = useState({ current: '', next: '', repeat: '' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const close = () => {
    setOpen(false)
    setFields({ current: '', next: '', repeat: '' })
    setError(null)
  }
  const problem = () => {
    if (fields.next.length < MIN_PASSWORD_LENGTH) return p.tooShort
    if (fields.next !== fields.repeat) return p.mismatch
    if (fields.next === fields.current) return p.unchanged
    return null
  }
  const save = async () => {
    const found = problem()
    if (found) return setError(found)
    setBusy(true)
    setError(null)
    try {
      const answer = await client.call(AUTH_ROUTES.changePassword, {
        body: { currentPassword: fields.current, newPassword: fields.next },
      })
      close()
      setDone(p.done(answer.endedSessions))
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === 'wrong_password'
          ? p.wrongCurrent
          : errorText(caught, m),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setDone(null)
          setOpen(true)
        }}
      >
        {p.open}
      </button>
      <span class="who" role="status">
        {done ?? ''}
      </span>
      <ConfirmDialog
        open={open}
        title={p.title}
        confirmLabel={p.save}
        busy={busy}
        onConfirm={save}
        onCancel={close}
      >
        <p class="hint">{p.hint}</p>
        <FormField
          secret
          label={p.current}
          autoComplete="current-password"
          value={fields.current}
          onValue={(current) => setFields({ ...fields, current })}
        />
        <FormField
          secret
          label={p.next}
          autoComplete="new-password"
          value={fields.next}
          onValue={(next) => setFields({ ...fields, next })}
        />
        <FormField
          secret
          label={p.repeat}
          autoComplete="new-password"
          value={fields.repeat}
          onValue={(repeat) => setFields({ ...fields, repeat })}
        />
        <p class="error" role="alert">
          {error ?? ''}
        </p>
      </ConfirmDialog>
    </>
  )
}
