/**
 * The receipt (回执) of an apply or appointment item: ONE typed model, built once by the kiosk's flow and printed
 * by every driver through the same text (receiptDocument): the in-page simulated printer, the agent's ESC/POS
 * receipt printer (GB18030 text, the QR code with GS ( k) and its PDF → CUPS path. readReceipt parses the printed
 * lines back, so a test reads the fields from what a printer received. Plain types and functions: no Node, no
 * zod, so the kiosk bundle imports it as the agent does.
 */
import { maskName } from '../../src/devices/idNumber'
import type { PrintDocument } from './messages'
import type { ReceiptInput } from './receiptKinds'

export { printsReceipt, RECEIPT_KINDS, type ReceiptInput } from './receiptKinds'

/** How the resident gets the result: collected in person (自取) or posted (邮寄). */
export const COLLECTIONS = ['自取', '邮寄'] as const
/** One collection method. */
export type Collection = (typeof COLLECTIONS)[number]

/** The receipt's fields. Nothing personal beyond the masked name. */
export interface Receipt {
  /** The item's Chinese name (receipts print in Chinese, as the department's documents do). */
  item: string
  /** The reference number (办件编号). */
  reference: string
  /** The resident's name, masked (`李*`). */
  maskedName: string
  /** When the item was done, `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
  time: string
  /** The promised time limit (承诺时限), e.g. `10个工作日`, or `即办`. */
  timeLimit: string
  collection: Collection
  /** The booked slot of an appointment, `YYYY-MM-DD HH:mm`, with its place. */
  appointment?: { at: string; place: string }
  /** Paper-only materials whose originals the resident brings to the counter (请携带原件到窗口). */
  bringToCounter?: string[]
  /** The mobile case page's link (扫码续办), printed as the QR code. */
  qr: string
}

/** The printed labels, one per field, defined once for printing and reading back. */
export const RECEIPT_LABELS = {
  item: '办理事项',
  reference: '办件编号',
  maskedName: '申请人',
  time: '办理时间',
  timeLimit: '承诺时限',
  collection: '领取方式',
  appointmentAt: '预约时间',
  appointmentPlace: '预约地点',
  bringToCounter: '请携带原件到窗口',
} as const
/** Between the names of the originals to bring. */
const NAME_SEPARATOR = '、'

/** The receipt's printed title. */
export const RECEIPT_TITLE = '政务服务受理回执'
/** The line under the fields, above the QR code. */
export const RECEIPT_QR_HINT = '微信或手机相机扫描下方二维码，随时查看办理进度'

/** A catalog field whose value decides the collection: `post` means 邮寄 (the catalog's 领证方式/领取方式). */
export const DELIVERY_FIELD = 'delivery'
const POSTED_VALUE = 'post'

/** The collection a submission chose: posted when its delivery field says so, else collected in person. */
export function collectionOf(fields: Readonly<Record<string, string>>): Collection {
  return fields[DELIVERY_FIELD] === POSTED_VALUE ? '邮寄' : '自取'
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai (UTC+8, no daylight saving), whatever the terminal's zone. */
export function shanghaiMinuteOf(instant: string | number | Date): string {
  const ms = new Date(instant).getTime()
  if (Number.isNaN(ms)) return ''
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** The promised time limit as printed: 即办 for 0 days. */
export function timeLimitText(limit: { days: number; unit: string }): string {
  return limit.days === 0 ? '即办' : `${limit.days}个${limit.unit}`
}

/** Builds the receipt model from what the flow knows. */
export function buildReceipt(input: ReceiptInput): Receipt {
  return {
    item: input.itemName,
    reference: input.reference,
    maskedName: input.name ? maskName(input.name) : '',
    time: shanghaiMinuteOf(input.at),
    timeLimit: timeLimitText(input.timeLimit),
    collection: collectionOf(input.fields),
    ...(input.appointment
      ? { appointment: { at: shanghaiMinuteOf(input.appointment.at), place: input.appointment.place } }
      : {}),
    ...(input.bringToCounter?.length ? { bringToCounter: [...input.bringToCounter] } : {}),
    qr: input.caseLink,
  }
}

/** The receipt as every printer prints it: the title, one `label：value` line per field, the hint and the QR. */
export function receiptDocument(receipt: Receipt): PrintDocument {
  const line = (label: string, value: string) => `${label}：${value}`
  const L = RECEIPT_LABELS
  return {
    title: RECEIPT_TITLE,
    lines: [
      line(L.item, receipt.item),
      line(L.reference, receipt.reference),
      line(L.maskedName, receipt.maskedName),
      line(L.time, receipt.time),
      line(L.timeLimit, receipt.timeLimit),
      line(L.collection, receipt.collection),
      ...(receipt.appointment
        ? [line(L.appointmentAt, receipt.appointment.at), line(L.appointmentPlace, receipt.appointment.place)]
        : []),
      ...(receipt.bringToCounter
        ? [line(L.bringToCounter, receipt.bringToCounter.join(NAME_SEPARATOR))]
        : []),
      RECEIPT_QR_HINT,
    ],
    qr: receipt.qr,
  }
}

/**
 * Reads a receipt back from printed lines (and the QR payload a printer decoded), or null when they are not a
 * whole receipt: the inverse of receiptDocument, for the tests that read what a printer received.
 */
export function readReceipt(title: string, lines: readonly string[], qr: string | undefined): Receipt | null {
  if (title.trim() !== RECEIPT_TITLE || !qr) return null
  const values = new Map<string, string>()
  for (const text of lines) {
    const at = text.indexOf('：')
    if (at > 0) values.set(text.slice(0, at).trim(), text.slice(at + 1).trim())
  }
  const L = RECEIPT_LABELS
  const get = (label: string) => values.get(label)
  const collection = get(L.collection)
  const fields = [L.item, L.reference, L.maskedName, L.time, L.timeLimit].map(get)
  if (fields.some((v) => v === undefined) || !COLLECTIONS.includes(collection as Collection)) return null
  const [item, reference, maskedName, time, timeLimit] = fields as string[]
  const at = get(L.appointmentAt)
  const place = get(L.appointmentPlace)
  const bring = get(L.bringToCounter)
  return {
    item: item ?? '',
    reference: reference ?? '',
    maskedName: maskedName ?? '',
    time: time ?? '',
    timeLimit: timeLimit ?? '',
    collection: collection as Collection,
    ...(at !== undefined && place !== undefined ? { appointment: { at, place } } : {}),
    ...(bring ? { bringToCounter: bring.split(NAME_SEPARATOR) } : {}),
    qr,
  }
}
