/** The staff login form shared by both consoles: labelled fields, clear errors, 429 countdown. */
import { useEffect, useState } from 'preact/hooks'
import type { StaffRole } from './apiTypes'
import { commonMessages } from './commonMessages'
import { errorText } from './errorText'
import { FormField } from './FormField'
import { useMessages } from './i18n'
import { ApiError, type StaffClient } from './staffClient'
import type { SignedInStaff } from './useStaffSession'

type Props = {
  client: StaffClient
  staffRole: StaffRole
  notice?: string
  onSignedIn: (me: SignedInStaff) => void
}

/** Logs a staff member in and refuses accounts of the other role. */
export function LoginForm({ client, staffRole, notice, onSignedIn }: Props) {
  const m = useMessages(commonMessages)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [lockedUntil, setLockedUntil] = useState<number | null>(null)
  const [now, setNow] = useState(Date.now())

  useEffect(() => {
    if (lockedUntil === null) return
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (t >= lockedUntil) setLockedUntil(null)
    }, 1000)
    return () => clearInterval(timer)
  }, [lockedUntil])

  const secondsLeft = lockedUntil === null ? 0 : Math.max(1, Math.ceil((lockedUntil - now) / 1000))

  const submit = async (event: Event) => {
    event.preventDefault()
    if (busy || lockedUntil !== null) return
    setBusy(true)
    setError(null)
    try {
      const answer = await client.login(username.trim(), password)
      if (answer.role !== staffRole) {
        await client.logout().catch(() => {})
        setError(m.wrongRole)
        return
      }
      setPassword('')
      onSignedIn({ username: username.trim(), role: answer.role, org: answer.org })
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) setError(m.badCredentials)
      else if (caught instanceof ApiError && caught.status === 429) {
        const seconds = caught.retryAfterSec ?? 60
        setNow(Date.now())
        setLockedUntil(Date.now() + seconds * 1000)
        setError(null)
      } else setError(errorText(caught, m))
    } finally {
      setBusy(false)
    }
  }

  const message = lockedUntil !== null ? m.tooManyAttempts(secondsLeft) : error
  return (
    <section class="card login" aria-labelledby="login-title">
      <h2 id="login-title">{m.loginTitle}</h2>
      {notice && <p class="notice">{notice}</p>}
      <form onSubmit={submit} noValidate>
        <FormField
          name="username"
          label={m.username}
          autoComplete="username"
          value={username}
          onValue={setUsername}
        />
        <FormField
          name="password"
          label={m.password}
          secret
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
        />
        <p class="error" role="alert">
          {message ?? ''}
        </p>
        <button
          type="submit"
          class="primary"
          disabled={busy || lockedUntil !== null || !username || !password}
        >
          {busy ? m.loggingIn : m.login}
        </button>
      </form>
    </section>
  )
}
