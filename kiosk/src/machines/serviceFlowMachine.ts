/**
 * One resident's service flow, generated from the item's catalog entry (no per-item code):
 * notice → identify → phone/SMS → face → one step per form field → confirm → (缴费: pay) → submit →
 * printing → done. Cancel (with confirmation) and back work on every step before submission. A 缴费 is paid
 * before its record is submitted: the record carries the paid order (payments need the network).
 */
import { and, assign, enqueueActions, sendTo, setup, spawnChild, stopChild } from 'xstate'
import type { HouseholdMemberView, Relationship } from '../../../mock-backend/src/contract/household'
import type { HeldLicence } from '../../../mock-backend/src/contract/materials'
import type { PaymentMethod } from '../../../mock-backend/src/contract/paymentRules'
import type {
  CardPayment,
  CardPaymentAnswer,
  OrderRequest,
  OrderView,
} from '../../../mock-backend/src/contract/payments'
import type { PhonePhotos } from '../../../mock-backend/src/contract/phoneUploads'
import { IDENTIFICATIONS, type Identification, type ServedFor } from '../../../services-catalog/src/kinds'
import type { FormField, ItemKind, ServiceItem } from '../../../services-catalog/src/schema'
import { printsReceipt, type ReceiptInput } from '../../agent/protocol/receiptKinds'
import { idNumberProblem } from '../devices/idNumber'
import type { BankCard, BankCardProblem, IdCard, PrintJob, SocialCardRead } from '../devices/types'
import { BankCardError, SocialCardError } from '../devices/types'
import {
  hasMaterials,
  missingMaterials,
  paperMaterials,
  type SuppliedMaterial,
  withPhonePhotos,
} from '../materials/materialPlan'
import type { PrinterState, Submission, SubmitOutcome } from '../sync/terminalBridge'
import { actionPlaceholder, actorPlaceholder, callbackPlaceholder } from './placeholders'
import {
  agencyFields,
  familyProblem,
  itemServedFor,
  paysForFamily,
  SERVED_FOR_START,
  type ServedForProblem,
  type ServedForState,
  servedForProblem,
  servesOthers,
  toggledMembers,
} from './servedFor'

/** One screen of the flow. */
export type FlowStep =
  | { kind: 'notice' }
  | { kind: 'identify' }
  /** 为谁办理 (items that serve more than 本人): 本人, a household member, or 他人 as an agent. */
  | { kind: 'servedFor' }
  /** 家庭缴费: the members' amounts due, ticked to pay (after the form, whose answers set the amounts). */
  | { kind: 'family' }
  | { kind: 'phone' }
  | { kind: 'sms' }
  | { kind: 'face' }
  | { kind: 'field'; key: string }
  | { kind: 'materials' }
  | { kind: 'confirm' }

/** Why the resident cannot go on; the UI maps each code to a message next to the input. */
export type FlowErrorCode =
  | 'required'
  | 'pattern'
  | 'digits'
  | 'phone'
  | 'date'
  | 'maxLength'
  | 'option'
  | 'idLength'
  | 'identifyFirst'
  | 'eidForged'
  | 'eidExpired'
  | 'eidReplayed'
  | 'eidNone'
  | 'eidOffline'
  | 'socialCard'
  | 'pinLength'
  | 'pinWrong'
  | 'pinBlocked'
  | 'idFormat'
  | 'idBirth'
  | 'idCheck'
  | 'sms'
  | 'face'
  | 'card'
  | 'submit'
  | 'materials'
  | 'capture'
  | 'materialsFull'
  | 'member'
  | 'otherSelf'
  | 'relationship'
  | 'household'

/** A validation or device error shown on the current step. */
export interface FlowError {
  code: FlowErrorCode
  /** The catalog's patternHint, shown instead of the generic message. */
  hint?: { zh: string; en: string }
  max?: number
  /** PIN tries the 社保卡 still allows. */
  tries?: number
}

/** Why an 电子身份证 code did not identify (the backend's refusal, no code in time, or no network). */
export type EidFailure = 'eidForged' | 'eidExpired' | 'eidReplayed' | 'eidNone' | 'eidOffline'

/** What reads an 电子身份证 code. */
export type EidReader = 'scanner' | 'camera'

/** Raised by `identifyByEid`; the flow shows the failure's message and the resident may scan again. */
export class EidError extends Error {
  constructor(readonly failure: EidFailure) {
    super(`e-ID: ${failure}`)
    this.name = 'EidError'
  }
}

/** The identifications an item accepts, in the order the identify step offers them (人脸 is not one). */
export const identificationsOf = (item: ServiceItem): Identification[] =>
  IDENTIFICATIONS.filter((m) => item.identity.includes(m))

/** The identification the identify step opens with: the ID card when accepted, else the first accepted. */
const firstIdentification = (item: ServiceItem): Identification => identificationsOf(item)[0] ?? '身份证'

/** True when the item needs the resident's ID number (any identity method). */
export const needsIdentity = (item: ServiceItem) => item.identity.length > 0

/** Derives the steps from the catalog entry (and whom the resident serves), skipping those that do not apply. */
export function buildSteps(item: ServiceItem, servedFor: ServedFor = '本人'): FlowStep[] {
  const steps: FlowStep[] = [{ kind: 'notice' }]
  if (needsIdentity(item)) steps.push({ kind: 'identify' })
  if (needsIdentity(item) && servesOthers(item)) steps.push({ kind: 'servedFor' })
  if (item.needsPhone) steps.push({ kind: 'phone' }, { kind: 'sms' })
  if (item.identity.includes('人脸')) steps.push({ kind: 'face' })
  for (const field of item.fields) steps.push({ kind: 'field', key: field.key })
  if (item.kind === '缴费' && servedFor === '家人') steps.push({ kind: 'family' })
  if (hasMaterials(item)) steps.push({ kind: 'materials' })
  steps.push({ kind: 'confirm' })
  return steps
}

const PHONE = /^1\d{10}$/

