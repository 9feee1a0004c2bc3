/**
 * One end of a 帮办 video call: an RTCPeerConnection carrying this side's camera and microphone, fed the other
 * side's SDP and ICE as the signalling relays them (contract/helpCall.ts). The kiosk offers, the helper answers,
 * so there is never an offer collision to resolve. Shared by the kiosk's call panel and the helper console.
 */
import type { HelpIceServer, HelpSignal } from '../../../mock-backend/src/contract/helpCall'

/** What a link needs: its ICE servers, this side's media, and where its outgoing signals go. */
export interface PeerLinkOptions {
  iceServers: HelpIceServer[]
  local: MediaStream
  /** Sends one SDP or ICE payload to the other end (the caller adds the call id). */
  send: (payload: Omit<HelpSignal, 'type' | 'callId'>) => void
  /** Called with the other side's media once its first track arrives. */
  onRemote: (stream: MediaStream) => void
}

/** A running link. */
export interface PeerLink {
  /** The RTCPeerConnection, for getStats. */
  readonly connection: RTCPeerConnection
  /** Makes and sends the offer (the kiosk, once a helper answered). */
  offer(): Promise<void>
  /** Applies one relayed signal from the other end. */
  receive(signal: HelpSignal): Promise<void>
  /** Closes the connection (the media tracks are the caller's to stop). */
  close(): void
}

/** Asks for the camera and microphone (a secure context: HTTPS or localhost). */
export function openCameraAndMicrophone(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } })
}

/** Starts a link over `options.local`. */
export function createPeerLink(options: PeerLinkOptions): PeerLink {
  const connection = new RTCPeerConnection({ iceServers: options.iceServers })
  for (const track of options.local.getTracks()) connection.addTrack(track, options.local)
  // Candidates that arrive before the remote description wait for it.
  const early: RTCIceCandidateInit[] = []
  connection.onicecandidate = (event) => {
    if (event.candidate) options.send({ candidate: event.candidate.toJSON() as HelpCandidate })
  }
  connection.ontrack = (event) => {
    const stream = event.streams[0] ?? new MediaStream([event.track])
    options.onRemote(stream)
  }
  const sendDescription = (description: RTCSessionDescriptionInit) =>
    options.send({
      description: { type: description.type as 'offer' | 'answer', sdp: description.sdp ?? '' },
    })
  return {
    connection,
    async offer() {
      const offer = await connection.createOffer()
      await connection.setLocalDescription(offer)
      sendDescription(offer)
    },
    async receive(signal) {
      if ('description' in signal) {
        await connection.setRemoteDescription(signal.description)
        for (const candidate of early.splice(0)) await connection.addIceCandidate(candidate)
        if (signal.description.type === 'offer') {
          const answer = await connection.createAnswer()
          await connection.setLocalDescription(answer)
          sendDescription(answer)
        }
      } else if (connection.remoteDescription) {
        await connection.addIceCandidate(signal.candidate)
      } else {
        early.push(signal.candidate)
      }
    },
    close() {
      connection.close()
    },
  }
}

/** An ICE candidate as the contract carries it. */
type HelpCandidate = Extract<HelpSignal, { candidate: unknown }>['candidate']
