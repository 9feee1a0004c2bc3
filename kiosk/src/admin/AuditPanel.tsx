/** The audit log, newest first, a page at a time ("older entries" fetches the next page). */
import { useState } from 'preact/hooks'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { AuditEntry } from '../consoles/apiTypes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatDateTime } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import { accountMessages } from './accountMessages'

/** Entries per page in the console. */
const PAGE = 50

/** The audit panel of the admin console. */
export function AuditPanel({ client }: { client: StaffClient }) {
  const m = useMessages(accountMessages)
  const c = useMessages(commonMessages)
  const first = useResource(client, ADMIN_ROUTES.audit, { query: { limit: PAGE } })
  const [older, setOlder] = useState<AuditEntry[]>([])
  const [next, setNext] = useState<number | null | undefined>(undefined)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const cursor = next === undefined ? (first.data?.next ?? null) : next

  const more = async () => {
    if (cursor === null) return
    setBusy(true)
    try {
      const page = await client.call(ADMIN_ROUTES.audit, { query: { limit: PAGE, before: cursor } })
      setOlder((rows) => [...rows, ...page.entries])
      setNext(page.next)
      setError(null)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const rows = [...(first.data?.entries ?? []), ...older]
  const col = m.auditCol
  return (
    <section id="audit" class="card panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{m.auditTitle}</h2>
      <p>{m.auditIntro}</p>
      {(first.error ?? error) !== null && (
        <p class="error" role="alert">
          {errorText(first.error ?? error, c)}
        </p>
      )}
      {first.data && rows.length === 0 && <p>{m.auditEmpty}</p>}
      {rows.length > 0 && (
        <div class="table-scroll tall">
          <table aria-labelledby="audit-title">
            <thead>
              <tr>
                <th scope="col">{col.at}</th>
                <th scope="col">{col.actor}</th>
                <th scope="col">{col.role}</th>
                <th scope="col">{col.address}</th>
                <th scope="col">{col.action}</th>
                <th scope="col">{col.target}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <th scope="row">{e.actor}</th>
                  <td>{e.role in m.role ? m.role[e.role as keyof typeof m.role] : e.role}</td>
                  <td>{e.address}</td>
                  <td>{m.action[e.action]}</td>
                  <td>{e.target}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor !== null && first.data && (
        <button type="button" disabled={busy} onClick={() => void more()}>
          {m.older}
        </button>
      )}
    </section>
  )
}
