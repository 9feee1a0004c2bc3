/**
 * Renders the running service flow from its actor: one step per screen with back, cancel and next,
 * then the payment (PaymentStep.tsx, loaded for 缴费 items), submitting, print choice and printing. Personal data is masked on the confirm step.
 */
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { ActorRefFrom } from 'xstate'
import type { PublishedCatalog } from '../../../../services-catalog/src/schema'
import { maskGeneric, maskIdNumber, maskName, maskPhone } from '../../devices/idNumber'
import { pick } from '../../i18n'
import type { FlowContext, ServiceFlowMachine } from '../../machines/serviceFlowMachine'
import { currentStep, fieldOf } from '../../machines/serviceFlowMachine'
import { departmentOf } from '../catalogView'
import { Dialog } from '../Dialog'
import { useUi } from '../uiContext'
import { useActorSnapshot } from '../useActorSnapshot'
import { errorText } from './errorText'
import { FieldStep } from './FieldStep'
import { type IdentifyBusy, IdentifyStep } from './IdentifyStep'
import { KeypadEntry } from './KeypadEntry'
import type { MaterialsStepProps, MaterialsStep as MaterialsStepType } from './MaterialsStep'
import type { WhoStepProps } from './WhoStep'

type FlowActor = ActorRefFrom<ServiceFlowMachine>
type PaymentStepView = typeof import('./PaymentStep').PaymentStep

