/** A captioned `<video>` showing one side of a 帮办 call (the kiosk's call dialog and the helper console). */
import { useEffect, useRef } from 'preact/hooks'

/** Props: the stream (null until it arrives), its caption, and whether to mute it (this side's own). */
export interface StreamVideoProps {
  stream: MediaStream | null
  label: string
  muted: boolean
  class?: string
}

/** Plays `stream` inline, named by its caption. */
export function StreamVideo({ stream, label, muted, class: className }: StreamVideoProps) {
  const ref = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream
  }, [stream])
  return (
    <figure class={className}>
      <video ref={ref} autoPlay playsInline muted={muted} aria-label={label} />
      <figcaption>{label}</figcaption>
    </figure>
  )
}