function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/** Checks one form value against its catalog field (required, type, maxLength, pattern). */
export function validateField(field: FormField, raw: string): FlowError | null {
  const value = raw.trim()
  if (!value) return field.required ? { code: field.type === 'select' ? 'option' : 'required' } : null
  const hint = field.patternHint
  if (field.maxLength !== undefined && Array.from(value).length > field.maxLength)
    return { code: 'maxLength', max: field.maxLength }
  switch (field.type) {
    case 'digits':
      if (!/^\d+$/.test(value)) return { code: 'digits', hint }
      break
    case 'phone':
      if (!PHONE.test(value)) return { code: 'phone', hint }
      break
    case 'date':
      if (!isRealDate(value)) return { code: 'date', hint }
      break
    case 'select':
      if (!field.options?.some((o) => o.value === value)) return { code: 'option' }
      break
    case 'amount':
      if (!/^\d+(\.\d{1,2})?$/.test(value)) return { code: 'pattern', hint }
      break
    case 'text':
      break
  }
  if (field.pattern && !new RegExp(field.pattern).test(value)) return { code: 'pattern', hint }
  return null
}

const ID_ERRORS = {
  length: 'idLength',
  format: 'idFormat',
  birthDate: 'idBirth',
  checkDigit: 'idCheck',
} as const satisfies Record<string, FlowErrorCode>

/** What the flow was started with. */
export interface FlowInput {
  item: ServiceItem
  sessionId: string
  catalogVersion: number
}

/** What the resident ends up with; handed to the session for the result and rating screen. */
export interface FlowResult {
  itemCode: string
  kind: ItemKind
  outcome: SubmitOutcome
  print: 'none' | 'ok' | 'failed'
  printerState: PrinterState
  /** Text encoded in the fallback QR code when printing failed. */
  documentUrl: string | null
}

/** How the flow ended. */
export type FlowOutput =
  | { outcome: 'completed'; result: FlowResult }
  | { outcome: 'cancelled' }
  | { outcome: 'back' }

/** The flow's whole state; personal data lives only here and disappears with the actor. */
export interface FlowContext extends ServedForState {
  /** The item as served: the catalog's entry, with the 委托书 required of an agent (servedFor.ts). */
  item: ServiceItem
  /** The item as the catalog lists it. */
  catalogItem: ServiceItem
  sessionId: string
  catalogVersion: number
  steps: FlowStep[]
  stepIndex: number
  /** The identification the resident uses on the identify step. */
  idMethod: Identification
  idNumber: string
  idName: string
  /** Read from a card or a verified code (masked on screen), not typed. */
  idFromCard: boolean
  /** Where the 电子身份证 code is read: the 扫码器, or the camera the resident chose instead. */
  eidVia: EidReader
  /** The 社保卡's number once the reader read it; then the PIN is asked. */
  socialCardNumber: string
  /** The PIN being typed on the keypad; cleared after each try, never leaves the flow. */
  pin: string
  phone: string
  smsCode: string
  smsEntered: string
  faceVerified: boolean
  fields: Record<string, string>
  /** 申请材料 supplied so far, by the catalog's name (images stay in memory and go with the actor). */
  materials: Record<string, SuppliedMaterial>
  /** The resident's 电子证照 for this item's materials; null until asked (and again after the identity changed). */
  licences: HeldLicence[] | null
  /** The material the document camera is capturing now. */
  capturing: string | null
  /** 用手机拍照上传: the session its QR code opens; null until the resident asks for it. */
  phoneUpload: PhoneUploadView | null
  error: FlowError | null
  cancelAsked: boolean
  outcome: SubmitOutcome | null
  print: FlowResult['print']
  printerState: PrinterState
  exit: FlowOutput['outcome'] | null
  /** 缴费: the id of the order being paid (the kiosk's UUID, one per attempt) and the order as last answered. */
  orderId: string
  order: OrderView | null
  /** 缴费: why the last attempt was not paid: the gateway failed it, it timed out, or the order was not made. */
  payProblem: PayProblem | null
  /** 银行卡: the number the reader read, while the card is in it (screens show its last four digits only). */
  bankCardNumber: string
  /** 银行卡: the tries the card has left after a wrong PIN; null before any. The PIN itself is never kept. */
  pinTriesLeft: number | null
}

/** 用手机拍照上传 as the kiosk knows it: the record key the photos are filed under, the link, the state. */
export interface PhoneUploadView {
  /** The record's key (the record is sent under it); '' until the first session started. */
  recordKey: string
  url: string | null
  expiresAt: string | null
  /** A phone opened the code. */
  opened: boolean
  state: 'starting' | PhonePhotos['state'] | 'failed'
}

/** What the phone upload's watcher is told: remove one photo. */
export type PhoneUploadCommand = { type: 'phone.remove'; contentHash: string }

/** The watcher's input: the item, and the record key of an earlier session (a new code keeps the photos). */
export interface PhoneUploadInput {
  itemCode: string
  recordKey: string | null
}

/**
 * Why a payment did not complete: the gateway failed it or it timed out, the network, or the bank card (none
 * inserted in time, pulled out early, no working reader, an unreadable card, or blocked by wrong PINs).
 */
export type PayProblem = 'failed' | 'timedOut' | 'network' | BankCardProblem | 'blocked'

/** The card problem a failed read means (an error that is not the reader's counts as an unreadable card). */
export const bankCardProblem = (error: unknown): BankCardProblem =>
  error instanceof BankCardError ? error.reason : 'unreadable'

/** Events the flow screens send. */
export type FlowEvent =
  | { type: 'step.next' }
  | { type: 'nav.back' }
  | { type: 'id.input'; value: string }
  | { type: 'card.swipe' }
  | { type: 'id.method'; method: Identification }
  | { type: 'eid.scan' }
  | { type: 'socialCard.read' }
  | { type: 'pin.input'; value: string }
  | { type: 'pin.submit' }
  | { type: 'eid.demo' }
  | { type: 'eid.camera' }
  | { type: 'phone.input'; value: string }
  | { type: 'sms.input'; value: string }
  | { type: 'face.start' }
  | { type: 'field.set'; key: string; value: string }
  | { type: 'material.capture'; material: string }
  | { type: 'material.remove'; material: string }
  | { type: 'phone.start' }
  | PhoneUploadCommand
  /** From the phone upload's watcher: the session started, the photos so far, or no session could start. */
  | { type: 'phone.started'; recordKey: string; url: string; expiresAt: string }
  | { type: 'phone.photos'; answer: PhonePhotos; images: Record<string, Blob> }
  | { type: 'phone.failed' }
  | { type: 'flow.submit' }
  | { type: 'flow.cancel' }
  | { type: 'cancel.confirm' }
  | { type: 'cancel.dismiss' }
  | { type: 'servedFor.choose'; servedFor: ServedFor }
  | { type: 'member.toggle'; handle: string }
  | { type: 'other.input'; value: string }
  | { type: 'relationship.choose'; relationship: Relationship }
  | { type: 'pay.method'; method: PaymentMethod }
  | { type: 'pay.retry' }
  /** 银行卡: the PIN typed on the keypad, handed straight to the gateway's card route (never kept). */
  | { type: 'card.pin'; pin: string }
  | { type: 'print.yes' }
  | { type: 'print.no' }

