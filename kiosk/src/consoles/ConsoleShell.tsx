/** Page frame of a staff console: banner with title, language switch and logout; login until signed in. */
import type { ComponentChildren } from 'preact'
import type { StaffRole } from './apiTypes'
import { commonMessages } from './commonMessages'
import { useLang, useMessages } from './i18n'
import { LoginForm } from './LoginForm'
import { PasswordChange } from './PasswordChange'
import type { StaffClient } from './staffClient'
import { type SignedInStaff, useStaffSession } from './useStaffSession'

type Props = {
  client: StaffClient
  staffRole: StaffRole
  title: string
  children: (me: SignedInStaff) => ComponentChildren
}

/** Renders the login or the console body, with the landmarks every page needs. */
export function ConsoleShell({ client, staffRole, title, children }: Props) {
  const m = useMessages(commonMessages)
  const { lang, setLang } = useLang()
  const session = useStaffSession(client, staffRole)
  const { state } = session
  return (
    <>
      <a class="skip-link" href="#main">
        {m.skipToMain}
      </a>
      <header class="console-header">
        <h1>{title}</h1>
        <div class="header-tools">
          <button
            type="button"
            class="link-button"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            aria-label={m.switchLangLabel}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {m.switchLang}
          </button>
          {state.status === 'signedIn' && (
            <>
              <span class="who">{m.loggedInAs(state.me.username)}</span>
              <span class="who">{m.serves(lang === 'en' ? state.me.org.nameEn : state.me.org.nameZh)}</span>
              <PasswordChange client={client} />
              <button type="button" onClick={() => void session.signOut()}>
                {m.logout}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {state.status === 'checking' && <p aria-live="polite">{m.checkingSession}</p>}
        {state.status === 'anonymous' && (
          <LoginForm
            client={client}
            staffRole={staffRole}
            notice={
              state.otherRole ? m.otherRole(state.otherRole) : state.expired ? m.sessionExpired : undefined
            }
            onSignedIn={session.signedIn}
          />
        )}
        {state.status === 'signedIn' && children(state.me)}
      </main>
    </>
  )
}
