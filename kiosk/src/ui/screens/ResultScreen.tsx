/** 办理结果 and 好差评: what the resident got (answer, reference, queued note, print or QR fallback) and the rating. */
import type { ServiceItem } from '../../../../services-catalog/src/schema'
import { printsReceipt } from '../../../agent/protocol/receiptKinds'
import type { MessageKey } from '../../i18n'
import { pick } from '../../i18n'
import type { FlowResult } from '../../machines/serviceFlowMachine'
import type { RatingLevel } from '../../machines/sessionMachine'
import { HandoffQr } from '../../receipt/HandoffQr'
import { QrCode } from '../QrCode'
import { useUi } from '../uiContext'

/** Levels from best to worst, as the national scheme lists them. */
export const RATING_LEVELS: Array<{ level: RatingLevel; key: MessageKey }> = [
  { level: 5, key: 'rating5' },
  { level: 4, key: 'rating4' },
  { level: 3, key: 'rating3' },
  { level: 2, key: 'rating2' },
  { level: 1, key: 'rating1' },
]

const formatTime = (iso: string, lang: 'zh' | 'en') => {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'short',
  })
}

/** Props: the flow's result, the item, and the rating callbacks. */
export function ResultScreen(props: {
  result: FlowResult
  item: ServiceItem | undefined
  onRate: (level: RatingLevel) => void
  onSkip: () => void
}) {
  const { tr, lang } = useUi()
  const { outcome } = props.result
  const receipt = printsReceipt(props.result.kind)
  // 扫码续办: the case's link as a QR code; a 打印 item's link is on its paper, or its fallback QR code below.
  const caseLink =
    outcome.state === 'done' && props.result.kind !== '打印' ? outcome.result.caseLink : undefined
  const printerReason = tr(props.result.printerState === 'paperOut' ? 'printerPaperOut' : 'printerOffline')
  return (
    <div class="screen">
      <h1>{tr('resultTitle')}</h1>
      {props.item && <p class="lead">{pick(props.item.name, lang)}</p>}
      <section class="result" aria-live="polite">
        {outcome.state === 'done' && (
          <>
            <dl class="confirm">
              <div class="confirm-row">
                <dt>{tr('resultReference')}</dt>
                <dd>{outcome.result.reference}</dd>
              </div>
              {outcome.result.answer?.map((row) => (
                <div class="confirm-row" key={row.label.zh}>
                  <dt>{pick(row.label, lang)}</dt>
                  <dd>{row.value}</dd>
                </div>
              ))}
              {outcome.result.appointment && (
                <>
                  <div class="confirm-row">
                    <dt>{tr('resultAppointment')}</dt>
                    <dd>{formatTime(outcome.result.appointment.at, lang)}</dd>
                  </div>
                  <div class="confirm-row">
                    <dt>{tr('resultPlace')}</dt>
                    <dd>{outcome.result.appointment.place}</dd>
                  </div>
                </>
              )}
            </dl>
            {outcome.result.payment?.lines && <FamilyLines lines={outcome.result.payment.lines} />}
            {outcome.result.payment?.refund && (
              <p class="warning" role="status">
                {tr('resultRefund', {
                  refundId: outcome.result.payment.refund.refundId,
                  amount: (outcome.result.payment.refund.amountFen / 100).toFixed(2),
                  days: outcome.result.payment.refund.workingDays,
                })}
              </p>
            )}
            {props.result.print === 'ok' && (
              <p class="success">{tr(receipt ? 'resultReceiptPrinted' : 'resultPrinted')}</p>
            )}
            {props.result.print === 'failed' && receipt && (
              <p class="warning" role="alert">
                {tr('resultReceiptFailed', { reason: printerReason })}
              </p>
            )}
            {caseLink && <HandoffQr link={caseLink} reference={outcome.result.reference} />}
            {props.result.print === 'failed' && !receipt && (
              <div class="print-failed">
                <p class="warning" role="alert">
                  {tr('resultPrintFailed', { reason: printerReason })}
                </p>
                {props.result.documentUrl && (
                  <QrCode
                    text={props.result.documentUrl}
                    label={outcome.result.document?.title ?? tr('resultTitle')}
                  />
                )}
              </div>
            )}
          </>
        )}
        {outcome.state === 'queued' && (
          <>
            <p class="success">{tr('resultQueued')}</p>
            <dl class="confirm">
              <div class="confirm-row">
                <dt>{tr('resultLocalReference')}</dt>
                <dd>{outcome.localReference}</dd>
              </div>
            </dl>
          </>
        )}
        {outcome.state === 'rejected' && (
          <p class="warning" role="alert">
            {tr('resultRejected', { message: outcome.message })}
          </p>
        )}
      </section>
      <section class="rating" aria-labelledby="rating-title">
        <h2 id="rating-title">{tr('ratingTitle')}</h2>
        <div class="rating-buttons">
          {RATING_LEVELS.map(({ level, key }) => (
            <button
              type="button"
              key={level}
              class={`tile rating-btn rating-${level}`}
              data-help-id={`rating.${level}`}
              onClick={() => props.onRate(level)}
            >
              {tr(key)}
            </button>
          ))}
        </div>
        <button type="button" class="btn" data-help-id="rating.skip" onClick={props.onSkip}>
          {tr('ratingSkip')}
        </button>
      </section>
    </div>
  )
}

/** A 家庭缴费's lines: each member (masked) and the department's answer; a refused member's money goes back. */
function FamilyLines({ lines }: { lines: { subject: string; amountFen: number; refused?: string }[] }) {
  const { tr, lang } = useUi()
  // The backend writes "中文 (English)"; the subject starts with the relationship's Chinese word.
  const said = (text: string) => {
    const m = /^(.*?)\s*\((.*)\)$/.exec(text)
    return m ? (lang === 'en' ? m[2]! : m[1]!) : text
  }
  const who = (subject: string) => {
    const [relationship = '', ...rest] = subject.split(' ')
    const label = lang === 'en' ? tr(`rel_${relationship}` as MessageKey) : undefined
    return label && !label.startsWith('rel_') ? [label, ...rest].join(' ') : subject
  }
  return (
    <section class="family-lines">
      <h2>{tr('resultFamilyTitle')}</h2>
      <ul>
        {lines.map((line) => (
          <li key={line.subject} class={line.refused ? 'warning' : 'success'}>
            <span>{who(line.subject)}</span>{' '}
            <span>
              {line.refused
                ? tr('resultLineRefused', {
                    reason: said(line.refused),
                    amount: (line.amountFen / 100).toFixed(2),
                  })
                : `${tr('resultLinePaid')} ${tr('familyAmount', { amount: (line.amountFen / 100).toFixed(2) })}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
