/**
 * Roll back to an earlier version after confirmation, as the province catalog's and a district's version lists
 * both offer it: the button of a row, the confirmation dialog, and the outcome (a message, or the error).
 */
import { useState } from 'preact/hooks'
import { ConfirmDialog } from '../consoles/ConfirmDialog'
import { useMessages } from '../consoles/i18n'
import { adminMessages } from './messages'

/** `run` publishes the version's content again and answers the new number; `done` says so in a sentence. */
export function useVersionRollback(
  run: (version: number) => Promise<{ version: number }>,
  done: (from: number, to: number) => string,
) {
  const m = useMessages(adminMessages)
  const [target, setTarget] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  const rollback = async (version: number) => {
    setBusy(true)
    setError(null)
    try {
      const answer = await run(version)
      setResult(done(version, answer.version))
    } catch (caught) {
      setError(caught)
    } finally {
      setTarget(null)
      setBusy(false)
    }
  }

  /** The row's button, described by the row header naming its version. */
  const button = (version: number, describedBy: string) => (
    <button type="button" aria-describedby={describedBy} disabled={busy} onClick={() => setTarget(version)}>
      {m.rollback}
    </button>
  )
  const dialog = (
    <ConfirmDialog
      open={target !== null}
      title={target === null ? '' : m.rollbackConfirmTitle(target)}
      busy={busy}
      onCancel={() => setTarget(null)}
      onConfirm={() => target !== null && void rollback(target)}
    >
      <p>{m.rollbackConfirmBody}</p>
    </ConfirmDialog>
  )
  return { result, error, button, dialog }
}
