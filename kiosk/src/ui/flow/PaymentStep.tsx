/**
 * The 缴费 payment step (loaded only when a flow pays): the four methods as large buttons, then the order's QR
 * code (or the card reader's prompt), its amount and a countdown to its time limit, with cancel; a failed or
 * timed-out payment says so and offers another try or the end. The flow machine waits for the paid notice.
 */
import type { ComponentChildren } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { ActorRefFrom } from 'xstate'
import {
  type FailureReason,
  PAYMENT_METHODS,
  type PaymentMethod,
} from '../../../../mock-backend/src/contract/paymentRules'
import type { OrderView } from '../../../../mock-backend/src/contract/payments'
import type { MessageKey } from '../../i18n'
import type { PayProblem, ServiceFlowMachine } from '../../machines/serviceFlowMachine'
import { QrCode } from '../QrCode'
import { useUi } from '../uiContext'
import { useActorSnapshot } from '../useActorSnapshot'
import { type BankCardScreen, BankCardStep } from './BankCardStep'

const METHOD_TEXT: Record<PaymentMethod, MessageKey> = {
  wechat: 'payWechat',
  alipay: 'payAlipay',
  unionpay: 'payUnionpay',
  card: 'payCard',
}

/** The problem line of a card payment that did not complete (the QR methods' problems are worded below). */
const CARD_PROBLEM_TEXT: Partial<Record<PayProblem, MessageKey>> = {
  timeout: 'payCardTimeout',
  removed: 'payCardRemoved',
  missing: 'payCardMissing',
  unreadable: 'payCardUnreadable',
  blocked: 'payCardBlocked',
}
/** A card problem that another card or a QR code solves, not the same card again. */
const OTHER_METHOD: readonly PayProblem[] = ['missing', 'blocked']

const REASON_TEXT: Record<FailureReason, MessageKey> = {
  declined: 'payReasonDeclined',
  insufficientFunds: 'payReasonInsufficientFunds',
  cardError: 'payReasonCardError',
}

/** Yuan with two decimals, from fen. */
export const yuan = (fen: number) => (fen / 100).toFixed(2)

