/**
 * The resident page's first frame as HTML, written into index.html's #app at build time (vite.config.ts): the
 * header, the attract screen (`attractView`, the same call the app renders) and the footer as the app renders
 * them in Chinese before anything is known (online, catalog still loading). The page paints it before any
 * script runs; Preact's first render then reuses these elements (tests/e2e/kiosk-first-paint.spec.ts checks
 * that the app's DOM matches it and that no element of it is replaced).
 */
import { h } from 'preact'
import { translator } from '../i18n'
import { attractView } from './screens/attractView'
import { toStaticHtml } from './staticMarkup'

/** The HTML inside #app before the entry module runs. */
export function attractShellHtml(): string {
  const tr = translator('zh')
  const none = () => undefined
  const attract = attractView(
    { noticeIndex: 0, ready: false, startFailed: false, onPrepare: none, onStart: none },
    tr,
  )
  return toStaticHtml(
    h('div', { class: 'kiosk ' }, [
      h('header', { class: 'topbar' }, [
        h('div', { class: 'corner', 'aria-hidden': 'true' }),
        h('img', { class: 'brand-mark', src: '/icon.svg', alt: '', width: '48', height: '48' }),
        h('p', { class: 'brand' }, tr('appTitle')),
        h('p', { class: 'net net-on' }, tr('statusOnline')),
      ]),
      h('main', { id: 'main' }, attract),
      h('footer', { class: 'bottombar' }, [
        h('span', { class: 'spacer' }),
        h(
          'button',
          { type: 'button', class: 'btn btn-help', 'data-help-id': 'help.call', 'data-testid': 'help-call' },
          tr('helpCall'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn',
            lang: 'en',
            'aria-label': `${tr('langSwitchLabel')}: ${tr('langSwitch')}`,
            'data-help-id': 'lang.switch',
            'aria-busy': false,
          },
          tr('langSwitch'),
        ),
        h(
          'button',
          { type: 'button', class: 'btn', 'data-help-id': 'elder.toggle', 'aria-pressed': false },
          tr('elderOn'),
        ),
      ]),
      h('div', { class: 'sr-only', 'aria-live': 'polite', role: 'status' }),
    ]),
  )
}
