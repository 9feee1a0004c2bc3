/** The admin console page: catalog import and publishing, versions, terminals, item groups, accounts, audit log. */
import { useCallback, useState } from 'preact/hooks'
import { isTerminalDivision, PROVINCE_CODE } from '../../../mock-backend/src/contract/divisions'
import { ConsoleShell } from '../consoles/ConsoleShell'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { AccountsPanel } from './AccountsPanel'
import { AuditPanel } from './AuditPanel'
import { accountMessages } from './accountMessages'
import { CatalogPanel } from './CatalogPanel'
import { CounterResetForm } from './CounterResetForm'
import { DistrictCatalogPanel } from './DistrictCatalogPanel'
import { districtMessages } from './districtMessages'
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
      {(me) => (
        <AdminBody
          client={client}
          province={me.org.code === PROVINCE_CODE}
          district={isTerminalDivision(me.org.code)}
        />
      )}
    </ConsoleShell>
  )
}

/**
 * The console's sections; below the province the terminals of the admin's division (auth/scope.ts), and for an
 * admin of a district its own items on the province catalog (本区县事项).
 */
function AdminBody({
  client,
  province,
  district,
}: {
  client: StaffClient
  province: boolean
  district: boolean
}) {
  const m = useMessages(adminMessages)
  const d = useMessages(districtMessages)
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
          {province && (
            <>
              <li>
                <a href="#catalog">{m.navCatalog}</a>
              </li>
              <li>
                <a href="#versions">{m.navVersions}</a>
              </li>
            </>
          )}
          {district && (
            <li>
              <a href="#district-catalog">{d.nav}</a>
            </li>
          )}
          <li>
            <a href="#terminals">{m.navTerminals}</a>
          </li>
          {province && (
            <>
              <li>
                <a href="#groups">{m.navGroups}</a>
              </li>
              <li>
                <a href="#accounts">{a.navAccounts}</a>
              </li>
              <li>
                <a href="#audit">{a.navAudit}</a>
              </li>
            </>
          )}
        </ul>
      </nav>
      {province && <CatalogPanel workflow={workflow} />}
      {province && <VersionsPanel client={client} reloadKey={version} onRolledBack={bump} />}
      {district && <DistrictCatalogPanel client={client} />}
      <TerminalsPanel client={client} />
      <CounterResetForm client={client} />
      {province && (
        <ItemGroupsPanel
          client={client}
          reloadKey={version}
          busy={busy}
          onValidate={(body) =>
            void workflow.validate(body, { kind: 'groups' }, 'groups-edit.json', 'application/json')
          }
        />
      )}
      {province && <AccountsPanel client={client} onChanged={audit} />}
      {province && <AuditPanel key={`${version}:${audited}`} client={client} />}
    </>
  )
}