/** The side effects a flow needs; `ui/wiring.ts` provides them from the bridge and the device layer. */
export interface FlowDeps {
  /** Queues the record with its captures (the sync uploads them before it). */
  submit(submission: FlowSubmission): Promise<SubmitOutcome>
  /** The item's materials the resident holds as 电子证照 (needs the network; an empty list when none). */
  findLicences(idNumber: string, itemCode: string): Promise<HeldLicence[]>
  /** The identified resident's household register (masked; a 缴费's amounts due with `fields`). */
  findHousehold(
    idNumber: string,
    itemCode: string,
    fields?: Record<string, string>,
  ): Promise<HouseholdMemberView[]>
  /** One page from the document camera, compressed; rejects with MaterialStorageFull when it cannot be kept. */
  captureMaterial(): Promise<Blob>
  /** 用手机拍照上传: runs one session (materials/phoneWatch.ts) and returns what stops it (and ends it). */
  watchPhoneUpload(
    input: PhoneUploadInput,
    sendBack: (event: FlowEvent) => void,
    receive: (listener: (command: PhoneUploadCommand) => void) => void,
  ): () => void
  readIdCard(): Promise<IdCard>
  /** Whether a card already lies on the reader when the identify step opens. */
  cardOnReader(): Promise<boolean>
  verifyFace(idNumber: string): Promise<boolean>
  /** Reads an 电子身份证 code from the 扫码器 and has the backend verify it; rejects with EidError. */
  identifyByEid(signal: AbortSignal, via: EidReader): Promise<IdCard>
  /** The 社保卡 reader: the card number without a PIN, the holder with it; rejects with SocialCardError. */
  readSocialCard(pin?: string): Promise<SocialCardRead>
  /** Demo terminal: shows the mock issuer's code for the demo resident to the simulated 扫码器. */
  showDemoEid(): Promise<void>
  /** Resolves with the printer state after trying (ok when printed). */
  print(job: PrintRequest): Promise<PrinterState>
  makeSmsCode(): string
  /** 缴费: creates the order (the same id again answers the same order). */
  createOrder(request: OrderRequest): Promise<OrderView>
  /** 缴费: resolves with the order once it is final (paid, failed, timed out); rejects when `signal` aborts. */
  awaitPayment(order: OrderView, signal: AbortSignal): Promise<OrderView>
  /** 缴费: the resident cancelled; answers the order as it then is (it may have been paid just before). */
  cancelOrder(orderId: string): Promise<OrderView>
  /** 银行卡: waits for a card in the reader and reads its number; rejects with BankCardError or when aborted. */
  readBankCard(signal: AbortSignal): Promise<BankCard>
  /** 银行卡: the gateway's card route pays the order with the card and PIN (the simulated bank checks the PIN). */
  payByCard(payment: { orderId: string } & CardPayment): Promise<CardPaymentAnswer>
  /** 银行卡: hands the card back; resolves once the resident took it. */
  ejectBankCard(): Promise<void>
}

/** The step the resident is on. */
export const currentStep = (context: FlowContext): FlowStep =>
  context.steps[context.stepIndex] ?? { kind: 'confirm' }

/** The catalog field of a field step. */
export const fieldOf = (context: FlowContext, key: string): FormField | undefined =>
  context.item.fields.find((f) => f.key === key)

/** Checks the current step; null when the resident may go on. */
export function stepError(context: FlowContext): FlowError | null {
  const step = currentStep(context)
  switch (step.kind) {
    case 'notice':
    case 'confirm':
      return null
    case 'identify': {
      // A 社保卡 or 电子身份证 identifies only by what the reader or the backend gave, never by typing.
      if (context.idMethod !== '身份证')
        return context.idFromCard && context.idNumber ? null : { code: 'identifyFirst' }
      const problem = idNumberProblem(context.idNumber)
      return problem ? { code: ID_ERRORS[problem] } : null
    }
    case 'phone':
      return PHONE.test(context.phone) ? null : { code: 'phone' }
    case 'sms':
      return context.smsEntered.length === 6 && context.smsEntered === context.smsCode
        ? null
        : { code: 'sms' }
    case 'face':
      return context.faceVerified ? null : { code: 'face' }
    case 'materials':
      return missingMaterials(context.item, context.materials).length > 0 ? { code: 'materials' } : null
    case 'servedFor':
      return servedForError(servedForProblem(context.item.kind, context, context.idNumber))
    case 'family':
      return servedForError(familyProblem(context))
    case 'field': {
      const field = fieldOf(context, step.key)
      return field ? validateField(field, context.fields[step.key] ?? '') : null
    }
  }
}

/** A 为谁办理 problem as the flow error shown (the keypad's ID problems as on the identify step). */
const servedForError = (problem: ServedForProblem | null): FlowError | null => {
  if (problem === null) return null
  return {
    code: problem in ID_ERRORS ? ID_ERRORS[problem as keyof typeof ID_ERRORS] : (problem as FlowErrorCode),
  }
}

/** The record with the captures that go before it (none: the record alone). */
export type FlowSubmission = Omit<Submission, 'materials'> & { materials?: OutgoingMaterial[] }

/**
 * A material to queue with the record: the catalog's name and the compressed capture, or the kind of the 电子证照
 * reused (nothing uploaded; the backend records which licence the record used).
 */
export type OutgoingMaterial = { material: string; image: Blob } | { material: string; licence: string }

