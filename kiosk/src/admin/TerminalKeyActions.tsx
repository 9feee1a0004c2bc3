/**
 * A terminal's key state and the admin's three actions on it, each behind a ConfirmDialog: revoke (immediate),
 * rotate (shows the new one-time code once) and wipe at next contact.
 */
import { useState } from 'preact/hooks'
import type { AdminTerminal, RotatedTerminal } from '../../../mock-backend/src/contract'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { ConfirmDialog } from '../consoles/ConfirmDialog'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatDateTime } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { adminMessages } from './messages'

type Action = 'revoke' | 'rotate' | 'wipe'

/** What the key column says about a terminal. */
export function KeyState({ terminal: t }: { terminal: AdminTerminal }) {
  const m = useMessages(adminMessages)
  const key = t.revokedAt
    ? m.keyRevoked(formatDateTime(t.revokedAt))
    : t.keyExpiresAt
      ? m.keyRotating(formatDateTime(t.keyExpiresAt))
      : m.keyActive
  const wipe = t.wipeRequestedAt ? m.wipePending : t.wipedAt ? m.wipedAt(formatDateTime(t.wipedAt)) : null
  return (
    <>
      {key}
      {wipe && <br />}
      {wipe}
    </>
  )
}

/** The revoke / rotate / wipe buttons of one row; `onChanged` reloads the list, `onCode` shows a rotate's code. */
export function TerminalKeyActions(props: {
  client: StaffClient
  terminal: AdminTerminal
  onChanged: () => void
  onCode: (rotated: RotatedTerminal & { name: string }) => void
}) {
  const m = useMessages(adminMessages)
  const c = useMessages(commonMessages)
  const { terminal: t } = props
  const [asking, setAsking] = useState<Action | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const run = async (action: Action) => {
    setBusy(true)
    setError(null)
    const params = { id: t.id }
    try {
      if (action === 'rotate') {
        const rotated = await props.client.call(ADMIN_ROUTES.rotateTerminal, { params, body: {} })
        props.onCode({ ...rotated, name: t.name })
      } else if (action === 'revoke')
        await props.client.call(ADMIN_ROUTES.revokeTerminal, { params, body: {} })
      else await props.client.call(ADMIN_ROUTES.wipeTerminal, { params, body: {} })
      props.onChanged()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
      setAsking(null)
    }
  }
  const dialog = {
    revoke: [m.revokeTitle(t.name), m.revokeBody, m.revoke],
    rotate: [m.rotateTitle(t.name), m.rotateBody, m.rotate],
    wipe: [m.wipeTitle(t.name), m.wipeBody, m.wipe],
  } as const
  return (
    <>
      {(['revoke', 'rotate', 'wipe'] as const).map((action) => (
        <button
          key={action}
          type="button"
          disabled={busy || (action === 'revoke' && t.revokedAt !== null)}
          onClick={() => setAsking(action)}
        >
          {dialog[action][2]}
        </button>
      ))}
      {error !== null && (
        <p class="error" role="alert">
          {errorText(error, c)}
        </p>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={asking ? dialog[asking][0] : ''}
        confirmLabel={asking ? dialog[asking][2] : undefined}
        busy={busy}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          if (asking) void run(asking)
        }}
      >
        <p>{asking ? dialog[asking][1] : ''}</p>
      </ConfirmDialog>
    </>
  )
}
