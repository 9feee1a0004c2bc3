/** A modal confirmation built on <dialog>: focus is trapped by the browser and Esc cancels. */
import type { ComponentChildren } from 'preact'
import { useEffect, useId, useRef } from 'preact/hooks'
import { commonMessages } from './commonMessages'
import { useMessages } from './i18n'

type Props = {
  open: boolean
  title: string
  children?: ComponentChildren
  confirmLabel?: string
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** Asks before an irreversible step (publish, roll back). */
export function ConfirmDialog({ open, title, children, confirmLabel, busy, onConfirm, onCancel }: Props) {
  const m = useMessages(commonMessages)
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault()
        onCancel()
      }}
    >
      {open && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault()
            onConfirm()
          }}
        >
          <h2 id={titleId}>{title}</h2>
          {children}
          <div class="dialog-actions">
            <button type="button" onClick={onCancel}>
              {m.cancel}
            </button>
            <button type="submit" class="primary" disabled={busy}>
              {confirmLabel ?? m.confirm}
            </button>
          </div>
        </form>
      )}
    </dialog>
  )
}
