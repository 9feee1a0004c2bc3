/**
 * Renders a document (a receipt model or a printed document: title, lines, optional QR code) to an A4 PDF with an
 * embedded, subset CJK font, so a normal printer through CUPS prints Chinese without fonts of its own.
 */
import PDFDocument from 'pdfkit'
import { encode } from 'uqr'
import type { PrintDocument } from '../protocol/messages'

/** Debian's Noto Sans CJK (fonts-noto-cjk); pdfkit embeds only the glyphs used. */
export const CJK_FONT = {
  path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  face: 'NotoSansCJKsc-Regular',
}

/** The PDF's bytes. */
export function renderPdf(document: PrintDocument, font = CJK_FONT): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: document.title } })
    const parts: Buffer[] = []
    doc.on('data', (part: Buffer) => parts.push(part))
    doc.on('end', () => resolve(Buffer.concat(parts)))
    doc.on('error', reject)
    doc.font(font.path, font.face)
    doc.fontSize(18).text(document.title, { align: 'center' }).moveDown()
    doc.fontSize(12)
    for (const line of document.lines) doc.text(line)
    if (document.qr) drawQr(doc, document.qr)
    doc.end()
  })
}

/** Size of one QR module on the page (points): 3 pt modules make a ~3-4 cm code for a short link. */
const QR_MODULE_PT = 3

/** Draws the QR code (error correction M, like the receipt printer's) as filled squares below the text. */
function drawQr(doc: PDFKit.PDFDocument, payload: string) {
  const { data } = encode(payload, { ecc: 'M', border: 2 })
  const left = doc.page.margins.left
  const top = doc.y + 12
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) doc.rect(left + x * QR_MODULE_PT, top + y * QR_MODULE_PT, QR_MODULE_PT, QR_MODULE_PT)
    })
  })
  doc.fill('#000')
}
