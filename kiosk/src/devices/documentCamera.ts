/**
 * 高拍仪: the document camera is an ordinary video device to the browser, so the page opens it with getUserMedia;
 * only which of the terminal's cameras it is comes from the device agent (its `getUserMedia` label). A capture is
 * one still frame at the camera's best resolution, as a JPEG; the stream is stopped at once so nothing keeps
 * filming the counter.
 */

/** The resolution asked of the camera (5 MP, a common 高拍仪 sensor); it gives the nearest it has. */
export const CAPTURE_IDEAL = { width: 2592, height: 1944 } as const
/** JPEG quality of a captured page: legible small print at a few hundred kB. */
export const CAPTURE_JPEG_QUALITY = 0.85

/** The camera is missing, refused, or gave no frame; the message names which (never an image). */
export class DocumentCameraError extends Error {
  constructor(
    readonly problem: 'noCamera' | 'notFound' | 'refused' | 'noFrame',
    message: string,
  ) {
    super(message)
    this.name = 'DocumentCameraError'
  }
}

/** Draws the stream's current frame into a JPEG. */
export async function grabFrame(stream: MediaStream): Promise<Blob> {
  const video = document.createElement('video')
  video.muted = true
  video.playsInline = true
  video.srcObject = stream
  await video.play()
  if (video.videoWidth === 0)
    await new Promise((resolve) => video.addEventListener('resize', resolve, { once: true }))
  const canvas = document.createElement('canvas')
  canvas.width = video.videoWidth
  canvas.height = video.videoHeight
  canvas.getContext('2d')?.drawImage(video, 0, 0)
  video.srcObject = null
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', CAPTURE_JPEG_QUALITY),
  )
  if (!blob) throw new DocumentCameraError('noFrame', 'the document camera gave no frame')
  return blob
}

/** Finds the camera labelled `label` (asking once for camera access when labels are still hidden) and captures. */
export async function captureFromCamera(
  label: string | null,
  media: MediaDevices = navigator.mediaDevices,
): Promise<Blob> {
  if (!label) throw new DocumentCameraError('noCamera', 'this terminal has no document camera configured')
  const cameras = async () => (await media.enumerateDevices()).filter((d) => d.kind === 'videoinput')
  let found = await cameras()
  if (!found.some((camera) => camera.label)) {
    // Labels stay empty until the page was granted camera access once (a kiosk policy grants it).
    const probe = await media.getUserMedia({ video: true }).catch(() => null)
    if (!probe) throw new DocumentCameraError('refused', 'camera access was refused')
    for (const track of probe.getTracks()) track.stop()
    found = await cameras()
  }
  const camera = found.find((candidate) => candidate.label === label)
  if (!camera) throw new DocumentCameraError('notFound', 'the document camera is not connected')
  const stream = await media
    .getUserMedia({
      video: {
        deviceId: { exact: camera.deviceId },
        width: { ideal: CAPTURE_IDEAL.width },
        height: { ideal: CAPTURE_IDEAL.height },
      },
    })
    .catch(() => null)
  if (!stream) throw new DocumentCameraError('refused', 'the document camera could not be opened')
  try {
    return await grabFrame(stream)
  } finally {
    for (const track of stream.getTracks()) track.stop()
  }
}
