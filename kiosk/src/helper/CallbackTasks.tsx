/**
 * The helper console's call-back tasks: every helper sees the list with numbers masked; a helper takes a task
 * (only one can), then only that helper may ask for the full number (a separate request the backend audits) and
 * close the task as called back or unreachable.
 */
import { useState } from 'preact/hooks'
import { CALLBACK_OUTCOMES, type CallbackOutcome } from '../../../mock-backend/src/contract/helpDeskRules'
import { HELP_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatDateTime } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import { LoadedTable } from '../consoles/LoadedTable'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import { callbackMessages } from './callbackMessages'

/** The tasks list of the signed-in helper `me`. */
export function CallbackTasks({ client, me }: { client: StaffClient; me: string }) {
  const m = useMessages(callbackMessages)
  const c = useMessages(commonMessages)
  const [reloadKey, setReloadKey] = useState(0)
  const { data, error } = useResource(client, HELP_ROUTES.callbacks, {}, reloadKey)
  const [numbers, setNumbers] = useState<Record<string, string | null>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const act = async (work: () => Promise<unknown>) => {
    try {
      setFailure(null)
      await work()
    } catch (err) {
      setFailure(`${m.failed}：${errorText(err, c)}`)
    }
    setReloadKey((n) => n + 1)
  }
  const take = (key: string) => act(() => client.call(HELP_ROUTES.take, { params: { key }, body: {} }))
  const reveal = (key: string) =>
    act(async () => {
      const answer = await client.call(HELP_ROUTES.number, { params: { key } })
      setNumbers((all) => ({ ...all, [key]: answer.phone }))
    })
  const close = (key: string, outcome: CallbackOutcome) =>
    act(() => client.call(HELP_ROUTES.close, { params: { key }, body: { outcome } }))

  return (
    <section class="card callback-tasks" aria-labelledby="callback-title" data-testid="callback-tasks">
      <div class="section-head">
        <h2 id="callback-title">{m.title}</h2>
        <button type="button" onClick={() => setReloadKey((n) => n + 1)}>
          {m.reload}
        </button>
      </div>
      {failure && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
      <LoadedTable
        rows={data?.tasks ?? null}
        error={error}
        loadFailed={m.loadFailed}
        none={m.none}
        labelledBy="callback-title"
        caption={m.title}
        columns={[
          { label: m.terminal },
          { label: m.requestedAt },
          { label: m.item },
          { label: m.phone },
          { label: m.status },
          { label: m.actions },
        ]}
      >
        {(rows) =>
          rows.map((t) => {
            const mine = t.takenBy === me && t.closedAt === null
            const shown = numbers[t.key]
            return (
              <tr key={t.key} data-task={t.key}>
                <td>{t.terminalName}</td>
                <td>{formatDateTime(t.requestedAt)}</td>
                <td>{t.itemCode ?? '—'}</td>
                <td data-testid="callback-phone">
                  {shown === undefined ? t.maskedPhone : (shown ?? m.purged)}
                </td>
                <td>
                  {t.outcome ? m.closed(m.closeAs[t.outcome]) : t.takenBy ? m.takenBy(t.takenBy) : m.open}
                </td>
                <td>
                  {t.takenBy === null && t.closedAt === null && (
                    <button type="button" onClick={() => void take(t.key)}>
                      {m.take}
                    </button>
                  )}
                  {mine && shown === undefined && (
                    <button type="button" onClick={() => void reveal(t.key)}>
                      {m.showNumber}
                    </button>
                  )}
                  {mine &&
                    CALLBACK_OUTCOMES.map((outcome) => (
                      <button key={outcome} type="button" onClick={() => void close(t.key, outcome)}>
                        {m.closeAs[outcome]}
                      </button>
                    ))}
                </td>
              </tr>
            )
          })
        }
      </LoadedTable>
    </section>
  )
}
