/**
 * The attract screen's elements, as a pure function of its props and a translator: the app renders it
 * (`AttractScreen`), and the build serialises the same call into index.html (`ui/attractShell.ts`), so the
 * first frame paints before any script runs and Preact takes over those very elements. Written with `h`
 * (no JSX) so the build's config loader needs no JSX setup.
 */
import { h } from 'preact'
import type { MessageKey } from '../../i18n'

const NOTICES: MessageKey[] = ['notice1', 'notice2', 'notice3', 'notice4']

/**
 * Props: which notice shows, whether a catalog is loaded, the start action, `onPrepare`, called as a finger
 * lands (before the click) so what the session needs can start loading, and `startFailed`: the last tap could
 * not load the session's screens (offline before the service worker had cached them), so the resident is told
 * why nothing happened and what to do.
 */
export interface AttractProps {
  noticeIndex: number
  ready: boolean
  startFailed: boolean
  onPrepare: () => void
  onStart: () => void
}

/** The attract screen's element tree in the language of `tr`. */
export function attractView(props: AttractProps, tr: (key: MessageKey) => string) {
  const notice = NOTICES[props.noticeIndex % NOTICES.length] ?? 'notice1'
  return h('div', { class: 'attract' }, [
    h('h1', { class: 'attract-title' }, tr('appTitle')),
    props.startFailed &&
      h('p', { class: 'warning lead attract-alert', role: 'alert' }, tr('attractStartFailed')),
    h('div', { class: 'attract-stage' }, [
      h(
        'button',
        {
          type: 'button',
          class: 'attract-touch',
          disabled: !props.ready,
          onPointerDown: props.onPrepare,
          onClick: props.onStart,
        },
        h('span', { class: 'attract-cta' }, props.ready ? tr('attractTouch') : tr('attractLoading')),
      ),
      h('p', { class: 'attract-notice' }, tr(notice)),
    ]),
  ])
}