/** Builds the record for the outbox: only the item's fields, a subject only when identity is required. */
export function buildSubmission(context: FlowContext): FlowSubmission {
  const fields: Record<string, string> = {}
  for (const field of context.item.fields) {
    const value = (context.fields[field.key] ?? '').trim()
    if (value) fields[field.key] = value
  }
  const submission: FlowSubmission = {
    sessionId: context.sessionId,
    itemCode: context.item.code,
    catalogVersion: context.catalogVersion,
    fields,
  }
  if (context.order?.status === 'paid') submission.orderId = context.order.orderId
  // Photos from the phone are on the backend already, filed under this key: the record is sent under it.
  if (context.phoneUpload?.recordKey) submission.key = context.phoneUpload.recordKey
  const captured: OutgoingMaterial[] = []
  // A photo from the phone is on the backend already (under the record's key): only the others travel with it.
  for (const [material, supplied] of Object.entries(context.materials))
    if (supplied.via === 'camera') captured.push({ material, image: supplied.image })
    else if (supplied.via === 'licence') captured.push({ material, licence: supplied.licence })
  if (captured.length > 0) submission.materials = captured
  if (needsIdentity(context.item)) {
    submission.subject = {
      idNumber: context.idNumber.toUpperCase(),
      ...(context.idName ? { name: context.idName } : {}),
      ...(context.item.needsPhone && context.phone ? { phone: context.phone } : {}),
    }
    const agency = agencyFields(context.item.kind, context, {
      idNumber: context.idNumber.toUpperCase(),
      ...(context.idName ? { name: context.idName } : {}),
    })
    if (agency) {
      delete submission.subject
      Object.assign(submission, agency)
    }
  }
  return submission
}

/**
 * What the flow prints: a document, or what a receipt (回执) is built from; the effect builds the receipt model
 * (agent/protocol/receipt.ts) when it prints, so the model stays out of the terminal's entry chunk.
 */
export type PrintRequest = PrintJob | { receipt: ReceiptInput }

/** The document printed for 打印 items, the receipt (回执) of 申办 and 预约, or the receipt for 缴费 items. */
export function printJobFor(context: FlowContext): PrintRequest {
  const outcome = context.outcome
  const result = outcome?.state === 'done' ? outcome.result : null
  if (result?.document)
    return { kind: 'document', title: result.document.title, lines: result.document.lines }
  if (result?.caseLink && printsReceipt(context.item.kind))
    return {
      receipt: {
        itemName: context.item.name.zh,
        reference: result.reference,
        name: context.idName,
        at: Date.now(),
        timeLimit: context.item.timeLimit,
        fields: context.fields,
        ...(result.appointment ? { appointment: result.appointment } : {}),
        caseLink: result.caseLink,
        bringToCounter: paperMaterials(context.item).map((m) => m.name.zh),
      },
    }
  const lines = [`办件编号：${result?.reference ?? ''}`]
  const payment = result?.payment
  if (payment) lines.push(`金额：${(payment.amountFen / 100).toFixed(2)} 元`)
  if (payment?.orderId) lines.push(`支付订单号：${payment.orderId}`)
  if (payment?.refund)
    lines.push(
      `退款单号：${payment.refund.refundId}`,
      `退款金额：${(payment.refund.amountFen / 100).toFixed(2)} 元（${payment.refund.workingDays} 个工作日内原路退回）`,
    )
  return { kind: 'receipt', title: `${context.item.name.zh} 凭证`, lines }
}

const doneResult = (context: FlowContext) =>
  context.outcome?.state === 'done' ? context.outcome.result : null

const onIdentify = (context: FlowContext) => currentStep(context).kind === 'identify'

/** The message of a failed 社保卡 read: no card, a wrong PIN with the tries left, a blocked PIN, or a failed read. */
function socialCardError(error: unknown): FlowError {
  if (!(error instanceof SocialCardError)) return { code: 'socialCard' }
  if (error.reason === 'pinWrong')
    return error.triesLeft === undefined ? { code: 'pinWrong' } : { code: 'pinWrong', tries: error.triesLeft }
  if (error.reason === 'pinBlocked') return { code: 'pinBlocked' }
  return { code: 'socialCard' }
}

/** After the bank card is back: on to the record when paid, else the unpaid order is cancelled. */
const AFTER_HAND_BACK = [
  { guard: 'paid', target: '#flow.submitting', actions: 'forgetBankCard' },
  { target: '#flow.paying.cancelling', actions: 'forgetBankCard' },
] as const