/** Props: the invoked flow actor and the session's catalog (for the department name). */
export function FlowScreen({
  flow,
  catalog,
  demoCard,
  holdIdle,
}: {
  flow: FlowActor
  catalog: PublishedCatalog
  /** Simulated devices: a button swipes the demo card. A real reader reads a placed card by itself. */
  demoCard: boolean
  /** Suspends (true) or resumes (false) the session's idle reset: a payment waits for the gateway's notice. */
  holdIdle: (hold: boolean) => void
}) {
  const snapshot = useActorSnapshot(flow)
  const { tr, lang } = useUi()
  const ctx = snapshot.context
  const send = flow.send
  const item = ctx.item
  const itemName = pick(item.name, lang)
  // The payment step's code loads once a 缴费 flow starts (never before: most flows do not pay).
  const [PaymentStep, setPaymentStep] = useState<PaymentStepView | null>(null)
  const pays = item.kind === '缴费'
  useEffect(() => {
    if (pays) void import('./PaymentStep').then((m) => setPaymentStep(() => m.PaymentStep))
  }, [pays])

  const cancelDialog = ctx.cancelAsked && (
    <Dialog title={tr('cancelAsk')}>
      <div class="dialog-actions">
        <button
          type="button"
          class="btn btn-danger"
          data-help-id="flow.cancelYes"
          onClick={() => send({ type: 'cancel.confirm' })}
        >
          {tr('cancelYes')}
        </button>
        <button
          type="button"
          class="btn btn-primary"
          data-help-id="flow.cancelNo"
          onClick={() => send({ type: 'cancel.dismiss' })}
        >
          {tr('cancelNo')}
        </button>
      </div>
    </Dialog>
  )

  if (snapshot.matches('submitting') || snapshot.matches('routing')) {
    return <Busy title={itemName} text={tr('submitting')} />
  }
  if (snapshot.matches('printing')) return <Busy title={itemName} text={tr('printing')} />
  if (snapshot.matches('paying')) {
    return PaymentStep ? (
      <PaymentStep flow={flow} title={itemName} cancelDialog={cancelDialog} holdIdle={holdIdle} />
    ) : (
      <Busy title={itemName} text={tr('payCreating')} />
    )
  }
  if (snapshot.matches('askPrint')) {
    return (
      <div class="screen flow">
        <h1>{tr('askPrintTitle')}</h1>
        <div class="actions">
          <button
            type="button"
            class="btn btn-primary btn-big"
            data-help-id="print.yes"
            onClick={() => send({ type: 'print.yes' })}
          >
            {tr('printYes')}
          </button>
          <button
            type="button"
            class="btn btn-big"
            data-help-id="print.no"
            onClick={() => send({ type: 'print.no' })}
          >
            {tr('printNo')}
          </button>
        </div>
      </div>
    )
  }

  const step = currentStep(ctx)
  const busyCard = snapshot.matches({ collecting: 'readingCard' })
  const busyFace = snapshot.matches({ collecting: 'verifyingFace' })
  const error = ctx.error && (
    <p class="field-error" role="alert">
      {errorText(ctx.error, lang)}
    </p>
  )
  const next = (
    <button
      type="button"
      class="btn btn-primary"
      data-help-id="flow.next"
      onClick={() => send({ type: 'step.next' })}
    >
      {tr('next')}
    </button>
  )
  let body: ComponentChildren = null
  let primary: ComponentChildren = next

  switch (step.kind) {
    case 'notice': {
      const department = departmentOf(catalog, item.department)
      body = (
        <>
          <h1>{tr('noticeTitle')}</h1>
          <p class="lead">{itemName}</p>
          <p>
            {tr('noticeBody', { department: department ? pick(department.name, lang) : item.department })}
          </p>
        </>
      )
      primary = (
        <button
          type="button"
          class="btn btn-primary"
          data-help-id="flow.next"
          onClick={() => send({ type: 'step.next' })}
        >
          {tr('noticeAgree')}
        </button>
      )
      break
    }
    case 'identify': {
      const busy: IdentifyBusy = busyCard
        ? 'card'
        : snapshot.matches({ collecting: 'scanningEid' })
          ? 'eid'
          : snapshot.matches({ collecting: 'readingSocialCard' })
            ? 'socialCard'
            : snapshot.matches({ collecting: 'verifyingPin' })
              ? 'pin'
              : null
      body = <IdentifyStep ctx={ctx} send={send} busy={busy} error={error} demoCard={demoCard} />
      break
    }
    case 'servedFor':
    case 'family':
      body = (
        <LazyWhoStep
          family={step.kind === 'family'}
          ctx={ctx}
          send={send}
          loading={snapshot.matches({ collecting: 'findingHousehold' })}
          error={error}
        />
      )
      break
    case 'phone':
      body = (
        <>
          <h1>{tr('phoneTitle')}</h1>
          <p class="hint">{tr('phoneHint')}</p>
          <KeypadEntry
            helpId="field.phone"
            label={tr('phoneTitle')}
            value={ctx.phone}
            maxLength={11}
            error={error}
            onChange={(value) => send({ type: 'phone.input', value })}
          />
        </>
      )
      break
    case 'sms':
      body = (
        <>
          <h1>{tr('smsTitle')}</h1>
          <p class="hint">{tr('smsHint', { phone: maskPhone(ctx.phone) })}</p>
          <p class="demo-hint">{tr('smsDemo', { code: ctx.smsCode })}</p>
          <KeypadEntry
            helpId="field.sms"
            label={tr('smsTitle')}
            value={ctx.smsEntered}
            maxLength={6}
            error={error}
            onChange={(value) => send({ type: 'sms.input', value })}
          />
        </>
      )
      break
    case 'face':
      body = (
        <>
          <h1>{tr('faceTitle')}</h1>
          <p class="hint">{tr('faceHint')}</p>
          <div class={`camera ${busyFace ? 'camera-busy' : ''}`} aria-hidden="true">
            <svg viewBox="0 0 100 120" class="camera-face" aria-hidden="true">
              <ellipse cx="50" cy="55" rx="32" ry="42" fill="none" stroke="currentColor" stroke-width="3" />
            </svg>
          </div>
          {busyFace && <p role="status">{tr('faceWorking')}</p>}
          {error}
          <button
            type="button"
            class="btn btn-secondary btn-big"
            data-help-id="face.start"
            disabled={busyFace}
            onClick={() => send({ type: 'face.start' })}
          >
            {tr('faceStart')}
          </button>
        </>
      )
      primary = null
      break
    case 'field': {
      const field = fieldOf(ctx, step.key)
      body = field ? (
        <FieldStep
          field={field}
          value={ctx.fields[step.key] ?? ''}
          error={ctx.error}
          onChange={(value) => send({ type: 'field.set', key: step.key, value })}
        />
      ) : null
      break
    }
    case 'materials':
      body = (
        <>
          <LazyMaterialsStep
            ctx={ctx}
            send={send}
            checkingLicences={snapshot.matches({ collecting: 'findingLicences' })}
            capturing={snapshot.matches({ collecting: 'capturingMaterial' }) ? ctx.capturing : null}
          />
          {error}
        </>
      )
      break
    case 'confirm': {
      const rows: Array<[string, string]> = [[tr('confirmItem'), itemName]]
      if (ctx.idName) rows.push([tr('confirmName'), maskName(ctx.idName)])
      if (ctx.idNumber) rows.push([tr('confirmId'), maskIdNumber(ctx.idNumber)])
      if (ctx.servedFor !== '本人') rows.push([tr('confirmServedFor'), servedForRow(ctx, tr)])
      if (ctx.phone) rows.push([tr('confirmPhone'), maskPhone(ctx.phone)])
      const supplied = Object.keys(ctx.materials).length
      if (supplied > 0) rows.push([tr('confirmMaterials'), tr('confirmMaterialsCount', { count: supplied })])
      for (const field of item.fields) {
        const raw = (ctx.fields[field.key] ?? '').trim()
        if (!raw) continue
        const option = field.options?.find((o) => o.value === raw)
        const shown = option ? pick(option.label, lang) : raw
        rows.push([pick(field.label, lang), field.personal ? maskGeneric(shown) : shown])
      }
      body = (
        <>
          <h1>{tr('confirmTitle')}</h1>
          <dl class="confirm">
            {rows.map(([label, value]) => (
              <div class="confirm-row" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {error}
        </>
      )
      primary = (
        <button
          type="button"
          class="btn btn-primary"
          data-help-id="flow.submit"
          onClick={() => send({ type: 'flow.submit' })}
        >
          {tr('confirmSubmit')}
        </button>
      )
      break
    }
  }

  return (
    <div class="screen flow">
      <p class="progress">{tr('stepProgress', { step: ctx.stepIndex + 1, steps: ctx.steps.length })}</p>
      {body}
      <div class="flow-nav">
        <button type="button" class="btn" data-help-id="flow.back" onClick={() => send({ type: 'nav.back' })}>
          {tr('back')}
        </button>
        <button
          type="button"
          class="btn btn-danger-outline"
          data-help-id="flow.cancel"
          onClick={() => send({ type: 'flow.cancel' })}
        >
          {tr('cancel')}
        </button>
        {primary}
      </div>
      {cancelDialog}
    </div>
  )
}

/** Whom the flow serves, masked: the member or 他人's ID and relationship, or the members a 家庭缴费 ticked. */
function servedForRow(ctx: FlowContext, tr: ReturnType<typeof useUi>['tr']): string {
  if (ctx.servedFor === '他人')
    return `${tr('servedForOther')} ${maskIdNumber(ctx.otherId)}${ctx.relationship ? ` · ${tr(`rel_${ctx.relationship}`)}` : ''}`
  const chosen = (ctx.household ?? []).filter((m) => ctx.members.includes(m.handle))
  return chosen.map((m) => `${tr(`rel_${m.relationship}`)} ${m.maskedName}`).join('、')
}

/** 为谁办理 and 家庭缴费, loaded when a flow first reaches them (their chunk is precached like every kiosk file). */
function LazyWhoStep(props: WhoStepProps & { family: boolean }) {
  const { family, ...rest } = props
  const [Steps, setSteps] = useState<typeof import('./WhoStep') | null>(null)
  useEffect(() => {
    void import('./WhoStep').then((m) => setSteps(() => m))
  }, [])
  const { tr } = useUi()
  if (!Steps) return <h1>{tr(family ? 'familyTitle' : 'servedForTitle')}</h1>
  return family ? <Steps.FamilyStep {...rest} /> : <Steps.WhoStep {...rest} />
}

/** The materials step, loaded when a flow first reaches it (its chunk is precached like every kiosk file). */
function LazyMaterialsStep(props: MaterialsStepProps) {
  const [Step, setStep] = useState<typeof MaterialsStepType | null>(null)
  useEffect(() => {
    void import('./MaterialsStep').then((m) => setStep(() => m.MaterialsStep))
  }, [])
  const { tr } = useUi()
  return Step ? <Step {...props} /> : <h1>{tr('materialsTitle')}</h1>
}

function Busy({ title, text }: { title: string; text: string }) {
  return (
    <div class="screen flow">
      <h1>{title}</h1>
      <p class="busy" role="status">
        <span class="spinner" aria-hidden="true" />
        {text}
      </p>
    </div>
  )
}
