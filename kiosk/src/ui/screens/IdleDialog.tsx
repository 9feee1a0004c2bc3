/** "Are you still there?" with the countdown and a big 继续 button. */
import { Dialog } from '../Dialog'
import { useUi } from '../uiContext'

/** Props: seconds left and the continue action. */
export function IdleDialog(props: { seconds: number; onContinue: () => void }) {
  const { tr } = useUi()
  return (
    <Dialog title={tr('idleTitle')}>
      <p class="countdown" aria-live="assertive">
        {tr('idleBody', { seconds: props.seconds })}
      </p>
      <button
        type="button"
        class="btn btn-primary btn-big"
        data-help-id="idle.continue"
        onClick={props.onContinue}
      >
        {tr('idleContinue')}
      </button>
    </Dialog>
  )
}
