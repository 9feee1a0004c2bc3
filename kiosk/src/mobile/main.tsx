/**
 * The mobile case page (`/m/#t=<token>`, 扫码续办): its own entry and chunk, plain Preact and the contract's
 * handoff types, no kiosk code. It follows the phone's language, with a switch, and keeps the token in the
 * fragment (never sent in a URL, never in a Referer: the page also sets no-referrer).
 */
import { render } from 'preact'
import { useCallback, useEffect, useState } from 'preact/hooks'
import { CasePage } from './CasePage'
import { type CaseState, requestCase, tokenFromHash } from './caseRequest'
import { MOBILE_STRINGS, type MobileLang, phoneLanguage } from './strings'

const HTML_LANG: Record<MobileLang, string> = { zh: 'zh-CN', en: 'en' }

function MobileApp() {
  const [lang, setLang] = useState<MobileLang>(() =>
    phoneLanguage(navigator.languages ?? [navigator.language]),
  )
  const [state, setState] = useState<CaseState>({ state: 'loading' })
  const t = MOBILE_STRINGS[lang]
  const load = useCallback(() => {
    setState({ state: 'loading' })
    void requestCase(tokenFromHash(location.hash)).then(setState)
  }, [])
  useEffect(() => {
    load()
    window.addEventListener('hashchange', load)
    return () => window.removeEventListener('hashchange', load)
  }, [load])
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang]
    document.title = `${state.state === 'found' ? t.title : t.brand} · ${t.brand}`
  }, [lang, state, t])
  const other: MobileLang = lang === 'zh' ? 'en' : 'zh'
  return (
    <>
      <header>
        <p>{t.brand}</p>
        <button type="button" lang={HTML_LANG[other]} onClick={() => setLang(other)}>
          {t.switchTo}
        </button>
      </header>
      <main>
        <CasePage state={state} t={t} lang={lang} onRetry={load} />
      </main>
    </>
  )
}

const root = document.getElementById('app')
if (root) {
  root.textContent = ''
  render(<MobileApp />, root)
}
