/** A QR code drawn as SVG; the encoder (uqr) is loaded only when a QR code is first needed. */
import { useEffect, useState } from 'preact/hooks'

/** Props: the text to encode and the accessible description. */
export interface QrCodeProps {
  text: string
  label: string
}

/** Renders the QR modules as one SVG path (no innerHTML). */
export function QrCode({ text, label }: QrCodeProps) {
  const [modules, setModules] = useState<boolean[][] | null>(null)
  useEffect(() => {
    let alive = true
    setModules(null)
    import('uqr')
      .then(({ encode }) => {
        if (alive) setModules(encode(text, { ecc: 'M', border: 2 }).data)
      })
      .catch(() => {
        if (alive) setModules([])
      })
    return () => {
      alive = false
    }
  }, [text])
  if (!modules) return <div class="qr qr-loading" role="img" aria-label={label} />
  const size = modules.length
  let d = ''
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`
    })
  })
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  )
}
