/**
 * The device agent's wire protocol (JSON-RPC 2.0 over a loopback WebSocket), shared by the agent and the kiosk.
 * Plain types and constants only: no Node, no zod, so the kiosk bundle can import it. PROTOCOL.md documents every
 * name below and tests/unit/agent-protocol-doc.test.ts checks the document against this module.
 */

import type { DeviceKind, DeviceState } from '../../../mock-backend/src/contract/constants'

// The port the agent listens on when AGENT_PORT is not set (alone in port.ts for the kiosk's entry).
export { AGENT_DEFAULT_PORT } from './port'

/** An RPC answer arrives within this time or the caller gives up with a timeout error. */
export const RPC_TIMEOUT_MS = 5000

/** The JSON-RPC version string every message carries. */
export const JSONRPC = '2.0'

// Device kinds and states are defined in the backend contract: the heartbeat reports them to fleet health.
export {
  DEVICE_KINDS,
  DEVICE_STATES,
  type DeviceKind,
  type DeviceState,
} from '../../../mock-backend/src/contract/constants'

/** devices.list's answer: every configured device with its state. */
export type DeviceList = Partial<Record<DeviceKind, { state: DeviceState }>>

/** The fields of a resident ID card the page may ask for; the photo is not among them and never leaves the agent. */
export const ID_CARD_FIELDS = [
  'name',
  'sex',
  'nation',
  'birthDate',
  'address',
  'idNumber',
  'authority',
  'validFrom',
  'validTo',
] as const
/** One of ID_CARD_FIELDS. */
export type IdCardField = (typeof ID_CARD_FIELDS)[number]
/** What idCard.read answers: exactly the requested fields. */
export type IdCardFields = Partial<Record<IdCardField, string>>

/** The fields of a 社保卡 the page may ask for: the card number without a PIN, the holder's data after it. */
export const SOCIAL_CARD_FIELDS = ['cardNumber', 'idNumber', 'name', 'sex', 'nation', 'birthDate'] as const
/** One of SOCIAL_CARD_FIELDS. */
export type SocialCardField = (typeof SOCIAL_CARD_FIELDS)[number]
/** What socialCard.read answers: exactly the requested fields. */
export type SocialCardFields = Partial<Record<SocialCardField, string>>

/** The longest a qrReader.scan may wait for a code: inside RPC_TIMEOUT_MS, so the answer is never a timeout. */
export const QR_SCAN_MAX_WAIT_MS = 4000

/**
 * The longest bankCard.read or bankCard.handBack wait: inside RPC_TIMEOUT_MS with room for the card's read, so the
 * page asks again in slices rather than meeting a timeout.
 */
export const BANK_CARD_MAX_WAIT_MS = 3000

/** One receipt or document: a title, text lines and an optional QR payload (a case's follow-up link). */
export interface PrintDocument {
  title: string
  lines: string[]
  qr?: string
}

/** Every method with its params and its result. */
export interface AgentMethods {
  'agent.pair': { params: { secret: string; previous?: string }; result: { paired: true } }
  'devices.list': { params: Record<string, never>; result: DeviceList }
  'idCard.read': { params: { fields: IdCardField[] }; result: IdCardFields }
  'printer.print': {
    params: { device: 'receiptPrinter' | 'documentPrinter'; document: PrintDocument }
    result: { printed: true }
  }
  'camera.documentCamera': { params: Record<string, never>; result: { label: string | null } }
  'qrReader.scan': { params: { waitMs: number }; result: { text: string | null } }
  'socialCard.read': { params: { fields: SocialCardField[]; pin?: string }; result: SocialCardFields }
  'bankCard.read': { params: { waitMs: number }; result: { cardNumber: string | null } }
  'bankCard.handBack': { params: { waitMs: number }; result: { taken: boolean } }
}
/** A method name. */
export type AgentMethod = keyof AgentMethods

/** The method names, in the order PROTOCOL.md lists them. */
export const AGENT_METHODS = [
  'agent.pair',
  'devices.list',
  'idCard.read',
  'printer.print',
  'camera.documentCamera',
  'qrReader.scan',
  'socialCard.read',
  'bankCard.read',
  'bankCard.handBack',
] as const satisfies readonly AgentMethod[]

/** Every event (a JSON-RPC notification from the agent) with its params. */
export interface AgentEvents {
  'idCard.placed': { device: 'idCardReader' }
  'idCard.removed': { device: 'idCardReader' }
  'printer.paperLow': { device: DeviceKind }
  'printer.paperOut': { device: DeviceKind }
  'printer.coverOpen': { device: DeviceKind }
  'device.lost': { device: DeviceKind }
  'device.found': { device: DeviceKind }
}
/** An event name. */
export type AgentEvent = keyof AgentEvents

/** The event names, in the order PROTOCOL.md lists them. */
export const AGENT_EVENTS = [
  'idCard.placed',
  'idCard.removed',
  'printer.paperLow',
  'printer.paperOut',
  'printer.coverOpen',
  'device.lost',
  'device.found',
] as const satisfies readonly AgentEvent[]

/** JSON-RPC error codes: the standard ones and the agent's own (-32000 … -32099 are reserved for servers). */
export const RPC_ERRORS = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  notPaired: -32001,
  pairingRefused: -32002,
  timeout: -32003,
  deviceUnavailable: -32004,
  noCard: -32005,
  cardReadFailed: -32006,
  paperOut: -32007,
  coverOpen: -32008,
  pinRequired: -32009,
  pinWrong: -32010,
  pinBlocked: -32011,
  cardRemoved: -32012,
} as const
/** The name of one error code. */
export type RpcErrorName = keyof typeof RPC_ERRORS

/** A request from the page. */
export interface RpcRequest<M extends AgentMethod = AgentMethod> {
  jsonrpc: typeof JSONRPC
  id: number | string
  method: M
  params: AgentMethods[M]['params']
}
/** A successful answer. */
export interface RpcSuccess<M extends AgentMethod = AgentMethod> {
  jsonrpc: typeof JSONRPC
  id: number | string
  result: AgentMethods[M]['result']
}
/** A failed answer; `id` is null when the request could not be read. */
export interface RpcFailure {
  jsonrpc: typeof JSONRPC
  id: number | string | null
  error: { code: number; message: string }
}
/** An event from the agent (a notification: no id). */
export interface RpcNotification<E extends AgentEvent = AgentEvent> {
  jsonrpc: typeof JSONRPC
  method: E
  params: AgentEvents[E]
}
/** Anything the agent sends. */
export type AgentMessage = RpcSuccess | RpcFailure | RpcNotification

/** Builds a failure answer from an error name, so codes are never written by hand. */
export function rpcFailure(id: number | string | null, name: RpcErrorName, message: string): RpcFailure {
  return { jsonrpc: JSONRPC, id, error: { code: RPC_ERRORS[name], message } }
}

/** The name of an error code, or undefined for a code the protocol does not define. */
export function rpcErrorName(code: number): RpcErrorName | undefined {
  return (Object.keys(RPC_ERRORS) as RpcErrorName[]).find((name) => RPC_ERRORS[name] === code)
}
