/** A district's published overlay versions, newest first, with roll back to an earlier one (after confirmation). */
import type { DistrictCatalogPublished } from '../../../mock-backend/src/contract/districtCatalog'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatDateTime } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import { districtMessages } from './districtMessages'
import { adminMessages } from './messages'
import { useVersionRollback } from './useVersionRollback'

type Props = {
  client: StaffClient
  reloadKey: number
  onRolledBack: (answer: DistrictCatalogPublished) => void
}

/** Lets a district admin see what the district published when, and undo a bad release. */
export function DistrictVersions({ client, reloadKey, onRolledBack }: Props) {
  const m = useMessages(districtMessages)
  const a = useMessages(adminMessages)
  const c = useMessages(commonMessages)
  const versions = useResource(client, ADMIN_ROUTES.districtVersions, {}, reloadKey)
  const { result, error, button, dialog } = useVersionRollback(async (version) => {
    const answer = await client.call(ADMIN_ROUTES.districtRollback, { body: { version } })
    onRolledBack(answer)
    return answer
  }, m.rolledBack)

  const rows = versions.data ?? []
  return (
    <section class="card" aria-labelledby="district-versions-title">
      <h3 id="district-versions-title">{m.versionsTitle}</h3>
      <div role="status">{result && <p class="success">{result}</p>}</div>
      {(error ?? versions.error) !== null && (
        <p class="error" role="alert">
          {errorText(error ?? versions.error, c)}
        </p>
      )}
      {rows.length > 0 && (
        <div class="table-scroll">
          <table aria-labelledby="district-versions-title">
            <thead>
              <tr>
                <th scope="col">{m.col.version}</th>
                <th scope="col">{m.col.publishedAt}</th>
                <th scope="col">{m.col.publishedBy}</th>
                <th scope="col">{m.col.note}</th>
                <th scope="col" class="num">
                  {m.col.additions}
                </th>
                <th scope="col" class="num">
                  {m.col.withdrawals}
                </th>
                <th scope="col">{m.col.status}</th>
                <th scope="col">{m.col.action}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => (
                <tr key={v.version} class={v.active ? 'active-row' : ''}>
                  <th scope="row" id={`district-version-${v.version}`}>
                    v{v.version}
                  </th>
                  <td>{formatDateTime(v.publishedAt)}</td>
                  <td>{v.publishedBy}</td>
                  <td>{v.note}</td>
                  <td class="num">{v.additionCount}</td>
                  <td class="num">{v.withdrawalCount}</td>
                  <td>{v.active && <span class="badge ok">{a.activeVersion}</span>}</td>
                  <td>{!v.active && button(v.version, `district-version-${v.version}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog}
    </section>
  )
}
