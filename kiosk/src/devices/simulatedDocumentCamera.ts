/**
 * The demo terminal's document camera: it returns a real JPEG of a drawn page (a household-register style form with
 * placeholder text, never a real resident's), so the flows that collect materials run end to end without hardware.
 */
import { CAPTURE_JPEG_QUALITY, DocumentCameraError } from './documentCamera'
import type { DocumentCamera } from './types'

/** The drawn page's size: A4 proportions at a modest resolution. */
const PAGE = { width: 1240, height: 1754 } as const

/** A document camera that "photographs" a drawn sample page after `delayMs`. */
export function createSimulatedDocumentCamera(delayMs = 800): DocumentCamera {
  // Each capture is numbered on the page, as two real photographs never have the same bytes: a record's
  // materials are told apart by their content (mock-backend materials: keyed by record and content hash).
  let captures = 0
  return {
    async capture() {
      captures += 1
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      const canvas = document.createElement('canvas')
      canvas.width = PAGE.width
      canvas.height = PAGE.height
      const ctx = canvas.getContext('2d')
      if (!ctx) throw new DocumentCameraError('noFrame', 'the simulated document camera cannot draw')
      ctx.fillStyle = '#f4f1e8'
      ctx.fillRect(0, 0, PAGE.width, PAGE.height)
      ctx.strokeStyle = '#333'
      ctx.lineWidth = 4
      ctx.strokeRect(80, 80, PAGE.width - 160, PAGE.height - 160)
      ctx.fillStyle = '#222'
      ctx.font = 'bold 72px sans-serif'
      ctx.fillText('样 本', PAGE.width / 2 - 90, 220)
      ctx.font = '40px sans-serif'
      for (let row = 0; row < 12; row++) {
        const y = 360 + row * 100
        ctx.fillText('演示材料 · 仅供测试', 140, y)
        ctx.beginPath()
        ctx.moveTo(140, y + 24)
        ctx.lineTo(PAGE.width - 140, y + 24)
        ctx.stroke()
      }
      ctx.fillText(`第 ${captures} 次拍摄`, 140, PAGE.height - 140)
      const blob = await new Promise<Blob | null>((resolve) =>
        canvas.toBlob(resolve, 'image/jpeg', CAPTURE_JPEG_QUALITY),
      )
      if (!blob) throw new DocumentCameraError('noFrame', 'the simulated document camera gave no frame')
      return blob
    },
  }
}
