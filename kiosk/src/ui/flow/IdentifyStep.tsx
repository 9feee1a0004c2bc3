/**
 * The identify step: the identifications the item accepts as large buttons (身份证, 社保卡, 粤省事电子身份证), then
 * the chosen one's screen: the ID card on the reader or typed; the 社保卡 read, then its PIN on the keypad; the
 * phone's 电子身份证 QR shown to the 扫码器. What a card or a code gave is shown masked.
 */
import type { ComponentChildren } from 'preact'
import type { Identification } from '../../../../services-catalog/src/schema'
import { maskGeneric, maskIdNumber, maskName } from '../../devices/idNumber'
import type { MessageKey } from '../../i18n'
import { type FlowContext, type FlowEvent, identificationsOf } from '../../machines/serviceFlowMachine'
import { Keypad } from '../keyboards/Keypad'
import { useUi } from '../uiContext'
import { KeypadEntry } from './KeypadEntry'

const LABELS: Record<Identification, MessageKey> = {
  身份证: 'idMethodCard',
  社保卡: 'idMethodSocial',
  电子身份证: 'idMethodEid',
}
const HELP_IDS: Record<Identification, string> = { 身份证: 'card', 社保卡: 'social', 电子身份证: 'eid' }

/** What the step is busy with (the flow's substates). */
export type IdentifyBusy = 'card' | 'eid' | 'socialCard' | 'pin' | null

/** Props: the flow's context and send, what it is busy with, the step's error line, and whether devices are simulated. */
export function IdentifyStep(props: {
  ctx: FlowContext
  send: (event: FlowEvent) => void
  busy: IdentifyBusy
  error: ComponentChildren
  demoCard: boolean
}) {
  const { ctx, send, busy, error, demoCard } = props
  const { tr } = useUi()
  const methods = identificationsOf(ctx.item)
  const status = (text: string) => (
    <p role="status" class="hint">
      {text}
    </p>
  )
  let body: ComponentChildren
  switch (ctx.idMethod) {
    case '身份证':
      body = (
        <>
          <p class="hint">{tr('identifySwipe')}</p>
          {demoCard && (
            <button
              type="button"
              class="btn btn-secondary btn-big"
              data-help-id="card.demo"
              disabled={busy === 'card'}
              onClick={() => send({ type: 'card.swipe' })}
            >
              {tr('identifyDemoCard')}
            </button>
          )}
          {busy === 'card' && status(tr('identifyReading'))}
          <KeypadEntry
            helpId="field.idNumber"
            label={tr('identifyTyped')}
            value={ctx.idNumber}
            shown={ctx.idFromCard ? maskIdNumber(ctx.idNumber) : ctx.idNumber}
            invalid={ctx.error !== null}
            maxLength={18}
            extraKey="X"
            error={error}
            onChange={(value) => send({ type: 'id.input', value })}
          />
        </>
      )
      break
    case '电子身份证':
      body = (
        <>
          <p class="hint">{tr('eidHint')}</p>
          {busy === 'eid' ? (
            <>
              {status(tr(ctx.eidVia === 'camera' ? 'eidCameraScanning' : 'eidScanning'))}
              {demoCard && (
                <button
                  type="button"
                  class="btn btn-secondary btn-big"
                  data-help-id="eid.demo"
                  onClick={() => send({ type: 'eid.demo' })}
                >
                  {tr('eidDemo')}
                </button>
              )}
            </>
          ) : (
            <button
              type="button"
              class="btn btn-secondary btn-big"
              data-help-id="eid.scan"
              onClick={() => send({ type: 'eid.scan' })}
            >
              {tr('eidScanAgain')}
            </button>
          )}
          {ctx.eidVia === 'scanner' && (
            <button
              type="button"
              class="btn btn-big"
              data-help-id="eid.camera"
              onClick={() => send({ type: 'eid.camera' })}
            >
              {tr('eidUseCamera')}
            </button>
          )}
          {ctx.idFromCard && (
            <p>{tr('identifyRead', { name: maskName(ctx.idName), id: maskIdNumber(ctx.idNumber) })}</p>
          )}
          {error}
        </>
      )
      break
    case '社保卡':
      body = (
        <>
          <p class="hint">{tr('socialHint')}</p>
          {busy === 'socialCard' && status(tr('socialReading'))}
          {busy !== 'socialCard' && ctx.socialCardNumber === '' && (
            <button
              type="button"
              class="btn btn-secondary btn-big"
              data-help-id="social.read"
              onClick={() => send({ type: 'socialCard.read' })}
            >
              {tr('socialReadAgain')}
            </button>
          )}
          {ctx.socialCardNumber !== '' && (
            <>
              <p>{tr('socialCardNumber', { number: maskGeneric(ctx.socialCardNumber) })}</p>
              <input
                class="display"
                type="password"
                readOnly
                inputMode="none"
                data-help-id="field.pin"
                aria-label={tr('pinTitle')}
                aria-invalid={ctx.error ? true : undefined}
                value={ctx.pin}
              />
              {error}
              {busy === 'pin' && status(tr('pinChecking'))}
              <Keypad
                value={ctx.pin}
                onChange={(value) => send({ type: 'pin.input', value })}
                maxLength={6}
                label={tr('pinTitle')}
              />
              <button
                type="button"
                class="btn btn-primary btn-big"
                data-help-id="pin.submit"
                disabled={busy === 'pin'}
                onClick={() => send({ type: 'pin.submit' })}
              >
                {tr('pinSubmit')}
              </button>
            </>
          )}
          {ctx.socialCardNumber === '' && error}
        </>
      )
      break
  }
  return (
    <>
      <h1>{tr('identifyTitle')}</h1>
      {methods.length > 1 && (
        <fieldset class="id-methods" aria-label={tr('identifyChoose')}>
          {methods.map((method) => (
            <button
              type="button"
              key={method}
              class="btn btn-big id-method"
              aria-pressed={method === ctx.idMethod}
              data-help-id={`identify.${HELP_IDS[method]}`}
              onClick={() => send({ type: 'id.method', method })}
            >
              {tr(LABELS[method])}
            </button>
          ))}
        </fieldset>
      )}
      {body}
    </>
  )
}
