/**
 * The maintenance screen's document-camera check: the technician lays a test sheet under the 高拍仪 and takes one
 * picture, which is shown with its size so focus and framing can be judged. The picture lives only in this panel
 * (an object URL revoked when it is replaced or the panel closes).
 */
import { useEffect, useState } from 'preact/hooks'
import { useUi } from '../ui/uiContext'
import { DocumentCameraError } from './documentCamera'
import type { Devices } from './types'

/** What the check shows. */
type Check =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'done'; url: string; width: number; height: number; kib: number }
  | { state: 'failed'; problem: string }

/** The check's button, result and picture. */
export function DocumentCameraCheck(props: { devices: Devices }) {
  const { tr } = useUi()
  const [check, setCheck] = useState<Check>({ state: 'idle' })
  const url = check.state === 'done' ? check.url : null
  useEffect(() => () => url !== null && URL.revokeObjectURL(url), [url])

  const capture = async () => {
    setCheck({ state: 'busy' })
    try {
      const blob = await props.devices.documentCamera.capture()
      const bitmap = await createImageBitmap(blob)
      const { width, height } = bitmap
      bitmap.close()
      setCheck({
        state: 'done',
        url: URL.createObjectURL(blob),
        width,
        height,
        kib: Math.round(blob.size / 1024),
      })
    } catch (error) {
      setCheck({ state: 'failed', problem: error instanceof DocumentCameraError ? error.problem : 'noFrame' })
    }
  }

  return (
    <section class="camera-check" aria-labelledby="camera-check-title">
      <h3 id="camera-check-title">{tr('maintCameraTitle')}</h3>
      <button type="button" class="btn" disabled={check.state === 'busy'} onClick={capture}>
        {tr('maintCameraCapture')}
      </button>
      <p role="status" class="hint">
        {check.state === 'busy' && tr('maintCameraBusy')}
        {check.state === 'done' &&
          tr('maintCameraDone', { width: check.width, height: check.height, kib: check.kib })}
        {check.state === 'failed' &&
          tr('maintCameraFailed', { problem: tr(`maintCamera_${check.problem}` as 'maintCamera_noFrame') })}
      </p>
      {check.state === 'done' && (
        <img class="camera-check-preview" src={check.url} alt={tr('maintCameraPreview')} width={240} />
      )}
    </section>
  )
}
