/**
 * The resident page's first frame as HTML, written into index.html's #app at build time (vite.config.ts): the
 * header, the attract screen and the footer (`topbarView`, `attractView`, `bottombarView`: the same calls the app
 * renders) as the app renders them in Chinese before anything is known (online, catalog still loading). The page
 * paints it before any script runs; Preact's first render then reuses these elements (tests/e2e/kiosk-first-paint.spec.ts checks
 * that the app's DOM matches it and that no element of it is replaced).
 */
import { h } from 'preact'
import { translator } from '../i18n'
import { attractView } from './screens/attractView'
import { bottombarView, topbarView } from './screens/barsView'
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
      topbarView({ online: true, crumb: '' }, tr),
      h('main', { id: 'main' }, attract),
      bottombarView(
        {
          backHome: false,
          help: true,
          elder: false,
          lang: 'zh',
          languagePending: false,
          languageSpinner: false,
        },
        tr,
      ),
      h('div', { class: 'sr-only', 'aria-live': 'polite', role: 'status' }),
    ]),
  )
}