/** Props: the flow actor and the cancel dialog the flow screen shows over every step. */
export function PaymentStep(props: {
  flow: ActorRefFrom<ServiceFlowMachine>
  /** The item's name, the heading while an order is made or cancelled. */
  title: string
  cancelDialog: ComponentChildren
  /** Suspends the session's idle reset while the order waits for its notice or the card reader, and resumes it after. */
  holdIdle: (hold: boolean) => void
}) {
  const snapshot = useActorSnapshot(props.flow)
  // Waiting on something other than the resident's taps: the paid notice, the card reader, the card route.
  const waiting =
    snapshot.matches({ paying: 'waiting' }) ||
    (snapshot.matches({ paying: 'card' }) && !snapshot.matches({ paying: { card: 'pin' } }))
  // The latest callback, so a new one on every render of the session does not end and restart the hold.
  const hold = useRef(props.holdIdle)
  hold.current = props.holdIdle
  useEffect(() => {
    if (!waiting) return
    hold.current(true)
    return () => hold.current(false)
  }, [waiting])
  const { tr } = useUi()
  const send = props.flow.send
  const ctx = snapshot.context
  const cancel = (
    <button
      type="button"
      class="btn btn-danger-outline"
      data-help-id="flow.cancel"
      onClick={() => send({ type: 'flow.cancel' })}
    >
      {tr('cancel')}
    </button>
  )
  let body: ComponentChildren
  if (snapshot.matches({ paying: 'choosing' })) {
    body = (
      <>
        <h1>{tr('payChooseTitle')}</h1>
        <p class="hint">{tr('payChooseHint')}</p>
        <div class="pay-methods">
          {PAYMENT_METHODS.map((method) => (
            <button
              type="button"
              key={method}
              class="btn btn-secondary btn-big"
              data-help-id={`pay.${method}`}
              onClick={() => send({ type: 'pay.method', method })}
            >
              {tr(METHOD_TEXT[method])}
            </button>
          ))}
        </div>
        <div class="flow-nav">
          <button
            type="button"
            class="btn"
            data-help-id="flow.back"
            onClick={() => send({ type: 'nav.back' })}
          >
            {tr('back')}
          </button>
          {cancel}
        </div>
      </>
    )
  } else if (snapshot.matches({ paying: 'waiting' }) && ctx.order) {
    const { order } = ctx
    body = (
      <>
        <h1>{tr(order.qrText === null ? 'payCardTitle' : 'payScanTitle')}</h1>
        <p class="lead">{tr('payMethodChosen', { method: tr(METHOD_TEXT[order.method]) })}</p>
        <p class="amount">{tr('paymentAmount', { amount: yuan(order.totalFen) })}</p>
        {order.qrText !== null && <QrCode text={order.qrText} label={tr('payQrLabel')} />}
        <Countdown order={order} />
        <p class="hint">{tr('payWaiting')}</p>
        <div class="actions">{cancel}</div>
      </>
    )
  } else if (snapshot.matches({ paying: 'card' })) {
    const screen = (snapshot.value as { paying: { card: BankCardScreen } }).paying.card
    const amount = ctx.order && (
      <p class="amount">{tr('paymentAmount', { amount: yuan(ctx.order.totalFen) })}</p>
    )
    body = <BankCardStep screen={screen} ctx={ctx} send={send} amount={amount} cancel={cancel} />
  } else if (snapshot.matches({ paying: 'problem' })) {
    const reason = ctx.order?.reason
    const cardText = ctx.payProblem && CARD_PROBLEM_TEXT[ctx.payProblem]
    const text = cardText
      ? tr(cardText)
      : ctx.payProblem === 'failed'
        ? tr('payFailed', {
            reason: tr(
              reason && reason in REASON_TEXT ? REASON_TEXT[reason as FailureReason] : 'payReasonDeclined',
            ),
          })
        : tr(ctx.payProblem === 'timedOut' ? 'payTimedOut' : 'payNetwork')
    body = (
      <>
        <h1>{tr('payProblemTitle')}</h1>
        <p class="warning" role="alert">
          {text}
        </p>
        <div class="actions">
          <button
            type="button"
            class="btn btn-primary btn-big"
            data-help-id="pay.retry"
            onClick={() => send({ type: 'pay.retry' })}
          >
            {tr(ctx.payProblem && OTHER_METHOD.includes(ctx.payProblem) ? 'payOtherMethod' : 'payRetry')}
          </button>
          <button
            type="button"
            class="btn btn-big"
            data-help-id="pay.end"
            onClick={() => send({ type: 'cancel.confirm' })}
          >
            {tr('payEnd')}
          </button>
        </div>
      </>
    )
  } else {
    body = (
      <>
        <h1>{props.title}</h1>
        <p class="busy" role="status">
          <span class="spinner" aria-hidden="true" />
          {tr(snapshot.matches({ paying: 'cancelling' }) ? 'payCancelling' : 'payCreating')}
        </p>
      </>
    )
  }
  return (
    <div class="screen flow">
      {body}
      {props.cancelDialog}
    </div>
  )
}

/** Minutes and seconds left of the order's time limit, counted on this terminal's clock from when it arrived. */
function Countdown({ order }: { order: OrderView }) {
  const { tr } = useUi()
  const limitMs = Date.parse(order.expiresAt) - Date.parse(order.createdAt)
  const [started] = useState(() => performance.now())
  const [now, setNow] = useState(started)
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const left = Math.max(0, Math.ceil((limitMs - (now - started)) / 1000))
  const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`
  return (
    <p class="countdown" role="timer" aria-live="off">
      {left > 0 ? tr('payCountdown', { time }) : tr('payChecking')}
    </p>
  )
}
