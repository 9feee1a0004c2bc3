/**
 * The kiosk's 帮办 call, loaded when the resident taps the help button: opens the camera and microphone, says
 * hello with the terminal key, calls, and once a helper answers offers the video both ways. It tells the session
 * when the call starts and ends (the idle reset waits meanwhile) and leaves nothing behind when it closes: the
 * socket, the peer connection and every media track are closed on unmount. Once connected it is a docked panel
 * beside the screen, not a dialog over it, so the resident keeps using the screen while the helper guides them:
 * the helper sees it through the structured mirror (mirror.ts, sent by mirrorSender.ts) and points with pointer.ts;
 * the consent button adds the resident's masked details to the mirror until it is tapped again or the call ends.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Actor } from 'xstate'
import type {
  HelpIceServer,
  KioskHelpMessage,
  ToKioskHelpMessage,
} from '../../../mock-backend/src/contract/helpCall'
import { HELP_SIGNAL_PATHS } from '../../../mock-backend/src/contract/helpSignalPaths'
import type { SessionMachine } from '../machines/sessionMachine'
import { Dialog } from '../ui/Dialog'
import { speak } from '../ui/speech'
import { useUi } from '../ui/uiContext'
import { buildMirror, collectElements } from './mirror'
import { type MirrorSender, startMirror } from './mirrorSender'
import { maskedDetails, sessionView } from './mirrorView'
import { NoAnswer, type NoAnswerReason } from './NoAnswer'
import { type NoAnswerSetup, reachability, ringOut } from './noAnswerSetup'
import { createPeerLink, openCameraAndMicrophone, type PeerLink } from './peerLink'
import { createPointer } from './pointer'
import { StreamVideo } from './StreamVideo'
import { openSignalSocket, type SignalSocket } from './signalSocket'

/** Where the call is, as the resident sees it. */
type CallPhase = 'calling' | 'connected' | 'ended' | 'failed' | 'noCamera' | NoAnswerReason

/** Props: the terminal key, the session (for the mirror) and its screen, and the session's call start and end. */
export interface KioskCallProps {
  terminalKey: string | null
  session: Actor<SessionMachine>
  screen: string
  onActive: () => void
  onEnded: () => void
  onClose: () => void
  /** 帮办 when nobody answers: the terminal's timeout and centre contact, the item on screen, the call-back queue. */
  noAnswer?: NoAnswerSetup
}

