/**
 * The mobile case page (`/m/#t=<token>`, 扫码续办): its own entry and chunk, plain Preact and the contract's
 * handoff types, no kiosk code. A 缴费 hand-off token (an offline kiosk's) opens the payment page instead. It follows the phone's language, with a switch, and keeps the token in the
 * fragment (never sent in a URL, never in a Referer: the page also sets no-referrer).
 */
import { render } from 'preact'
import { useCallback, useEffect, useState } from 'preact/hooks'
import type { MobilePaymentAnswer } from '../../../mock-backend/src/contract/paymentHandoff'
import { MOBILE_PAYMENT_ROUTE } from '../../../mock-backend/src/contract/paymentHandoff'
import { CasePage } from './CasePage'
import {
  type CaseState,
  isPaymentToken,
  type LinkState,
  requestCase,
  requestLink,
  tokenFromHash,
} from './caseRequest'
import { PaymentPage } from './PaymentPage'
import { MOBILE_STRINGS, type MobileLang, phoneLanguage } from './strings'

const HTML_LANG: Record<MobileLang, string> = { zh: 'zh-CN', en: 'en' }

function MobileApp() {
  const [lang, setLang] = useState<MobileLang>(() =>
    phoneLanguage(navigator.languages ?? [navigator.language]),
  )
  const [state, setState] = useState<CaseState>({ state: 'loading' })
  const [payment, setPayment] = useState<LinkState<MobilePaymentAnswer> | null>(null)
  const t = MOBILE_STRINGS[lang]
  const load = useCallback(() => {
    const token = tokenFromHash(location.hash)
    setState({ state: 'loading' })
    if (isPaymentToken(token)) {
      setPayment({ state: 'loading' })
      void requestLink<MobilePaymentAnswer>(MOBILE_PAYMENT_ROUTE, token).then(setPayment)
      return
    }
    setPayment(null)
    void requestCase(token).then(setState)
  }, [])
  useEffect(() => {
    load()
    window.addEventListener('hashchange', load)
    return () => window.removeEventListener('hashchange', load)
  }, [load])
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang]
    document.title = `${payment ? t.payTitle : state.state === 'found' ? t.title : t.brand} · ${t.brand}`
  }, [lang, state, payment, t])
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
        {payment ? (
          <PaymentPage state={payment} t={t} lang={lang} onRetry={load} />
        ) : (
          <CasePage state={state} t={t} lang={lang} onRetry={load} />
        )}
      </main>
    </>
  )
}

const root = document.getElementById('app')
if (root) {
  root.textContent = ''
  render(<MobileApp />, root)
}
