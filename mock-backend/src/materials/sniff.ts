/**
 * A material's real type, told by its bytes (never its name or Content-Type): JPEG, PNG or PDF, whole (a JPEG
 * ends with its end marker, a PNG with IEND, a PDF with %%EOF), and a file name's extension must agree.
 */
import type { MaterialMediaType } from '../contract/materials'

/** Why bytes are not a storable material; the route answers 422 with the code and a message naming it. */
export type SniffProblem =
  | { code: 'empty'; message: string }
  | { code: 'not_a_document'; message: string }
  | { code: 'truncated'; message: string }
  | { code: 'type_mismatch'; message: string }
  | { code: 'unsupported_name'; message: string }

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PNG_IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]
/** How far from the end a PDF's %%EOF may stand (trailing line ends and padding). */
const PDF_EOF_WINDOW = 1024
/** The names people know each type by, for messages. */
const TYPE_NAMES: Record<MaterialMediaType, string> = {
  'image/jpeg': 'a JPEG image',
  'image/png': 'a PNG image',
  'application/pdf': 'a PDF',
}
/** The extensions a file name of each type may have. */
const EXTENSIONS: Record<string, MaterialMediaType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b)
const endsWith = (bytes: Uint8Array, suffix: readonly number[]) =>
  bytes.length >= suffix.length && suffix.every((b, i) => bytes[bytes.length - suffix.length + i] === b)
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0))

/** What the bytes look like when they are none of the three types: told apart only to name the problem. */
function describeOther(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').trimStart().toLowerCase()
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|script)\b/.test(head))
    return 'an HTML page'
  if (startsWith(bytes, ascii('GIF8'))) return 'a GIF image'
  if (startsWith(bytes, ascii('PK'))) return 'a ZIP archive (or Office document)'
  return 'not a known document type'
}

/** The media type of whole JPEG, PNG or PDF bytes, or the problem that keeps them out. */
export function sniffMaterial(
  bytes: Uint8Array,
  fileName?: string,
): { mediaType: MaterialMediaType } | { problem: SniffProblem } {
  if (bytes.length === 0) return { problem: { code: 'empty', message: 'the material has no bytes' } }
  let mediaType: MaterialMediaType
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    if (!endsWith(bytes, [0xff, 0xd9]))
      return {
        problem: { code: 'truncated', message: 'the JPEG image is truncated: it ends before its end marker' },
      }
    mediaType = 'image/jpeg'
  } else if (startsWith(bytes, PNG_SIGNATURE)) {
    if (!endsWith(bytes, PNG_IEND))
      return { problem: { code: 'truncated', message: 'the PNG image is truncated: it has no IEND chunk' } }
    mediaType = 'image/png'
  } else if (startsWith(bytes, ascii('%PDF-'))) {
    const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - PDF_EOF_WINDOW))).toString('latin1')
    if (!tail.includes('%%EOF'))
      return { problem: { code: 'truncated', message: 'the PDF is truncated: it has no %%EOF at its end' } }
    mediaType = 'application/pdf'
  } else {
    return {
      problem: {
        code: 'not_a_document',
        message: `the bytes are ${describeOther(bytes)}; a material must be a JPEG, PNG or PDF`,
      },
    }
  }
  if (fileName !== undefined) {
    const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''
    const named = EXTENSIONS[extension]
    if (!named)
      return {
        problem: {
          code: 'unsupported_name',
          message: `the file name ends in "${extension ? `.${extension}` : '(no extension)'}"; name a material .jpg, .jpeg, .png or .pdf`,
        },
      }
    if (named !== mediaType)
      return {
        problem: {
          code: 'type_mismatch',
          message: `the file is named .${extension} but its bytes are ${TYPE_NAMES[mediaType]}`,
        },
      }
  }
  return { mediaType }
}
