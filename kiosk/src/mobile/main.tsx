/**
 * The mobile case page (`/m/#t=<token>`, 扫码续办): its own entry and chunk, plain Preact and the contract's
 * handoff types, no kiosk code. A 缴费 hand-off token (an offline kiosk's) opens the payment page instead. It
 * follows the phone's language, with a switch, and keeps the token in the fragment (never sent in a URL, never in a
 * Referer: the page also sets no-referrer). An upload link (`/m/#u=<token>`, 用手机拍照上传) loads the upload page
 * instead, a chunk of its own.
 */
import { render } from 'preact'
import { useCallback, useEffect, useState } from 'preact/hooks'
import type { MobilePaymentAnswer } from '../../../mock-backend/src/contract/paymentHandoff'
import { MOBILE_PAYMENT_ROUTE } from '../../../mock-backend/src/contract/paymentHandoff'
import { PHONE_UPLOAD_FRAGMENT } from '../../../mock-backend/src/contract/phoneUploads'
import { CasePage } from './CasePage'
import {
  type CaseState,
  isPaymentToken,
  type LinkState,
  requestCase,
  requestLink,
  tokenFromHash,
} from './caseRequest'
import { Header, usePageLanguage } from './Header'
import { PaymentPage } from './PaymentPage'
import { MOBILE_STRINGS } from './strings'

function MobileApp() {
  const [state, setState] = useState<CaseState>({ state: 'loading' })
  const [payment, setPayment] = useState<LinkState<MobilePaymentAnswer> | null>(null)
  const [lang, switchLang] = usePageLanguage((l) => {
    const w = MOBILE_STRINGS[l]
    return `${payment ? w.payTitle : state.state === 'found' ? w.title : w.brand} · ${w.brand}`
  })
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
  return (
    <>
      <Header brand={t.brand} lang={lang} switchTo={t.switchTo} onSwitch={switchLang} />
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
const isUpload = () => new URLSearchParams(location.hash.replace(/^#/, '')).has(PHONE_UPLOAD_FRAGMENT)
const uploadAtLoad = isUpload()
// A phone that scans a case link while the upload page is open (or the other way) only changes the fragment: the
// page starts over as the other page.
window.addEventListener('hashchange', () => {
  if (isUpload() !== uploadAtLoad) location.reload()
})
if (root && uploadAtLoad) void import('./UploadPage').then((m) => m.renderUpload(root))
else if (root) {
  root.textContent = ''
  render(<MobileApp />, root)
}
