/**
 * 帮办 video call signalling: the one message contract between the kiosk, the backend and the helper console over
 * the WebSockets at HELP_SIGNAL_PATHS. The backend parses every inbound message with these schemas; the pages
 * import only the types (`import type`), so no zod reaches them.
 *
 * Flow: kiosk `hello` (its terminal key, never in the URL) → `ready`; kiosk `call` → `queued`, every helper
 * gets `queue`; a helper `answer`s → it gets `assigned`, the kiosk `answered`, the others a `queue` without the
 * call; then `signal` (SDP and ICE) relayed between the two; `hangup` from either → both get `ended`.
 */
import { z } from 'zod'
import { MirrorMessage, PointedMessage, PointMessage } from './helpMirror'

// The paths live in a zod-free module: the pages need them at run time, and importing them from here would bring
// zod into the kiosk's help chunk (tests/unit/kiosk-no-zod.test.ts).
export { HELP_SIGNAL_PATHS } from './helpSignalPaths'

/** Largest message accepted, in bytes (an SDP offer with candidates is a few KB). */
export const HELP_MESSAGE_MAX_BYTES = 64 * 1024

/** Why a call ended, as both sides are told (`no_answer`: nobody answered in the terminal's time). */
export const CALL_END_REASONS = ['hangup', 'peer_gone', 'cancelled', 'no_answer'] as const
/** Why a call ended. */
export type CallEndReason = (typeof CALL_END_REASONS)[number]

const CallId = z.string().uuid('callId must be a UUID')

/** An SDP description or an ICE candidate, relayed unchanged to the other side. */
const SignalPayload = z.union([
  z.object({
    description: z.object({ type: z.enum(['offer', 'answer']), sdp: z.string().max(HELP_MESSAGE_MAX_BYTES) }),
  }),
  z.object({
    candidate: z.object({
      candidate: z.string().max(4096),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    }),
  }),
])

/** A relayed SDP or ICE message, either direction. */
const SignalMessage = z.object({ type: z.literal('signal'), callId: CallId }).and(SignalPayload)

/** What a kiosk may send. */
export const KioskHelpMessage = z.union([
  z.object({
    type: z.literal('hello'),
    key: z.string().regex(/^[A-Za-z0-9_-]{16,200}$/, 'key: a terminal key'),
  }),
  z.object({ type: z.literal('call'), itemCode: z.string().max(64).optional() }),
  z.object({ type: z.literal('hangup'), callId: CallId }),
  SignalMessage,
  MirrorMessage,
  PointedMessage,
])
/** What a kiosk may send. */
export type KioskHelpMessage = z.infer<typeof KioskHelpMessage>

/** What a helper console may send. */
export const HelperHelpMessage = z.union([
  z.object({ type: z.literal('answer'), callId: CallId }),
  z.object({ type: z.literal('hangup'), callId: CallId }),
  SignalMessage,
  PointMessage,
])
/** What a helper console may send. */
export type HelperHelpMessage = z.infer<typeof HelperHelpMessage>

/** A relayed SDP or ICE message. */
export type HelpSignal = z.infer<typeof SignalMessage>

/** One waiting call as the helpers' queue shows it: no resident data, only the terminal. */
export interface QueuedCall {
  callId: string
  terminalName: string
  location: string
  /** When the kiosk called (epoch ms), for the waiting time. */
  since: number
}

/** The STUN/TURN servers both sides give RTCPeerConnection (ICE_SERVERS; empty on a LAN). */
export interface HelpIceServer {
  urls: string | string[]
  username?: string
  credential?: string
}

/** What the server sends a kiosk. */
export type ToKioskHelpMessage =
  | { type: 'ready'; iceServers: HelpIceServer[] }
  | { type: 'queued'; callId: string }
  | { type: 'answered'; callId: string }
  | HelpSignal
  | { type: 'ended'; callId: string; reason: CallEndReason }
  | { type: 'error'; message: string }
  | PointMessage

/** What the server sends a helper console. */
export type ToHelperHelpMessage =
  | { type: 'ready'; iceServers: HelpIceServer[]; helper: string }
  | { type: 'queue'; calls: QueuedCall[] }
  | { type: 'assigned'; call: QueuedCall }
  | HelpSignal
  | { type: 'ended'; callId: string; reason: CallEndReason }
  | { type: 'error'; message: string }
  | MirrorMessage
  | PointedMessage
