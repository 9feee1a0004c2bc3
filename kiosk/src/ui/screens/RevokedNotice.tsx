/**
 * Shown instead of every service while the backend has revoked this terminal's key: it takes no new transaction,
 * sends nothing, and tells residents where to go. Staff re-enrol it from the maintenance screen (the corner taps).
 */
import { useUi } from '../uiContext'

/** The maintenance notice of a revoked terminal. */
export function RevokedNotice() {
  const { tr } = useUi()
  return (
    <div class="screen revoked-notice" role="alert">
      <h1>{tr('revokedTitle')}</h1>
      <p class="lead">{tr('revokedBody')}</p>
      <p>{tr('revokedKept')}</p>
    </div>
  )
}
