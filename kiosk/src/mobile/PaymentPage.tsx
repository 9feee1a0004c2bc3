/**
 * The mobile page for a 缴费 an offline kiosk handed off (contract/paymentHandoff.ts): the item, its department and
 * fee, and how to pay it on the phone. A real terminal's hand-off ends in the resident's own real-name channel
 * (粤省事), which knows who pays and what is due; the link carries nothing personal, so this page guides there.
 */
import type { MobilePaymentAnswer } from '../../../mock-backend/src/contract/paymentHandoff'
import { LinkProblem, minute } from './CasePage'
import type { LinkState } from './caseRequest'
import { fill, type MobileLang, type MobileStrings } from './strings'

/** The page's main content for a hand-off link's state. */
export function PaymentPage(props: {
  state: LinkState<MobilePaymentAnswer>
  t: MobileStrings
  lang: MobileLang
  onRetry: () => void
}) {
  const { state, t, lang } = props
  if (state.state !== 'found')
    return <LinkProblem state={state} t={t} expiredBody={t.payExpiredBody} onRetry={props.onRetry} />
  const p = state.found
  const pick = (text: { zh: string; en: string }) => text[lang] || text.zh
  return (
    <>
      <h1>{pick(p.item)}</h1>
      <section class="card" aria-label={t.payTitle}>
        <dl>
          <div class="row">
            <dt>{t.department}</dt>
            <dd>{pick(p.department)}</dd>
          </div>
          {p.fee && (
            <div class="row">
              <dt>{t.payFee}</dt>
              <dd>{pick(p.fee)}</dd>
            </div>
          )}
        </dl>
      </section>
      <section class="card">
        <h2>{t.payHowTitle}</h2>
        <ol>
          {t.paySteps.map((step) => (
            <li key={step}>{fill(step, { item: pick(p.item) })}</li>
          ))}
        </ol>
      </section>
      <p class="note">{fill(t.payNote, { time: minute(p.validUntil) })}</p>
    </>
  )
}