/** The flow's types, guards and named effects. */
const flowSetup = setup({
  types: {
    context: {} as FlowContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
    output: {} as FlowOutput,
  },
  actors: {
    readIdCard: actorPlaceholder<IdCard>('readIdCard'),
    identifyByEid: actorPlaceholder<IdCard, { via: EidReader }>('identifyByEid'),
    readSocialCard: actorPlaceholder<SocialCardRead, { pin?: string }>('readSocialCard'),
    verifyFace: actorPlaceholder<boolean, { idNumber: string }>('verifyFace'),
    submitRecord: actorPlaceholder<SubmitOutcome, FlowSubmission>('submitRecord'),
    findLicences: actorPlaceholder<HeldLicence[], { idNumber: string; itemCode: string }>('findLicences'),
    findHousehold: actorPlaceholder<
      HouseholdMemberView[],
      { idNumber: string; itemCode: string; fields?: Record<string, string> }
    >('findHousehold'),
    captureMaterial: actorPlaceholder<Blob, { material: string }>('captureMaterial'),
    /** Starts a phone upload session, polls its photos, removes one when told, ends it when stopped. */
    phoneUpload: callbackPlaceholder<PhoneUploadCommand, PhoneUploadInput>('phoneUpload'),
    printDocument: actorPlaceholder<PrinterState, PrintRequest>('printDocument'),
    createOrder: actorPlaceholder<OrderView, OrderRequest>('createOrder'),
    awaitPayment: actorPlaceholder<OrderView, OrderView>('awaitPayment'),
    cancelOrder: actorPlaceholder<OrderView, string>('cancelOrder'),
    readBankCard: actorPlaceholder<BankCard>('readBankCard'),
    payByCard: actorPlaceholder<CardPaymentAnswer, { orderId: string } & CardPayment>('payByCard'),
    ejectBankCard: actorPlaceholder<void>('ejectBankCard'),
  },
  guards: {
    stepValid: ({ context }) => stepError(context) === null,
    atFirstStep: ({ context }) => context.stepIndex === 0,
    onIdentifyStep: ({ context }) => currentStep(context).kind === 'identify',
    onFaceStep: ({ context }) => currentStep(context).kind === 'face',
    onConfirmStep: ({ context }) => currentStep(context).kind === 'confirm',
    onMaterialsStep: ({ context }) => currentStep(context).kind === 'materials',
    /** On the materials step with a resident identified whose 电子证照 were not asked for yet. */
    mustAskLicences: ({ context }) =>
      currentStep(context).kind === 'materials' && context.licences === null && context.idNumber !== '',
    /** On 为谁办理 with 家人 chosen (one member to pick), or on the 家庭缴费 step, before the register answered. */
    mustAskHousehold: ({ context }) => {
      if (context.household !== null || context.idNumber === '') return false
      const step = currentStep(context).kind
      return (
        step === 'family' ||
        (step === 'servedFor' && context.servedFor === '家人' && !paysForFamily(context.item.kind, context))
      )
    },
    mustPrint: ({ context }) => {
      const result = doneResult(context)
      // A receipt needs its QR link: a result without one (an older backend) prints nothing rather than half a receipt.
      return result?.kind === '打印' || (printsReceipt(context.item.kind) && result?.caseLink !== undefined)
    },
    isPayment: ({ context }) => context.item.kind === '缴费',
    paid: ({ context }) => context.order?.status === 'paid',
    /** A card payment stopped by the card or the reader (not by the resident's cancel). */
    cardProblem: ({ context }) => context.payProblem !== null,
  },
  actions: {
    /** Sets a fresh code and clears what was typed; provided as `smsCodeIssuer(makeSmsCode)`. */
    issueSmsCode: actionPlaceholder('issueSmsCode'),
    /**
     * Reads a card that already lies on the reader when the identify step opens (its placed event came before
     * anyone listened); provided as `cardOnReaderCheck(cardOnReader)`.
     */
    lookForCard: actionPlaceholder('lookForCard'),
    /** Demo terminal: the mock issuer's code shown to the simulated 扫码器; provided as `demoEidShower(show)`. */
    showDemoEid: actionPlaceholder('showDemoEid'),
    /** Next step; entering the SMS step sends a fresh code, entering the identify step looks for a card. */
    stepForward: enqueueActions(({ context, enqueue }) => {
      const stepIndex = Math.min(context.stepIndex + 1, context.steps.length - 1)
      enqueue.assign({ stepIndex, error: null })
      // By name, so the provided actions run (setup cannot type its own action names here).
      if (context.steps[stepIndex]?.kind === 'sms') enqueue('issueSmsCode' as never)
      if (context.steps[stepIndex]?.kind === 'identify') {
        enqueue('lookForCard' as never)
        // The 电子身份证 as the step's identification: the 扫码器 waits for the code at once.
        if (context.idMethod === '电子身份证') enqueue.raise({ type: 'eid.scan' })
      }
    }),
    // Not looking for a card on the way back: a card still on the reader would send the resident forward again.
    stepBack: assign(({ context }) => ({ stepIndex: Math.max(0, context.stepIndex - 1), error: null })),
    showStepError: assign(({ context }) => ({ error: stepError(context) })),
    /** Switches the identify step to another identification, forgetting what the previous one gave. */
    chooseMethod: assign(({ context, event }) => {
      const method = (event as { method?: Identification }).method ?? '身份证'
      return {
        ...withoutLicences(context),
        idMethod: method,
        eidVia: 'scanner' as const,
        idNumber: '',
        idName: '',
        idFromCard: false,
        socialCardNumber: '',
        pin: '',
        faceVerified: false,
        error: null,
      }
    }),
    askCancel: assign({ cancelAsked: true }),
    dismissCancel: assign({ cancelAsked: false }),
    /** The card is back with the resident: its number and the PIN tries go too. */
    forgetBankCard: assign({ bankCardNumber: '', pinTriesLeft: null }),
  },
  delays: {},
})

/**
 * The flow machine. Its effects are the actors `readIdCard`, `verifyFace`, `submitRecord`,
 * `printDocument` and the action `issueSmsCode` (an `assign` of a fresh `smsCode`, see `smsCodeIssuer`).
 */
