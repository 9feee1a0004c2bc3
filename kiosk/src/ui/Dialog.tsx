/** A modal alert dialog for the idle countdown and cancel confirmation; unmounted when closed. */
import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'

/** Props: the dialog's title (an h2, the screen keeps its one h1) and body. */
export interface DialogProps {
  title: string
  children: ComponentChildren
}

/** Focuses itself on open so screen readers announce it. */
export function Dialog({ title, children }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <div class="backdrop">
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        tabIndex={-1}
        ref={ref}
      >
        <h2 id="dialog-title">{title}</h2>
        {children}
      </div>
    </div>
  )
}
