/**
 * Turns uploaded bytes into text. Spreadsheets saved on Chinese Windows are GBK, newer ones UTF-8
 * (often with a BOM), so both must work without asking the admin which one they have.
 */

/** The encodings an uploaded catalog may use (GBK is a subset of GB18030). */
export type TextEncodingName = 'utf-8' | 'gb18030'

/** Why bytes could not be read as text, in words an admin can act on. */
export type BinaryVerdict = { binary: true; zh: string; en: string } | { binary: false }

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)

/** Recognises files that are not text at all (images, Excel workbooks, UTF-16 exports) before decoding them. */
export function sniffBinary(bytes: Uint8Array): BinaryVerdict {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return {
      binary: true,
      zh: '这是 Excel 工作簿，不是 CSV：请在 Excel 中“另存为”CSV（UTF-8 或 GBK）后再上传',
      en: 'this is an Excel workbook, not a CSV: use "Save as" CSV (UTF-8 or GBK) and upload that',
    }
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return {
      binary: true,
      zh: '文件是 UTF-16 编码（Excel 的“Unicode 文本”），请另存为 UTF-8 或 GBK 的 CSV',
      en: 'the file is UTF-16 (Excel "Unicode text"); save it as a UTF-8 or GBK CSV instead',
    }
  }
  const sample = bytes.subarray(0, 64 * 1024)
  let controls = 0
  for (const b of sample) {
    if (b === 0) {
      return {
        binary: true,
        zh: '文件含有二进制数据（如图片），不是 CSV 或 JSON 文本',
        en: 'the file holds binary data (an image?), not CSV or JSON text',
      }
    }
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++
  }
  if (controls > 8 && controls * 100 > sample.length) {
    return {
      binary: true,
      zh: '文件含有大量控制字符，不是 CSV 或 JSON 文本',
      en: 'the file is full of control characters, not CSV or JSON text',
    }
  }
  return { binary: false }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
const gb18030 = new TextDecoder('gb18030', { fatal: true })

/** Decodes UTF-8 (BOM or not), falling back to GB18030/GBK; null when the bytes are neither. */
export function decodeText(
  bytes: Uint8Array,
): { text: string; encoding: TextEncodingName; bom: boolean } | null {
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf])
  try {
    // The fatal UTF-8 decoder strips the BOM itself.
    return { text: utf8.decode(bytes), encoding: 'utf-8', bom }
  } catch {
    // Not UTF-8: try the Chinese legacy encoding next.
  }
  try {
    return { text: gb18030.decode(bytes), encoding: 'gb18030', bom: false }
  } catch {
    return null
  }
}
