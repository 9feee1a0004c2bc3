/**
 * The kiosk's 帮办 call, loaded when the resident taps the help button: opens the camera and microphone, says
 * hello with the terminal key, calls, and once a helper answers offers the video both ways. It tells the session
 * when the call starts and ends (the idle reset waits meanwhile) and leaves nothing behind when it closes: the
 * socket, the peer connection and every media track are closed on unmount.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import {
  HELP_SIGNAL_PATHS,
  type HelpIceServer,
  type KioskHelpMessage,
  type ToKioskHelpMessage,
} from '../../../mock-backend/src/contract/helpCall'
import { Dialog } from '../ui/Dialog'
import { useUi } from '../ui/uiContext'
import { NoAnswer, type NoAnswerReason } from './NoAnswer'

export { browserCallbackQueue } from './callbackQueue'

import { type NoAnswerSetup, reachability, ringOut } from './noAnswerSetup'
import { createPeerLink, openCameraAndMicrophone, type PeerLink } from './peerLink'
import { StreamVideo } from './StreamVideo'
import { openSignalSocket, type SignalSocket } from './signalSocket'

/** Where the call is, as the resident sees it. */
type CallPhase = 'calling' | 'connected' | 'ended' | 'failed' | 'noCamera' | NoAnswerReason

/** Props: the terminal key, and the session's call start and end. */
export interface KioskCallProps {
  terminalKey: string | null
  onActive: () => void
  onEnded: () => void
  onClose: () => void
  /** 帮办 when nobody answers: the terminal's timeout and centre contact, the item on screen, the call-back queue. */
  noAnswer?: NoAnswerSetup
}

/** The call dialog. */
export function KioskCall({ terminalKey, onActive, onEnded, onClose, noAnswer }: KioskCallProps) {
  const { tr } = useUi()
  const [phase, setPhase] = useState<CallPhase>('calling')
  const [local, setLocal] = useState<MediaStream | null>(null)
  const [remote, setRemote] = useState<MediaStream | null>(null)
  const callId = useRef<string | null>(null)
  const socket = useRef<SignalSocket<KioskHelpMessage> | null>(null)

  useEffect(() => {
    let closed = false
    let media: MediaStream | null = null
    let link: PeerLink | null = null
    let iceServers: HelpIceServer[] = []
    const finish = (next: CallPhase) => {
      if (closed) return
      closed = true
      link?.close()
      for (const track of media?.getTracks() ?? []) track.stop()
      socket.current?.close()
      setPhase(next)
      onEnded()
    }
    // Out of hours or offline the kiosk does not ring at all; it shows the phone information straight away.
    const unreachable = noAnswer && reachability(noAnswer.help, new Date())
    if (unreachable) {
      closed = true
      setPhase(unreachable)
      return
    }
    let ringing: ReturnType<typeof setTimeout> | undefined
    onActive()
    void (async () => {
      try {
        media = await openCameraAndMicrophone()
      } catch {
        return finish('noCamera')
      }
      if (closed || !terminalKey) {
        for (const track of media.getTracks()) track.stop()
        return finish('failed')
      }
      setLocal(media)
      const stream = media
      socket.current = openSignalSocket<ToKioskHelpMessage, KioskHelpMessage>(
        HELP_SIGNAL_PATHS.kiosk,
        (message) => {
          if (message.type === 'ready') {
            iceServers = message.iceServers
            socket.current?.send({
              type: 'call',
              ...(noAnswer?.itemCode ? { itemCode: noAnswer.itemCode } : {}),
            })
          } else if (message.type === 'queued') {
            callId.current = message.callId
            ringing = ringOut(noAnswer, () => {
              socket.current?.send({ type: 'hangup', callId: message.callId })
              finish('noAnswer')
            })
          } else if (message.type === 'answered') {
            clearTimeout(ringing)
            const id = message.callId
            link = createPeerLink({
              iceServers,
              local: stream,
              send: (payload) =>
                socket.current?.send({ type: 'signal', callId: id, ...payload } as KioskHelpMessage),
              onRemote: setRemote,
            })
            setPhase('connected')
            void link.offer()
          } else if (message.type === 'signal') void link?.receive(message)
          else if (message.type === 'ended') finish(message.reason === 'no_answer' ? 'noAnswer' : 'ended')
        },
        () => finish(callId.current ? 'ended' : noAnswer ? 'offline' : 'failed'),
        (open) => open.send({ type: 'hello', key: terminalKey }),
      )
    })()
    return () => {
      clearTimeout(ringing)
      finish('ended')
    }
  }, [])

  const hangUp = () => {
    if (callId.current && phase !== 'ended') socket.current?.send({ type: 'hangup', callId: callId.current })
    onClose()
  }
  const status =
    phase === 'calling'
      ? tr('helpCalling')
      : phase === 'connected'
        ? tr('helpConnected')
        : phase === 'ended'
          ? tr('helpEnded')
          : phase === 'noCamera'
            ? tr('helpNoCamera')
            : tr('helpFailed')
  const live = phase === 'calling' || phase === 'connected'
  if (noAnswer && (phase === 'noAnswer' || phase === 'closed' || phase === 'offline'))
    return (
      <Dialog title={tr('helpTitle')}>
        <NoAnswer reason={phase} contact={noAnswer.help?.contact ?? null} onCallback={noAnswer.onCallback} />
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={onClose}>
            {tr('helpClose')}
          </button>
        </div>
      </Dialog>
    )
  return (
    <Dialog title={tr('helpTitle')}>
      <p class="help-status" role="status" data-call-phase={phase}>
        {status}
      </p>
      {live && (
        <div class="help-videos">
          <StreamVideo class="help-video" stream={remote} label={tr('helpRemoteVideo')} muted={false} />
          <StreamVideo class="help-video" stream={local} label={tr('helpLocalVideo')} muted={true} />
        </div>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn btn-primary" onClick={hangUp}>
          {live ? tr('helpHangUp') : tr('helpClose')}
        </button>
      </div>
    </Dialog>
  )
}
