/**
 * Staff accounts: create one (its generated password shown once), change role and terminal groups, disable or
 * enable it, and reset its password. The server keeps the rules (last admin, sessions ending); this panel says
 * what they mean in the console's language.
 */
import { useState } from 'preact/hooks'
import { STAFF_ROLES } from '../../../mock-backend/src/contract/constants'
import { PROVINCE_CODE } from '../../../mock-backend/src/contract/divisions'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { StaffAccount, StaffRole } from '../consoles/apiTypes'
import { ConfirmDialog } from '../consoles/ConfirmDialog'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { useLang, useMessages } from '../consoles/i18n'
import { ApiError, type StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import { accountMessages } from './accountMessages'
import { OrgSelect } from './DivisionSelect'
import { formatGroups, parseGroups } from './groups'

/** Same rule as the server's user name (auth/accountFields.ts). */
const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,31}$/

/** The accounts panel of the admin console. */
export function AccountsPanel({ client, onChanged }: { client: StaffClient; onChanged: () => void }) {
  const m = useMessages(accountMessages)
  const c = useMessages(commonMessages)
  const { lang } = useLang()
  const [reloadKey, setReloadKey] = useState(0)
  const accounts = useResource(client, ADMIN_ROUTES.accounts, {}, reloadKey)
  const [username, setUsername] = useState('')
  const [role, setRole] = useState<StaffRole>('ops')
  const [scopeText, setScopeText] = useState('')
  const [orgCode, setOrgCode] = useState(PROVINCE_CODE)
  const divisions = useResource(client, ADMIN_ROUTES.divisions, {})
  const divisionName = new Map(
    (divisions.data ?? []).map((d) => [d.code, lang === 'en' ? d.nameEn : d.nameZh]),
  )
  const [problems, setProblems] = useState<{ username?: string; scope?: string }>({})
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null)
  const [resetting, setResetting] = useState<string | null>(null)

  const explain = (error: unknown, name: string): string => {
    if (error instanceof ApiError && error.code === 'last_admin') return m.lastAdmin
    if (error instanceof ApiError && error.code === 'account_exists') return m.exists(name)
    return errorText(error, c)
  }

  /** Runs one change, then reloads the list; failures are said in the panel's alert. */
  const act = async (name: string, fn: () => Promise<unknown>, done?: string) => {
    setBusy(true)
    setMessage(null)
    try {
      await fn()
      if (done) setMessage({ error: false, text: done })
      setReloadKey((k) => k + 1)
      onChanged()
    } catch (error) {
      setMessage({ error: true, text: explain(error, name) })
    } finally {
      setBusy(false)
    }
  }

  const create = async (event: Event) => {
    event.preventDefault()
    const name = username.trim()
    const parsed = parseGroups(scopeText)
    const found = {
      username: USERNAME_PATTERN.test(name) ? undefined : m.badUsername,
      scope: parsed.invalid.length ? m.badScope(parsed.invalid.join(', ')) : undefined,
    }
    setProblems(found)
    if (found.username || found.scope) return
    await act(name, async () => {
      const answer = await client.call(ADMIN_ROUTES.createAccount, {
        body: { username: name, role, scope: parsed.groups, orgCode },
      })
      setShown({ username: name, password: answer.password })
      setUsername('')
      setScopeText('')
      setOrgCode(PROVINCE_CODE)
    })
  }

  const reset = async (name: string) => {
    setResetting(null)
    await act(name, async () => {
      const answer = await client.call(ADMIN_ROUTES.resetPassword, { params: { username: name }, body: {} })
      setShown({ username: name, password: answer.password })
    })
  }

  const rows = accounts.data ?? []
  const col = m.accountCol
  return (
    <section id="accounts" class="card panel" aria-labelledby="accounts-title">
      <h2 id="accounts-title">{m.accountsTitle}</h2>
      <p>{m.accountsIntro}</p>
      {shown && (
        <div class="enrol-code" role="status" aria-labelledby="password-title">
          <h3 id="password-title">{m.passwordFor(shown.username)}</h3>
          <p class="code-display" lang="en">
            <code data-testid="shown-password">{shown.password}</code>
          </p>
          <p>{m.passwordHint}</p>
          <button type="button" onClick={() => setShown(null)}>
            {c.close}
          </button>
        </div>
      )}
      <form class="terminal-form" onSubmit={create} noValidate aria-labelledby="new-account-title">
        <h3 id="new-account-title">{m.newAccount}</h3>
        <div class="form-row">
          <div class="field">
            <label for="account-username">{m.username}</label>
            <input
              id="account-username"
              maxLength={32}
              autocomplete="off"
              value={username}
              aria-invalid={Boolean(problems.username)}
              aria-describedby={problems.username ? 'account-username-error' : 'account-username-hint'}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
            <p class="hint" id="account-username-hint">
              {m.usernameHint}
            </p>
            {problems.username && (
              <p class="error" id="account-username-error">
                {problems.username}
              </p>
            )}
          </div>
          <div class="field">
            <label for="account-role">{col.role}</label>
            <RoleSelect id="account-role" value={role} onChange={setRole} />
          </div>
          <OrgSelect
            id="account-org"
            divisions={divisions.data ?? []}
            value={orgCode}
            onChange={setOrgCode}
          />
          <div class="field">
            <label for="account-scope">{m.scopeLabel}</label>
            <input
              id="account-scope"
              value={scopeText}
              aria-invalid={Boolean(problems.scope)}
              aria-describedby={
                problems.scope ? 'account-scope-error account-scope-hint' : 'account-scope-hint'
              }
              onInput={(e) => setScopeText(e.currentTarget.value)}
            />
            <p class="hint" id="account-scope-hint">
              {m.scopeHint}
            </p>
            {problems.scope && (
              <p class="error" id="account-scope-error">
                {problems.scope}
              </p>
            )}
          </div>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {m.createAccount}
        </button>
      </form>
      {message && (
        <p class={message.error ? 'error' : 'success'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {accounts.error !== null && (
        <p class="error" role="alert">
          {errorText(accounts.error, c)}
        </p>
      )}
      {rows.length > 0 && (
        <div class="table-scroll tall">
          <table aria-labelledby="accounts-title">
            <thead>
              <tr>
                <th scope="col">{col.username}</th>
                <th scope="col">{col.role}</th>
                <th scope="col">{col.org}</th>
                <th scope="col">{col.scope}</th>
                <th scope="col">{col.status}</th>
                <th scope="col">{col.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <AccountRow
                  key={`${a.username}:${a.role}:${a.scope.join(',')}:${a.disabled}`}
                  account={a}
                  orgName={divisionName.get(a.orgCode) ?? a.orgCode}
                  busy={busy}
                  onSave={(change) =>
                    act(
                      a.username,
                      () =>
                        client.call(ADMIN_ROUTES.updateAccount, {
                          params: { username: a.username },
                          body: change,
                        }),
                      m.saved(a.username),
                    )
                  }
                  onReset={() => setResetting(a.username)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={resetting !== null}
        title={m.resetConfirm(resetting ?? '')}
        confirmLabel={m.reset}
        busy={busy}
        onConfirm={() => resetting && void reset(resetting)}
        onCancel={() => setResetting(null)}
      >
        <p>{m.resetConfirmBody}</p>
      </ConfirmDialog>
    </section>
  )
}

type RowProps = {
  account: StaffAccount
  /** The name of the division the account serves. */
  orgName: string
  busy: boolean
  onSave: (change: { role?: StaffRole; scope?: string[]; disabled?: boolean }) => void
  onReset: () => void
}

/** One account: its role and groups editable in place, and its actions. */
function AccountRow({ account: a, orgName, busy, onSave, onReset }: RowProps) {
  const m = useMessages(accountMessages)
  const [role, setRole] = useState<StaffRole>(a.role)
  const [scopeText, setScopeText] = useState(formatGroups(a.scope))
  const parsed = parseGroups(scopeText)
  const id = a.username.replace(/[^a-z0-9-]/g, '-')
  return (
    <tr>
      <th scope="row">{a.username}</th>
      <td>
        <RoleSelect label={m.roleOf(a.username)} value={role} onChange={setRole} />
      </td>
      <td>{orgName}</td>
      <td>
        <input
          aria-label={m.scopeOf(a.username)}
          aria-describedby={`scope-${id}-all`}
          aria-invalid={parsed.invalid.length > 0}
          value={scopeText}
          onInput={(e) => setScopeText(e.currentTarget.value)}
        />
        <span class="hint" id={`scope-${id}-all`}>
          {parsed.groups.length === 0 ? m.allTerminals : ''}
        </span>
      </td>
      <td>{a.disabled ? m.disabled : m.active}</td>
      <td>
        <button
          type="button"
          aria-label={m.saveFor(a.username)}
          disabled={busy || parsed.invalid.length > 0}
          onClick={() => onSave({ role, scope: parsed.groups })}
        >
          {m.save}
        </button>
        <button
          type="button"
          aria-label={a.disabled ? m.enableFor(a.username) : m.disableFor(a.username)}
          disabled={busy}
          onClick={() => onSave({ disabled: !a.disabled })}
        >
          {a.disabled ? m.enable : m.disable}
        </button>
        <button type="button" aria-label={m.resetFor(a.username)} disabled={busy} onClick={onReset}>
          {m.reset}
        </button>
      </td>
    </tr>
  )
}

type RoleSelectProps = { id?: string; label?: string; value: StaffRole; onChange: (role: StaffRole) => void }

/** A role picker, named by its <label for=id> or by `label`. */
function RoleSelect({ id, label, value, onChange }: RoleSelectProps) {
  const m = useMessages(accountMessages)
  return (
    <select
      id={id}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as StaffRole)}
    >
      {STAFF_ROLES.map((r) => (
        <option key={r} value={r}>
          {m.role[r]}
        </option>
      ))}
    </select>
  )
}
