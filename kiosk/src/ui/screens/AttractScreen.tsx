/**
 * The idle screen: rotating notices and one full-screen "touch to start" button. The button's only text is its
 * call to action, which is its whole name (WCAG 2.5.3 label in name: a voice user says what they see, and the
 * name does not rotate); the notice is a paragraph laid over it that lets taps through to the button.
 */
import type { MessageKey } from '../../i18n'
import { useUi } from '../uiContext'

const NOTICES: MessageKey[] = ['notice1', 'notice2', 'notice3', 'notice4']

/**
 * Props: which notice shows, whether a catalog is loaded, the start action, `onPrepare`, called as a finger
 * lands (before the click) so what the session needs can start loading, and `startFailed`: the last tap could
 * not load the session's screens (offline before the service worker had cached them), so the resident is told
 * why nothing happened and what to do.
 */
export function AttractScreen(props: {
  noticeIndex: number
  ready: boolean
  startFailed: boolean
  onPrepare: () => void
  onStart: () => void
}) {
  const { tr } = useUi()
  const notice = NOTICES[props.noticeIndex % NOTICES.length] ?? 'notice1'
  return (
    <div class="attract">
      <h1 class="attract-title">{tr('appTitle')}</h1>
      {props.startFailed && (
        <p class="warning lead attract-alert" role="alert">
          {tr('attractStartFailed')}
        </p>
      )}
      <div class="attract-stage">
        <button
          type="button"
          class="attract-touch"
          disabled={!props.ready}
          onPointerDown={props.onPrepare}
          onClick={props.onStart}
        >
          <span class="attract-cta">{props.ready ? tr('attractTouch') : tr('attractLoading')}</span>
        </button>
        <p class="attract-notice">{tr(notice)}</p>
      </div>
    </div>
  )
}
