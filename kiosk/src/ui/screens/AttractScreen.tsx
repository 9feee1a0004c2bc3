/** The idle screen: rotating notices and one full-screen "touch to start" button. */
import type { MessageKey } from '../../i18n'
import { useUi } from '../uiContext'

const NOTICES: MessageKey[] = ['notice1', 'notice2', 'notice3', 'notice4']

/**
 * Props: which notice shows, whether a catalog is loaded, the start action, and `onPrepare`, called as a finger
 * lands (before the click) so what the session needs can start loading.
 */
export function AttractScreen(props: {
  noticeIndex: number
  ready: boolean
  onPrepare: () => void
  onStart: () => void
}) {
  const { tr } = useUi()
  const notice = NOTICES[props.noticeIndex % NOTICES.length] ?? 'notice1'
  return (
    <div class="attract">
      <h1 class="attract-title">{tr('appTitle')}</h1>
      <button
        type="button"
        class="attract-touch"
        aria-label={tr('attractTouch')}
        disabled={!props.ready}
        onPointerDown={props.onPrepare}
        onClick={props.onStart}
      >
        <span class="attract-notice">{tr(notice)}</span>
        <span class="attract-cta">{props.ready ? tr('attractTouch') : tr('attractLoading')}</span>
      </button>
    </div>
  )
}