export const serviceFlowMachine = flowSetup.createMachine({
  id: 'flow',
  context: ({ input }) => ({
    item: input.item,
    catalogItem: input.item,
    sessionId: input.sessionId,
    catalogVersion: input.catalogVersion,
    steps: buildSteps(input.item),
    stepIndex: 0,
    ...SERVED_FOR_START,
    idMethod: firstIdentification(input.item),
    eidVia: 'scanner',
    idNumber: '',
    idName: '',
    idFromCard: false,
    socialCardNumber: '',
    pin: '',
    phone: '',
    smsCode: '',
    smsEntered: '',
    faceVerified: false,
    fields: {},
    materials: {},
    licences: null,
    capturing: null,
    phoneUpload: null,
    error: null,
    cancelAsked: false,
    outcome: null,
    print: 'none',
    printerState: 'ok',
    exit: null,
    orderId: '',
    order: null,
    payProblem: null,
    bankCardNumber: '',
    pinTriesLeft: null,
  }),
  initial: 'collecting',
  output: ({ context }): FlowOutput => {
    if (context.exit === 'completed' && context.outcome) {
      const result = doneResult(context)
      return {
        outcome: 'completed',
        result: {
          itemCode: context.item.code,
          kind: context.item.kind,
          outcome: context.outcome,
          print: context.print,
          printerState: context.printerState,
          documentUrl: result ? (result.document?.url ?? result.reference) : null,
        },
      }
    }
    return { outcome: context.exit === 'back' ? 'back' : 'cancelled' }
  },
  states: {
    collecting: {
      initial: 'ready',
      // A flow that opens on the identify step looks for a card at once (later, stepForward does).
      entry: enqueueActions(({ context, enqueue }) => {
        if (context.stepIndex === 0 && currentStep(context).kind === 'identify')
          enqueue('lookForCard' as never)
      }),
      on: {
        'nav.back': [
          { guard: 'atFirstStep', target: 'back' },
          { actions: 'stepBack', target: '.ready' },
        ],
        'flow.cancel': { actions: 'askCancel' },
        'cancel.dismiss': { actions: 'dismissCancel' },
        'cancel.confirm': { target: 'cancelled' },
        'id.input': {
          actions: assign(({ context, event }) => ({
            idNumber: event.value.toUpperCase().slice(0, 18),
            idName: '',
            idFromCard: false,
            faceVerified: false,
            error: null,
            ...withoutLicences(context),
          })),
        },
        // Choosing an identification forgets the one before, whatever the step was waiting for (a scan, a card):
        // the 电子身份证 waits for a code at once, the 社保卡 reads the card number.
        'id.method': [
          {
            guard: ({ context, event }) => onIdentify(context) && event.method === '电子身份证',
            target: '.scanningEid',
            actions: 'chooseMethod',
          },
          {
            guard: ({ context, event }) => onIdentify(context) && event.method === '社保卡',
            target: '.readingSocialCard',
            actions: 'chooseMethod',
          },
          { guard: ({ context }) => onIdentify(context), target: '.ready', actions: 'chooseMethod' },
        ],
        // The camera instead of the 扫码器: the wait starts over with the camera.
        'eid.camera': {
          guard: ({ context }) => onIdentify(context) && context.idMethod === '电子身份证',
          target: '.scanningEid',
          reenter: true,
          actions: assign({ eidVia: 'camera' as const, error: null }),
        },
        // The demo terminal shows the mock issuer's code while the 扫码器 waits.
        'eid.demo': { actions: 'showDemoEid' },
        'pin.input': {
          actions: assign(({ event }) => ({ pin: event.value.replace(/\D/g, '').slice(0, 6), error: null })),
        },
        'phone.input': {
          actions: assign(({ event }) => ({
            phone: event.value.replace(/\D/g, '').slice(0, 11),
            error: null,
          })),
        },
        'sms.input': {
          actions: assign(({ event }) => ({
            smsEntered: event.value.replace(/\D/g, '').slice(0, 6),
            error: null,
          })),
        },
        'field.set': {
          actions: assign(({ context, event }) => ({
            fields: { ...context.fields, [event.key]: event.value },
            error: null,
            // 家庭缴费: the amounts due follow the form's answers, so the register is asked again.
            ...(paysForFamily(context.item.kind, context) ? { household: null, members: [] } : {}),
          })),
        },
        // Choosing whom to serve redraws the steps after this one (家庭缴费 adds its step) and starts the choice over.
        'servedFor.choose': {
          target: '.ready',
          actions: assign(({ context, event }) => ({
            ...SERVED_FOR_START,
            servedFor: event.servedFor,
            item: itemServedFor(context.catalogItem, event.servedFor),
            steps: buildSteps(context.catalogItem, event.servedFor),
            error: null,
          })),
        },
        'member.toggle': {
          actions: assign(({ context, event }) => ({
            members: toggledMembers(context.item.kind, context, event.handle),
            error: null,
          })),
        },
        'other.input': {
          actions: assign(({ event }) => ({ otherId: event.value.toUpperCase().slice(0, 18), error: null })),
        },
        'relationship.choose': {
          actions: assign(({ event }) => ({ relationship: event.relationship, error: null })),
        },
        'material.remove': {
          actions: assign(({ context, event }) => {
            const { [event.material]: _removed, ...materials } = context.materials
            return { materials, error: null }
          }),
        },
        // 用手机拍照上传: a session per code (a new code after one expired keeps the record key, so its photos).
        'phone.start': {
          guard: ({ context }) =>
            currentStep(context).kind === 'materials' &&
            (context.phoneUpload === null || !['starting', 'open'].includes(context.phoneUpload.state)),
          actions: [
            stopChild('phoneUpload'),
            assign(({ context }) => ({
              phoneUpload: {
                recordKey: context.phoneUpload?.recordKey ?? '',
                url: null,
                expiresAt: null,
                opened: false,
                state: 'starting' as const,
              },
            })),
            spawnChild('phoneUpload', {
              id: 'phoneUpload',
              input: ({ context }) => ({
                itemCode: context.item.code,
                recordKey: context.phoneUpload?.recordKey || null,
              }),
            }),
          ],
        },
        'phone.remove': { actions: sendTo('phoneUpload', ({ event }) => event) },
        'phone.started': {
          actions: assign(({ event }) => ({
            phoneUpload: {
              recordKey: event.recordKey,
              url: event.url,
              expiresAt: event.expiresAt,
              opened: false,
              state: 'open' as const,
            },
          })),
        },
        'phone.photos': {
          actions: assign(({ context, event }) => ({
            materials: withPhonePhotos(context.materials, event.answer.photos, event.images),
            phoneUpload: context.phoneUpload && {
              ...context.phoneUpload,
              opened: event.answer.opened,
              state: event.answer.state,
            },
          })),
        },
        'phone.failed': {
          actions: assign(({ context }) => ({
            phoneUpload: context.phoneUpload && { ...context.phoneUpload, state: 'failed' as const },
          })),
        },
      },
      states: {
        ready: {
          always: [
            { guard: 'mustAskLicences', target: 'findingLicences' },
            { guard: 'mustAskHousehold', target: 'findingHousehold' },
          ],
          on: {
            'material.capture': {
              guard: 'onMaterialsStep',
              target: 'capturingMaterial',
              actions: assign(({ event }) => ({ capturing: event.material, error: null })),
            },
            'step.next': [{ guard: 'stepValid', actions: 'stepForward' }, { actions: 'showStepError' }],
            'card.swipe': { guard: 'onIdentifyStep', target: 'readingCard' },
            'eid.scan': {
              guard: ({ context }) => onIdentify(context) && context.idMethod === '电子身份证',
              target: 'scanningEid',
            },
            'socialCard.read': {
              guard: ({ context }) => onIdentify(context) && context.idMethod === '社保卡',
              target: 'readingSocialCard',
            },
            'pin.submit': [
              {
                guard: ({ context }) =>
                  onIdentify(context) && context.socialCardNumber !== '' && /^\d{6}$/.test(context.pin),
                target: 'verifyingPin',
              },
              {
                guard: ({ context }) => onIdentify(context),
                actions: assign({ error: { code: 'pinLength' } }),
              },
            ],
            'face.start': { guard: 'onFaceStep', target: 'verifyingFace' },
            'flow.submit': [
              { guard: and(['onConfirmStep', 'isPayment']), target: '#flow.paying' },
              { guard: 'onConfirmStep', target: '#flow.submitting' },
            ],
          },
        },
        readingCard: {
          invoke: {
            src: 'readIdCard',
            onDone: {
              target: 'ready',
              actions: [
                assign(({ context, event }) => ({
                  idMethod: '身份证' as const,
                  idNumber: event.output.idNumber,
                  idName: event.output.name,
                  idFromCard: true,
                  error: null,
                  ...withoutLicences(context),
                })),
                'stepForward',
              ],
            },
            onError: { target: 'ready', actions: assign({ error: { code: 'card' } }) },
          },
        },
        // 电子证照 first: what the resident holds is supplied without a capture (粤办函〔2020〕11号). Offline, or on
        // any failure, none are offered and every material is captured.
        findingLicences: {
          invoke: {
            src: 'findLicences',
            input: ({ context }) => ({ idNumber: context.idNumber, itemCode: context.item.code }),
            onDone: {
              target: 'ready',
              actions: assign(({ context, event }) => {
                const materials = { ...context.materials }
                for (const held of event.output)
                  materials[held.material] ??= {
                    via: 'licence',
                    licence: held.licence,
                    maskedNumber: held.maskedNumber,
                  }
                return { licences: event.output, materials }
              }),
            },
            onError: { target: 'ready', actions: assign({ licences: [] }) },
          },
        },
        // The register answers masked members by handle; without it (offline) 家人 cannot be served.
        findingHousehold: {
          invoke: {
            src: 'findHousehold',
            input: ({ context }) => ({
              idNumber: context.idNumber,
              itemCode: context.item.code,
              ...(currentStep(context).kind === 'family' ? { fields: buildSubmission(context).fields } : {}),
            }),
            onDone: { target: 'ready', actions: assign(({ event }) => ({ household: event.output })) },
            onError: { target: 'ready', actions: assign({ household: [], error: { code: 'household' } }) },
          },
        },
        capturingMaterial: {
          invoke: {
            src: 'captureMaterial',
            input: ({ context }) => ({ material: context.capturing ?? '' }),
            onDone: {
              target: 'ready',
              actions: assign(({ context, event }) => ({
                materials: {
                  ...context.materials,
                  [context.capturing ?? '']: { via: 'camera' as const, image: event.output },
                },
                capturing: null,
              })),
            },
            onError: {
              target: 'ready',
              actions: assign(({ event }) => ({
                capturing: null,
                error: {
                  code:
                    (event.error as Error | undefined)?.name === 'MaterialStorageFull'
                      ? ('materialsFull' as const)
                      : ('capture' as const),
                },
              })),
            },
          },
        },
        scanningEid: {
          invoke: {
            src: 'identifyByEid',
            input: ({ context }) => ({ via: context.eidVia }),
            onDone: {
              target: 'ready',
              actions: [
                assign(({ context, event }) => ({
                  idNumber: event.output.idNumber,
                  idName: event.output.name,
                  idFromCard: true,
                  faceVerified: false,
                  error: null,
                  ...withoutLicences(context),
                })),
                'stepForward',
              ],
            },
            onError: {
              target: 'ready',
              actions: assign(({ event }) => ({
                error: { code: event.error instanceof EidError ? event.error.failure : 'eidNone' },
              })),
            },
          },
        },
        readingSocialCard: {
          invoke: {
            src: 'readSocialCard',
            input: () => ({}),
            onDone: {
              target: 'ready',
              actions: assign(({ event }) => ({
                socialCardNumber: event.output.cardNumber,
                pin: '',
                error: null,
              })),
            },
            onError: {
              target: 'ready',
              actions: assign(({ event }) => ({ error: socialCardError(event.error) })),
            },
          },
        },
        verifyingPin: {
          invoke: {
            src: 'readSocialCard',
            input: ({ context }) => ({ pin: context.pin }),
            onDone: [
              {
                guard: ({ event }) => event.output.holder !== undefined,
                target: 'ready',
                actions: [
                  assign(({ context, event }) => ({
                    idNumber: event.output.holder?.idNumber ?? '',
                    idName: event.output.holder?.name ?? '',
                    idFromCard: true,
                    faceVerified: false,
                    pin: '',
                    error: null,
                    ...withoutLicences(context),
                  })),
                  'stepForward',
                ],
              },
              { target: 'ready', actions: assign({ pin: '', error: { code: 'socialCard' } }) },
            ],
            onError: {
              target: 'ready',
              actions: assign(({ event }) => ({ pin: '', error: socialCardError(event.error) })),
            },
          },
        },
        verifyingFace: {
          invoke: {
            src: 'verifyFace',
            input: ({ context }) => ({ idNumber: context.idNumber }),
            onDone: [
              {
                guard: ({ event }) => event.output,
                target: 'ready',
                actions: [assign({ faceVerified: true }), 'stepForward'],
              },
              { target: 'ready', actions: assign({ error: { code: 'face' } }) },
            ],
            onError: { target: 'ready', actions: assign({ error: { code: 'face' } }) },
          },
        },
      },
    },
    submitting: {
      // The phone's code stops working once the record goes (its photos go with it, under its key).
      entry: stopChild('phoneUpload'),
      invoke: {
        src: 'submitRecord',
        input: ({ context }) => buildSubmission(context),
        onDone: { target: 'routing', actions: assign(({ event }) => ({ outcome: event.output })) },
        onError: { target: '#flow.collecting.ready', actions: assign({ error: { code: 'submit' } }) },
      },
    },
    routing: {
      always: [
        { guard: 'mustPrint', target: 'printing' },
        { guard: 'paid', target: 'askPrint' },
        { target: 'done' },
      ],
    },
    paying: {
      initial: 'choosing',
      on: {
        'flow.cancel': { actions: 'askCancel' },
        'cancel.dismiss': { actions: 'dismissCancel' },
      },
      states: {
        choosing: {
          on: {
            'pay.method': {
              target: 'creating',
              actions: assign({ orderId: () => crypto.randomUUID(), order: null, payProblem: null }),
            },
            'nav.back': { target: '#flow.collecting.ready', actions: 'dismissCancel' },
            'cancel.confirm': '#flow.cancelled',
          },
        },
        creating: {
          invoke: {
            src: 'createOrder',
            input: ({ context, event }) => ({
              orderId: context.orderId,
              itemCode: context.item.code,
              catalogVersion: context.catalogVersion,
              method: (event as Extract<FlowEvent, { type: 'pay.method' }>).method,
              fields: buildSubmission(context).fields,
              ...(paysForFamily(context.item.kind, context)
                ? { household: { idNumber: context.idNumber.toUpperCase(), members: context.members } }
                : {}),
            }),
            onDone: [
              // A bank card is paid at the reader, not by a notice.
              {
                guard: ({ event }) => event.output.method === 'card' && event.output.status === 'pending',
                target: 'card',
                actions: assign(({ event }) => ({ order: event.output })),
              },
              { target: 'waiting', actions: assign(({ event }) => ({ order: event.output })) },
            ],
            onError: { target: 'problem', actions: assign({ payProblem: 'network' }) },
          },
          on: { 'cancel.confirm': 'cancelling' },
        },
        card: {
          initial: 'inserting',
          states: {
            inserting: {
              invoke: {
                src: 'readBankCard',
                onDone: {
                  target: 'pin',
                  actions: assign(({ event }) => ({
                    bankCardNumber: event.output.cardNumber,
                    pinTriesLeft: null,
                  })),
                },
                // No card in the reader to hand back: the unpaid order is cancelled and the problem shown.
                onError: {
                  target: '#flow.paying.cancelling',
                  actions: assign(({ event }) => ({ payProblem: bankCardProblem(event.error) })),
                },
              },
              on: { 'cancel.confirm': '#flow.paying.cancelling' },
            },
            pin: {
              on: {
                'card.pin': 'charging',
                'cancel.confirm': {
                  target: 'returning',
                  actions: assign({ payProblem: null, cancelAsked: false }),
                },
              },
            },
            charging: {
              invoke: {
                src: 'payByCard',
                input: ({ context, event }) => ({
                  orderId: context.orderId,
                  cardNumber: context.bankCardNumber,
                  pin: (event as Extract<FlowEvent, { type: 'card.pin' }>).pin,
                }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.outcome === 'paid',
                    target: 'returning',
                    actions: assign(({ event }) => ({
                      order: event.output.outcome === 'paid' ? event.output.order : null,
                      cancelAsked: false,
                    })),
                  },
                  {
                    guard: ({ event }) => event.output.outcome === 'pinWrong',
                    target: 'pin',
                    actions: assign(({ event }) => ({
                      pinTriesLeft: event.output.outcome === 'pinWrong' ? event.output.triesLeft : null,
                    })),
                  },
                  { target: 'returning', actions: assign({ payProblem: 'blocked', cancelAsked: false }) },
                ],
                // Whether it was paid is asked after the card is back (voiding answers the order as it is).
                onError: {
                  target: 'returning',
                  actions: assign({ payProblem: 'network', cancelAsked: false }),
                },
              },
            },
            // The card comes back before any result shows: paid, refused, or the resident cancelled.
            returning: {
              invoke: {
                src: 'ejectBankCard',
                // A reader that fails to hand back has still let go of the card: the same way on.
                onDone: AFTER_HAND_BACK,
                onError: AFTER_HAND_BACK,
              },
            },
          },
        },
        waiting: {
          invoke: {
            src: 'awaitPayment',
            input: ({ context }) => context.order!,
            onDone: [
              {
                guard: ({ event }) => event.output.status === 'paid',
                target: '#flow.submitting',
                actions: assign(({ event }) => ({ order: event.output, cancelAsked: false })),
              },
              {
                target: 'problem',
                actions: assign(({ event }) => ({
                  order: event.output,
                  cancelAsked: false,
                  payProblem: event.output.status === 'failed' ? ('failed' as const) : ('timedOut' as const),
                })),
              },
            ],
            onError: { target: 'problem', actions: assign({ payProblem: 'network' }) },
          },
          on: { 'cancel.confirm': 'cancelling' },
        },
        // The resident cancelled, or a card payment did not complete (`payProblem` says why; it is shown after).
        cancelling: {
          entry: 'dismissCancel',
          invoke: {
            src: 'cancelOrder',
            input: ({ context }) => context.orderId,
            onDone: [
              // Paid a moment before the cancel arrived: the resident's money is in, so the record goes.
              {
                guard: ({ event }) => event.output.status === 'paid',
                target: '#flow.submitting',
                actions: assign(({ event }) => ({ order: event.output, payProblem: null })),
              },
              {
                guard: 'cardProblem',
                target: 'problem',
                actions: assign(({ event }) => ({ order: event.output })),
              },
              { target: '#flow.cancelled' },
            ],
            // Not reached (offline): the order times out by itself at the gateway.
            onError: [{ guard: 'cardProblem', target: 'problem' }, { target: '#flow.cancelled' }],
          },
        },
        problem: {
          on: {
            'pay.retry': { target: 'choosing', actions: 'dismissCancel' },
            'cancel.confirm': '#flow.cancelled',
          },
        },
      },
    },
    askPrint: {
      on: { 'print.yes': 'printing', 'print.no': 'done' },
    },
    printing: {
      invoke: {
        src: 'printDocument',
        input: ({ context }) => printJobFor(context),
        onDone: {
          target: 'done',
          actions: assign(({ event }) => ({
            print: event.output === 'ok' ? ('ok' as const) : ('failed' as const),
            printerState: event.output,
          })),
        },
        onError: { target: 'done', actions: assign({ print: 'failed', printerState: 'offline' }) },
      },
    },
    done: { type: 'final', entry: assign({ exit: 'completed' }) },
    cancelled: { type: 'final', entry: assign({ exit: 'cancelled' }) },
    back: { type: 'final', entry: assign({ exit: 'back' }) },
  },
})

