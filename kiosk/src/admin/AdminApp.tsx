/** The admin console page: catalog import and publishing, versions, terminals, item groups, accounts, audit log. */
import { useCallback, useState } from 'preact/hooks'
import { ConsoleShell } from '../consoles/ConsoleShell'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { AccountsPanel } from './AccountsPanel'
import { AuditPanel } from './AuditPanel'
import { accountMessages } from './accountMessages'
import { CatalogPanel } from './CatalogPanel'
import { CounterResetForm } from './CounterResetForm'
import { ItemGroupsPanel } from './ItemGroupsPanel'
import { adminMessages } from './messages'
import { TerminalsPanel } from './TerminalsPanel'
import { useCatalogWorkflow } from './useCatalogWorkflow'
import { VersionsPanel } from './VersionsPanel'

/** The whole admin console, behind the staff login (role admin). */
export function AdminApp({ client }: { client: StaffClient }) {
  const m = useMessages(adminMessages)
  return (
    <ConsoleShell client={client} staffRole="admin" title={m.title}>
      {() => <AdminBody client={client} />}
    </ConsoleShell>
  )
}

function AdminBody({ client }: { client: StaffClient }) {
  const m = useMessages(adminMessages)
  const a = useMessages(accountMessages)
  const [version, setVersion] = useState(0)
  const bump = useCallback(() => setVersion((v) => v + 1), [])
  // The audit log starts over after anything it records that this console did.
  const [audited, setAudited] = useState(0)
  const audit = useCallback(() => setAudited((n) => n + 1), [])
  const workflow = useCatalogWorkflow(client, bump)
  const busy = workflow.state.step === 'uploading' || workflow.state.step === 'validating'
  return (
    <>
      <nav class="section-nav" aria-label={m.sections}>
        <ul>
          <li>
            <a href="#catalog">{m.navCatalog}</a>
          </li>
          <li>
            <a href="#versions">{m.navVersions}</a>
          </li>
          <li>
            <a href="#terminals">{m.navTerminals}</a>
          </li>
          <li>
            <a href="#groups">{m.navGroups}</a>
          </li>
          <li>
            <a href="#accounts">{a.navAccounts}</a>
          </li>
          <li>
            <a href="#audit">{a.navAudit}</a>
          </li>
        </ul>
      </nav>
      <CatalogPanel workflow={workflow} />
      <VersionsPanel client={client} reloadKey={version} onRolledBack={bump} />
      <TerminalsPanel client={client} />
      <CounterResetForm client={client} />
      <ItemGroupsPanel
        client={client}
        reloadKey={version}
        busy={busy}
        onValidate={(body) =>
          void workflow.validate(body, { kind: 'groups' }, 'groups-edit.json', 'application/json')
        }
      />
      <AccountsPanel client={client} onChanged={audit} />
      <AuditPanel key={`${version}:${audited}`} client={client} />
    </>
  )
}
