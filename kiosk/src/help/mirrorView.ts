/**
 * The session's side of the 帮办 mirror: which screen, item and step the resident is on, and (only for the
 * consent) their details masked with the same functions every screen uses (devices/idNumber.ts).
 */
import type { ActorRefFrom, SnapshotFrom } from 'xstate'
import type { ConsentedDetails } from '../../../mock-backend/src/contract/helpMirror'
import { maskIdNumber, maskName, maskPhone } from '../devices/idNumber'
import { pick } from '../i18n'
import { currentStep, type ServiceFlowMachine } from '../machines/serviceFlowMachine'
import { findItem, type SessionMachine } from '../machines/sessionMachine'
import type { MirrorView } from './mirror'

/** The flow's step as the mirror names it: `identify`, `field:<key>`, or the flow's state after collecting. */
function stepOf(flow: ActorRefFrom<ServiceFlowMachine> | undefined): MirrorView['step'] {
  if (!flow) return null
  const snapshot = flow.getSnapshot()
  const ctx = snapshot.context
  const state = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]
  const step = currentStep(ctx)
  const kind =
    state !== 'collecting' ? (state ?? 'flow') : step.kind === 'field' ? `field:${step.key}` : step.kind
  return {
    index: ctx.stepIndex,
    count: ctx.steps.length,
    kind: kind.replace(/[^A-Za-z0-9_:.-]/g, '_').slice(0, 60),
  }
}

/** The session's view for the mirror, on `screen` (the App's name for it). */
export function sessionView(snapshot: SnapshotFrom<SessionMachine>, screen: string): MirrorView {
  const ctx = snapshot.context
  const item = findItem(ctx.catalog, ctx.itemCode)
  const flow = snapshot.children.flow as ActorRefFrom<ServiceFlowMachine> | undefined
  return {
    screen,
    item: item ? { code: item.code, name: pick(item.name, ctx.lang) } : null,
    step: screen === 'flow' ? stepOf(flow) : null,
    lang: ctx.lang,
    elder: ctx.elder,
  }
}

/** Longest name whose mask the contract admits (first character and at most 10 stars). */
const MAX_MASKED_NAME = 11

/** The resident's details known to the flow, masked; only complete values (a half-typed number says nothing). */
export function maskedDetails(snapshot: SnapshotFrom<SessionMachine>): ConsentedDetails {
  const flow = snapshot.children.flow as ActorRefFrom<ServiceFlowMachine> | undefined
  if (!flow) return {}
  const { idName, idNumber, phone } = flow.getSnapshot().context
  const details: ConsentedDetails = {}
  const name = idName.trim()
  if (name && Array.from(name).length <= MAX_MASKED_NAME) details.name = maskName(name)
  if (/^(\d{17}[\dXx]|\d{15})$/.test(idNumber)) details.idNumber = maskIdNumber(idNumber)
  if (/^1\d{10}$/.test(phone)) details.phone = maskPhone(phone)
  return details
}
