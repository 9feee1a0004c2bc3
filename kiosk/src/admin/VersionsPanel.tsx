/** Published catalog versions, newest first, with roll back to any earlier one (after confirmation). */
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { PublishAnswer } from '../consoles/apiTypes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatDateTime } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import { adminMessages } from './messages'
import { useVersionRollback } from './useVersionRollback'

type Props = { client: StaffClient; reloadKey: number; onRolledBack: (answer: PublishAnswer) => void }

/** Lets an admin see what was published when, and undo a bad release. */
export function VersionsPanel({ client, reloadKey, onRolledBack }: Props) {
  const m = useMessages(adminMessages)
  const c = useMessages(commonMessages)
  const versions = useResource(client, ADMIN_ROUTES.versions, {}, reloadKey)
  const { result, error, button, dialog } = useVersionRollback(async (version) => {
    const answer = await client.call(ADMIN_ROUTES.rollback, { body: { version } })
    onRolledBack(answer)
    return answer
  }, m.rolledBack)

  const rows = versions.data ?? []
  const col = m.versionCol
  return (
    <section id="versions" class="card panel" aria-labelledby="versions-title">
      <h2 id="versions-title">{m.versionsTitle}</h2>
      <div role="status">{result && <p class="success">{result}</p>}</div>
      {error !== null && (
        <p class="error" role="alert">
          {errorText(error, c)}
        </p>
      )}
      {versions.error !== null && (
        <p class="error" role="alert">
          {errorText(versions.error, c)}
        </p>
      )}
      {versions.loading && !versions.data && <p>{c.loading}</p>}
      {versions.data && rows.length === 0 && <p>{m.noVersions}</p>}
      {rows.length > 0 && (
        <div class="table-scroll tall">
          <table aria-labelledby="versions-title">
            <thead>
              <tr>
                <th scope="col">{col.version}</th>
                <th scope="col">{col.publishedAt}</th>
                <th scope="col">{col.publishedBy}</th>
                <th scope="col">{col.note}</th>
                <th scope="col" class="num">
                  {col.itemCount}
                </th>
                <th scope="col">{col.status}</th>
                <th scope="col">{col.action}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => (
                <tr key={v.version} class={v.active ? 'active-row' : ''}>
                  <th scope="row" id={`version-${v.version}`}>
                    v{v.version}
                  </th>
                  <td>{formatDateTime(v.publishedAt)}</td>
                  <td>{v.publishedBy}</td>
                  <td>{v.note ?? ''}</td>
                  <td class="num">{v.itemCount}</td>
                  <td>{v.active && <span class="badge ok">{m.activeVersion}</span>}</td>
                  <td>{!v.active && button(v.version, `version-${v.version}`)}</td>
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
