/**
 * Terminal list and "new terminal", which shows the one-time enrol code large for the kiosk's maintenance screen;
 * each row shows its key state and offers revoke, rotate and wipe (TerminalKeyActions.tsx).
 */
import { useState } from 'preact/hooks'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { CreatedTerminal } from '../consoles/apiTypes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatDateTime } from '../consoles/format'
import { useLang, useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import { DistrictSelect } from './DivisionSelect'
import { formatGroups, parseGroups } from './groups'
import { HelpContactForm } from './HelpContactForm'
import { adminMessages } from './messages'
import { pinLooksValid, settingsMessages } from './settingsMessages'
import { KeyState, TerminalKeyActions } from './TerminalKeyActions'
import { TerminalSettingsForm } from './TerminalSettingsForm'

/** Registers terminals and lists the fleet with its groups. */
export function TerminalsPanel({ client }: { client: StaffClient }) {
  const m = useMessages(adminMessages)
  const c = useMessages(commonMessages)
  const s = useMessages(settingsMessages)
  const { lang } = useLang()
  const [reloadKey, setReloadKey] = useState(0)
  const terminals = useResource(client, ADMIN_ROUTES.terminals, {}, reloadKey)
  const [name, setName] = useState('')
  const [location, setLocation] = useState('')
  const [groupsText, setGroupsText] = useState('')
  const [pin, setPin] = useState('')
  const [districtCode, setDistrictCode] = useState('')
  const divisions = useResource(client, ADMIN_ROUTES.divisions, {})
  const districtName = new Map(
    (divisions.data ?? []).map((d) => [d.code, lang === 'en' ? d.nameEn : d.nameZh]),
  )
  const [problems, setProblems] = useState<{
    name?: string
    location?: string
    groups?: string
    pin?: string
  }>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [created, setCreated] = useState<(CreatedTerminal & { name: string; rotated?: true }) | null>(null)

  const submit = async (event: Event) => {
    event.preventDefault()
    const parsed = parseGroups(groupsText)
    const found = {
      name: name.trim() ? undefined : m.required(m.terminalName),
      location: location.trim() ? undefined : m.required(m.terminalLocation),
      groups: parsed.invalid.length ? m.badGroups(parsed.invalid.join(', ')) : undefined,
      pin: pinLooksValid(pin) ? undefined : s.badPin,
    }
    setProblems(found)
    if (found.name || found.location || found.groups || found.pin) return
    setBusy(true)
    setError(null)
    try {
      const answer = await client.call(ADMIN_ROUTES.createTerminal, {
        body: {
          name: name.trim(),
          location: location.trim(),
          groups: parsed.groups,
          pin,
          ...(districtCode ? { districtCode } : {}),
        },
      })
      setCreated({ ...answer, name: name.trim() })
      setName('')
      setLocation('')
      setGroupsText('')
      setPin('')
      setDistrictCode('')
      setReloadKey((k) => k + 1)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const col = m.terminalCol
  const rows = terminals.data ?? []
  const fieldError = (id: string, text: string | undefined) =>
    text ? (
      <p class="error" id={id}>
        {text}
      </p>
    ) : null

  return (
    <section id="terminals" class="card panel" aria-labelledby="terminals-title">
      <h2 id="terminals-title">{m.terminalsTitle}</h2>
      {created && (
        <div class="enrol-code" role="status" aria-labelledby="enrol-title">
          <h3 id="enrol-title">
            {created.rotated ? m.rotateCodeFor(created.name) : m.enrolCodeFor(created.name)}
          </h3>
          <p class="code-display" lang="en">
            <code>{created.enrolCode}</code>
          </p>
          <p>{m.enrolCodeHint(formatDateTime(created.expiresAt))}</p>
          <button type="button" onClick={() => setCreated(null)}>
            {c.close}
          </button>
        </div>
      )}
      <form class="terminal-form" onSubmit={submit} noValidate aria-labelledby="new-terminal-title">
        <h3 id="new-terminal-title">{m.newTerminal}</h3>
        <div class="form-row">
          <div class="field">
            <label for="terminal-name">{m.terminalName}</label>
            <input
              id="terminal-name"
              maxLength={60}
              value={name}
              aria-invalid={Boolean(problems.name)}
              aria-describedby={problems.name ? 'terminal-name-error' : undefined}
              onInput={(e) => setName(e.currentTarget.value)}
            />
            {fieldError('terminal-name-error', problems.name)}
          </div>
          <div class="field">
            <label for="terminal-location">{m.terminalLocation}</label>
            <input
              id="terminal-location"
              maxLength={120}
              value={location}
              aria-invalid={Boolean(problems.location)}
              aria-describedby={problems.location ? 'terminal-location-error' : undefined}
              onInput={(e) => setLocation(e.currentTarget.value)}
            />
            {fieldError('terminal-location-error', problems.location)}
          </div>
          <DistrictSelect
            id="terminal-district"
            divisions={divisions.data ?? []}
            value={districtCode}
            onChange={setDistrictCode}
          />
          <div class="field">
            <label for="terminal-groups">{m.terminalGroups}</label>
            <input
              id="terminal-groups"
              value={groupsText}
              aria-invalid={Boolean(problems.groups)}
              aria-describedby={
                problems.groups ? 'terminal-groups-error terminal-groups-hint' : 'terminal-groups-hint'
              }
              onInput={(e) => setGroupsText(e.currentTarget.value)}
            />
            <p class="hint" id="terminal-groups-hint">
              {m.groupsHint}
            </p>
            {fieldError('terminal-groups-error', problems.groups)}
          </div>
          <div class="field">
            <label for="terminal-pin">{s.pin}</label>
            <input
              id="terminal-pin"
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              value={pin}
              aria-invalid={Boolean(problems.pin)}
              aria-describedby={problems.pin ? 'terminal-pin-error terminal-pin-hint' : 'terminal-pin-hint'}
              onInput={(e) => setPin(e.currentTarget.value)}
            />
            <p class="hint" id="terminal-pin-hint">
              {s.pinHint}
            </p>
            {fieldError('terminal-pin-error', problems.pin)}
          </div>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {m.create}
        </button>
        {error !== null && (
          <p class="error" role="alert">
            {errorText(error, c)}
          </p>
        )}
      </form>
      {terminals.error !== null && (
        <p class="error" role="alert">
          {errorText(terminals.error, c)}
        </p>
      )}
      {terminals.data && rows.length === 0 && <p>{m.noTerminals}</p>}
      {rows.length > 0 && (
        <div class="table-scroll tall">
          <table aria-labelledby="terminals-title">
            <thead>
              <tr>
                <th scope="col">{col.name}</th>
                <th scope="col">{col.location}</th>
                <th scope="col">{col.district}</th>
                <th scope="col">{col.groups}</th>
                <th scope="col">{col.enrolled}</th>
                <th scope="col">{col.lastSeen}</th>
                <th scope="col">{s.pinSetCol}</th>
                <th scope="col">{s.idleCol}</th>
                <th scope="col">{m.keyCol}</th>
                <th scope="col">
                  <span class="sr-only">{m.rotate}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>{t.location}</td>
                  <td>{districtName.get(t.districtCode) ?? t.districtCode}</td>
                  <td>{t.groups.length ? formatGroups(t.groups) : m.allGroups}</td>
                  <td>{t.enrolled ? c.yes : c.no}</td>
                  <td>{formatDateTime(t.lastSeenAt)}</td>
                  <td>{t.pinSet ? c.yes : c.no}</td>
                  <td>{s.seconds(t.idleSeconds)}</td>
                  <td>
                    <KeyState terminal={t} />
                  </td>
                  <td class="actions">
                    <TerminalKeyActions
                      client={client}
                      terminal={t}
                      onChanged={() => setReloadKey((k) => k + 1)}
                      onCode={(rotated) => setCreated({ ...rotated, rotated: true })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TerminalSettingsForm client={client} terminals={rows} onChanged={() => setReloadKey((k) => k + 1)} />
      <HelpContactForm client={client} terminals={rows} onChanged={() => setReloadKey((k) => k + 1)} />
    </section>
  )
}
