/**
 * The 银行卡 screens of the payment step (loaded with it): insert the card, the card's last four digits and its
 * PIN on the keypad (masked, held only by this screen until it is sent to the gateway's card route), paying,
 * and "take your card" before any result shows.
 */
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { CARD_PIN_LENGTH } from '../../../../mock-backend/src/contract/paymentRules'
import type { FlowContext, FlowEvent } from '../../machines/serviceFlowMachine'
import { Keypad } from '../keyboards/Keypad'
import { useUi } from '../uiContext'

/** Which card screen shows: the machine's paying.card sub-state. */
export type BankCardScreen = 'inserting' | 'pin' | 'charging' | 'returning'

/** Props: the card sub-state, the flow's context and send, the order's amount line and the cancel button. */
export function BankCardStep(props: {
  screen: BankCardScreen
  ctx: FlowContext
  amount: ComponentChildren
  send: (event: FlowEvent) => void
  cancel: ComponentChildren
}) {
  const { tr } = useUi()
  const { screen, ctx, amount } = props
  const busy = (text: string) => (
    <p class="busy" role="status">
      <span class="spinner" aria-hidden="true" />
      {text}
    </p>
  )
  if (screen === 'inserting')
    return (
      <>
        <h1>{tr('payCardTitle')}</h1>
        {amount}
        <p class="lead">{tr('payCardInsertHint')}</p>
        {busy(tr('payCardTitle'))}
        <div class="actions">{props.cancel}</div>
      </>
    )
  if (screen === 'returning')
    return (
      <>
        <h1>{tr('payCardReturnTitle')}</h1>
        {busy(tr('payCardReturnHint'))}
      </>
    )
  const last4 = ctx.bankCardNumber.slice(-4)
  if (screen === 'charging')
    return (
      <>
        <h1>{tr('payCardPinTitle')}</h1>
        <p>{tr('payCardNumber', { last4 })}</p>
        {amount}
        {busy(tr('payCardCharging'))}
      </>
    )
  return (
    <PinEntry
      last4={last4}
      amount={amount}
      triesLeft={ctx.pinTriesLeft}
      send={props.send}
      cancel={props.cancel}
    />
  )
}

/** The PIN on the keypad: the digits live in this screen's state only, and go once with `card.pin`. */
function PinEntry(props: {
  last4: string
  amount: ComponentChildren
  triesLeft: number | null
  send: (event: FlowEvent) => void
  cancel: ComponentChildren
}) {
  const { tr } = useUi()
  const [pin, setPin] = useState('')
  const label = tr('payCardPinTitle')
  return (
    <>
      <h1>{label}</h1>
      <p>{tr('payCardNumber', { last4: props.last4 })}</p>
      {props.amount}
      <input
        class="display"
        type="password"
        readOnly
        inputMode="none"
        autocomplete="off"
        data-help-id="card.pin"
        aria-label={label}
        aria-invalid={props.triesLeft !== null ? true : undefined}
        value={pin}
      />
      {props.triesLeft !== null && (
        <p class="warning" role="alert">
          {tr('payCardPinWrong', { tries: String(props.triesLeft) })}
        </p>
      )}
      <p class="hint">{tr('payCardPinHint')}</p>
      <Keypad value={pin} onChange={setPin} maxLength={CARD_PIN_LENGTH} label={label} />
      <div class="actions">
        <button
          type="button"
          class="btn btn-primary btn-big"
          data-help-id="card.pay"
          disabled={pin.length !== CARD_PIN_LENGTH}
          onClick={() => {
            props.send({ type: 'card.pin', pin })
            setPin('')
          }}
        >
          {tr('payCardPay')}
        </button>
        {props.cancel}
      </div>
    </>
  )
}