/** The call dialog. */
export function KioskCall({
  terminalKey,
  session,
  screen,
  onActive,
  onEnded,
  onClose,
  noAnswer,
}: KioskCallProps) {
  const { tr, lang } = useUi()
  const [phase, setPhase] = useState<CallPhase>('calling')
  const [consent, setConsent] = useState(false)
  // The effect's callbacks read the latest render's values through these.
  const latest = useRef({ screen, consent, tr, lang })
  latest.current = { screen, consent, tr, lang }
  const panel = useRef<HTMLElement | null>(null)
  const setPanel = (el: HTMLElement | null) => {
    panel.current = el
  }
  const mirror = useRef<MirrorSender | null>(null)
  const [local, setLocal] = useState<MediaStream | null>(null)
  const [remote, setRemote] = useState<MediaStream | null>(null)
  const callId = useRef<string | null>(null)
  const socket = useRef<SignalSocket<KioskHelpMessage> | null>(null)

  useEffect(() => {
    let closed = false
    let media: MediaStream | null = null
    let link: PeerLink | null = null
    let iceServers: HelpIceServer[] = []
    const kioskRoot = () => panel.current?.closest('.kiosk') ?? document.body
    const pointer = createPointer({
      root: kioskRoot,
      exclude: () => panel.current,
      say: (label) => {
        const { tr: say, lang: spoken } = latest.current
        speak(label ? say('helpPointHint', { label }) : say('helpPointHintPlain'), spoken)
      },
    })
    const finish = (next: CallPhase) => {
      if (closed) return
      closed = true
      mirror.current?.stop()
      mirror.current = null
      pointer.stop()
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
    if (!terminalKey) {
      finish('failed')
      return
    }
    // The camera opens while the socket connects and says hello; the call rings as soon as the socket is ready
    // (ringing needs no camera; a real one can take longer to open than a helper takes to see the call), and the
    // video is offered once both the answer and the camera are there. A camera that does not open ends the call.
    const camera = openCameraAndMicrophone().then(
      (opened) => {
        if (closed) {
          for (const track of opened.getTracks()) track.stop()
          return null
        }
        media = opened
        setLocal(opened)
        return opened
      },
      () => {
        finish('noCamera')
        return null
      },
    )
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
          setPhase('connected')
          // The offer waits for the camera (open already, as a rule); without one the call has ended (`noCamera`).
          void camera.then((opened) => {
            if (!opened || closed) return
            link = createPeerLink({
              iceServers,
              local: opened,
              send: (payload) =>
                socket.current?.send({ type: 'signal', callId: id, ...payload } as KioskHelpMessage),
              onRemote: setRemote,
            })
            void link.offer()
          })
          mirror.current = startMirror(
            kioskRoot(),
            () => {
              const snapshot = session.getSnapshot()
              return buildMirror(
                sessionView(snapshot, latest.current.screen),
                collectElements(kioskRoot(), panel.current),
                latest.current.consent ? maskedDetails(snapshot) : null,
              )
            },
            (shown) => socket.current?.send({ type: 'mirror', callId: id, mirror: shown }),
          )
        } else if (message.type === 'signal') void link?.receive(message)
        else if (message.type === 'point') {
          const found = pointer.point(message.target)
          socket.current?.send({ type: 'pointed', callId: message.callId, target: message.target, found })
        } else if (message.type === 'ended') finish(message.reason === 'no_answer' ? 'noAnswer' : 'ended')
      },
      () => finish(callId.current ? 'ended' : noAnswer ? 'offline' : 'failed'),
      (open) => open.send({ type: 'hello', key: terminalKey }),
    )
    return () => {
      clearTimeout(ringing)
      finish('ended')
    }
  }, [])

  // Docked: the screen keeps its side free of the panel (styles.css, `.kiosk:has(.help-dock)`).
  const docked = phase === 'connected'

  const toggleConsent = () => {
    latest.current.consent = !consent
    setConsent(!consent)
    mirror.current?.refresh()
  }

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
  const statusLine = (
    <p class="help-status" role="status" data-call-phase={phase}>
      {status}
    </p>
  )
  const videos = live && (
    <div class="help-videos">
      <StreamVideo class="help-video" stream={remote} label={tr('helpRemoteVideo')} muted={false} />
      <StreamVideo class="help-video" stream={local} label={tr('helpLocalVideo')} muted={true} />
    </div>
  )
  const hangUpButton = (
    <button type="button" class="btn btn-primary" onClick={hangUp}>
      {live ? tr('helpHangUp') : tr('helpClose')}
    </button>
  )
  if (docked) {
    return (
      <section class="help-dock" aria-labelledby="help-dock-title" ref={setPanel}>
        <h2 id="help-dock-title">{tr('helpTitle')}</h2>
        {statusLine}
        {videos}
        <button
          type="button"
          class="btn help-consent"
          aria-pressed={consent}
          aria-describedby="help-consent-note"
          onClick={toggleConsent}
        >
          {tr('helpConsent')}
        </button>
        <p class="hint" id="help-consent-note">
          {consent ? tr('helpConsentOn') : tr('helpConsentOff')}
        </p>
        {hangUpButton}
      </section>
    )
  }
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
      <div ref={setPanel}>
        {statusLine}
        {videos}
        <div class="dialog-actions">{hangUpButton}</div>
      </div>
    </Dialog>
  )
}
