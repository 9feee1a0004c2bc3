/**
 * The terminal's header and footer bars, as pure functions of their props and a translator: the app renders
 * them (`App.tsx`) and the build serialises the same calls, in their attract-screen state, into index.html
 * (`ui/attractShell.ts`), so the first frame and the app's own bars are one definition. Written with `h` (no
 * JSX) for the build's config loader, like `attractView.ts`.
 */
import { h } from 'preact'
import type { MessageKey } from '../../i18n'

type Tr = (key: MessageKey) => string

/** The header: the maintenance corner (a hidden tap sequence), the brand, where the resident is, the network. */
export interface TopbarProps {
  online: boolean
  /** The department the resident is in, or ''. */
  crumb: string
  onCornerPointerDown?: () => void
}

/** The header bar's element tree. */
export function topbarView(props: TopbarProps, tr: Tr) {
  return h('header', { class: 'topbar' }, [
    h('div', { class: 'corner', 'aria-hidden': 'true', onPointerDown: props.onCornerPointerDown }),
    h('img', { class: 'brand-mark', src: '/icon.svg', alt: '', width: '48', height: '48' }),
    h('p', { class: 'brand' }, tr('appTitle')),
    props.crumb ? h('p', { class: 'crumb' }, props.crumb) : null,
    h(
      'p',
      { class: `net ${props.online ? 'net-on' : 'net-off'}` },
      props.online ? tr('statusOnline') : tr('statusOffline'),
    ),
  ])
}

/** The footer: back and home inside a session, 视频帮办, read again (elder mode), language and elder mode. */
export interface BottombarProps {
  backHome: boolean
  help: boolean
  elder: boolean
  lang: 'zh' | 'en'
  /** The other language's dictionary is loading (`aria-busy`), and past 300 ms a spinner shows. */
  languagePending: boolean
  languageSpinner: boolean
  onBack?: () => void
  onHome?: () => void
  onHelp?: () => void
  onReadAgain?: () => void
  onLanguage?: () => void
  onElder?: () => void
}

/** The footer bar's element tree. */
export function bottombarView(props: BottombarProps, tr: Tr) {
  const button = (helpId: string, label: string, onClick?: () => void, extra: Record<string, unknown> = {}) =>
    h('button', { type: 'button', class: 'btn', 'data-help-id': helpId, onClick, ...extra }, label)
  return h('footer', { class: 'bottombar' }, [
    props.backHome && button('nav.back', tr('back'), props.onBack),
    props.backHome && button('nav.home', tr('home'), props.onHome),
    h('span', { class: 'spacer' }),
    props.help &&
      button('help.call', tr('helpCall'), props.onHelp, {
        class: 'btn btn-help',
        'data-testid': 'help-call',
      }),
    props.elder && button('speech.again', tr('readAgain'), props.onReadAgain),
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        lang: props.lang === 'zh' ? 'en' : 'zh-CN',
        'aria-label': `${tr('langSwitchLabel')}: ${tr('langSwitch')}`,
        'data-help-id': 'lang.switch',
        'aria-busy': props.languagePending,
        onClick: props.onLanguage,
      },
      [
        props.languageSpinner && h('span', { class: 'spinner spinner-inline', 'aria-hidden': 'true' }),
        tr('langSwitch'),
      ],
    ),
    button('elder.toggle', tr('elderOn'), props.onElder, { 'aria-pressed': props.elder }),
  ])
}
