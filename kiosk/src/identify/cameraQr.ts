/**
 * Reads the resident's QR code through the terminal's camera when there is no 扫码器 (or it fails): frames from
 * `getUserMedia` go through the jsQR decoder (Chromium on Linux has no BarcodeDetector). The decoder, a large
 * module, is imported only here, and this module only when a resident chooses the camera. The camera is released
 * when a code is read, the wait ends or the step is left.
 */

/** How often a frame is decoded while waiting. */
const FRAME_EVERY_MS = 200

/** Resolves with the first code the camera sees within `waitMs`; rejects when none, or when `signal` aborts. */
export async function scanQrWithCamera(signal: AbortSignal, waitMs = 60_000): Promise<string> {
  const [{ default: jsQR }, stream] = await Promise.all([
    import('jsqr'),
    navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false }),
  ])
  const video = document.createElement('video')
  try {
    video.muted = true
    video.playsInline = true
    video.srcObject = stream
    await video.play()
    const canvas = document.createElement('canvas')
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) throw new Error('no 2D canvas to decode the camera frames on')
    const until = performance.now() + waitMs
    while (performance.now() < until) {
      if (signal.aborted) throw new DOMException('the scan was abandoned', 'AbortError')
      const { videoWidth: width, videoHeight: height } = video
      if (width > 0 && height > 0) {
        canvas.width = width
        canvas.height = height
        context.drawImage(video, 0, 0, width, height)
        const found = jsQR(context.getImageData(0, 0, width, height).data, width, height, {
          inversionAttempts: 'dontInvert',
        })
        if (found?.data) return found.data
      }
      await new Promise((resolve) => setTimeout(resolve, FRAME_EVERY_MS))
    }
    throw new Error('no code was shown to the camera')
  } finally {
    for (const track of stream.getTracks()) track.stop()
    video.srcObject = null
  }
}