/**
 * A new identity keeps no 电子证照 of the previous one (they are asked again, and their supplies dropped), and no
 * 为谁办理 choice or household register of it.
 */
function withoutLicences(
  context: FlowContext,
): Pick<FlowContext, 'licences' | 'materials' | 'item' | 'steps' | keyof ServedForState> {
  const materials: Record<string, SuppliedMaterial> = {}
  for (const [name, supplied] of Object.entries(context.materials))
    if (supplied.via !== 'licence') materials[name] = supplied
  // 为谁办理 starts over too: the household register and the agent's choice belonged to the identity before.
  return {
    licences: null,
    materials,
    ...SERVED_FOR_START,
    item: context.catalogItem,
    steps: buildSteps(context.catalogItem),
  }
}

/** The flow machine type, for the session machine and the UI. */
export type ServiceFlowMachine = typeof serviceFlowMachine

/** The `lookForCard` action for `.provide()`: a card found on the reader is read as if just placed. */
export function cardOnReaderCheck(cardOnReader: () => Promise<boolean>) {
  return flowSetup.createAction(({ self }) => {
    void cardOnReader().then((present) => {
      if (present) self.send({ type: 'card.swipe' })
    })
  })
}

/** The `showDemoEid` action for `.provide()`: shows the demo code; a failure leaves the scan to time out. */
export function demoEidShower(show: () => Promise<void>) {
  return flowSetup.createAction(() => {
    show().catch((error: unknown) => console.warn('demo e-ID code not shown', error))
  })
}

/** The `issueSmsCode` action for `.provide()`: a code from `makeSmsCode`, nothing typed yet. */
export function smsCodeIssuer(makeSmsCode: () => string) {
  return flowSetup.assign(() => ({
    smsCode: makeSmsCode(),
    smsEntered: '',
  }))
}
