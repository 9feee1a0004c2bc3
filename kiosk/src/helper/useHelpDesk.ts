/**
 * The helper's side of 帮办 calls: the signalling socket (reopened when it drops), the queue, and the one call
 * this helper answered, with its peer link and media. The camera opens on "answer" and closes when the call ends.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type {
  HelperHelpMessage,
  HelpIceServer,
  QueuedCall,
  ToHelperHelpMessage,
} from '../../../mock-backend/src/contract/helpCall'
import type { HelpMirror } from '../../../mock-backend/src/contract/helpMirror'
import { HELP_SIGNAL_PATHS } from '../../../mock-backend/src/contract/helpSignalPaths'
import { createPeerLink, openCameraAndMicrophone, type PeerLink } from '../help/peerLink'
import { openSignalSocket, type SignalSocket } from '../help/signalSocket'

/** Milliseconds before a dropped signalling socket is opened again. */
const RECONNECT_MS = 2000

/** What the console shows. */
export interface HelpDeskState {
  connected: boolean
  queue: QueuedCall[]
  /** The call this helper is in, with both sides' media. */
  call: { info: QueuedCall; local: MediaStream; remote: MediaStream | null } | null
  notice: 'ended' | 'taken' | 'mediaFailed' | null
  /** The resident's screen as the kiosk's structured mirror shows it (null until the first one arrives). */
  mirror: HelpMirror | null
  /** The kiosk's answer to this helper's last pointer: the element, and whether it was on screen. */
  pointed: { target: string; found: boolean } | null
}

/** The helper desk: state plus answer and hang-up. */
export function useHelpDesk() {
  const [state, setState] = useState<HelpDeskState>({
    connected: false,
    queue: [],
    call: null,
    notice: null,
    mirror: null,
    pointed: null,
  })
  const socket = useRef<SignalSocket<HelperHelpMessage> | null>(null)
  const ice = useRef<HelpIceServer[]>([])
  const link = useRef<PeerLink | null>(null)
  const local = useRef<MediaStream | null>(null)

  const endCall = (notice: HelpDeskState['notice']) => {
    link.current?.close()
    link.current = null
    for (const track of local.current?.getTracks() ?? []) track.stop()
    local.current = null
    setState((s) => ({ ...s, call: null, notice, mirror: null, pointed: null }))
  }

  useEffect(() => {
    let stopped = false
    let retry: ReturnType<typeof setTimeout> | undefined
    const onMessage = (message: ToHelperHelpMessage) => {
      if (message.type === 'ready') {
        ice.current = message.iceServers
        setState((s) => ({ ...s, connected: true }))
      } else if (message.type === 'queue') {
        setState((s) => ({ ...s, queue: message.calls }))
      } else if (message.type === 'assigned') {
        const media = local.current
        if (!media) return socket.current?.send({ type: 'hangup', callId: message.call.callId })
        const callId = message.call.callId
        link.current = createPeerLink({
          iceServers: ice.current,
          local: media,
          send: (payload) =>
            socket.current?.send({ type: 'signal', callId, ...payload } as HelperHelpMessage),
          onRemote: (remote) => setState((s) => (s.call ? { ...s, call: { ...s.call, remote } } : s)),
        })
        setState((s) => ({ ...s, notice: null, call: { info: message.call, local: media, remote: null } }))
      } else if (message.type === 'signal') {
        void link.current?.receive(message)
      } else if (message.type === 'mirror') {
        setState((s) => (s.call?.info.callId === message.callId ? { ...s, mirror: message.mirror } : s))
      } else if (message.type === 'pointed') {
        setState((s) => ({ ...s, pointed: { target: message.target, found: message.found } }))
      } else if (message.type === 'ended') {
        endCall('ended')
      } else if (message.type === 'error' && !link.current) {
        endCall('taken')
      }
    }
    const open = () => {
      socket.current = openSignalSocket<ToHelperHelpMessage, HelperHelpMessage>(
        HELP_SIGNAL_PATHS.helper,
        onMessage,
        () => {
          setState((s) => ({ ...s, connected: false }))
          if (link.current) endCall('ended')
          if (!stopped) retry = setTimeout(open, RECONNECT_MS)
        },
      )
    }
    open()
    return () => {
      stopped = true
      clearTimeout(retry)
      socket.current?.close()
      endCall(null)
    }
  }, [])

  return {
    state,
    /** Opens the camera, then asks for the call: the server gives it to the first helper who asks. */
    async answer(callId: string) {
      if (local.current) return
      try {
        local.current = await openCameraAndMicrophone()
      } catch {
        setState((s) => ({ ...s, notice: 'mediaFailed' }))
        return
      }
      socket.current?.send({ type: 'answer', callId })
    },
    /** Asks the kiosk to outline the element with this help id and say where to tap. */
    point(target: string) {
      if (state.call) socket.current?.send({ type: 'point', callId: state.call.info.callId, target })
    },
    hangUp() {
      if (state.call) socket.current?.send({ type: 'hangup', callId: state.call.info.callId })
    },
  }
}
