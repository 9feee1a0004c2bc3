/**
 * A capture made small enough to send: redrawn on a canvas as JPEG, stepping the quality down and then the size,
 * until it is at most MATERIAL_TARGET_BYTES (about 500 kB), so the backend's limit always admits it.
 */
import { MATERIAL_TARGET_BYTES } from '../../../mock-backend/src/contract/materials'

/** The longest side a page is first drawn at: small print stays legible on an A4 page. */
export const FIRST_LONG_SIDE = 2200
/** The JPEG qualities tried at each size, best first. */
export const QUALITY_STEPS = [0.85, 0.72, 0.6, 0.5] as const
/** How much each further size step shrinks the page. */
const SHRINK = 0.75

/** The capture compressed to a JPEG of at most `maxBytes`; throws if even the smallest size does not fit. */
export async function compressCapture(image: Blob, maxBytes = MATERIAL_TARGET_BYTES): Promise<Blob> {
  const bitmap = await createImageBitmap(image)
  try {
    let scale = Math.min(1, FIRST_LONG_SIDE / Math.max(bitmap.width, bitmap.height))
    for (let round = 0; round < 6; round++, scale *= SHRINK) {
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(bitmap.width * scale))
      canvas.height = Math.max(1, Math.round(bitmap.height * scale))
      const context = canvas.getContext('2d')
      if (!context) throw new Error('no 2D canvas to compress the capture')
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
      for (const quality of QUALITY_STEPS) {
        const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', quality))
        if (blob && blob.size <= maxBytes) return blob
      }
    }
    throw new Error(`the capture does not fit in ${maxBytes} bytes`)
  } finally {
    bitmap.close()
  }
}
