/**
 * Which items print a receipt (回执), apart from the receipt model (receipt.ts) so the kiosk's flow machine, which
 * is in the terminal's entry chunk, decides it without loading the model: the model loads when a receipt prints.
 */

/** The kinds whose items print a receipt when they are done: those that open a case (申办 and 预约). */
export const RECEIPT_KINDS: readonly string[] = ['申办', '预约']

/** Whether an item of this kind prints a receipt. */
export function printsReceipt(kind: string): boolean {
  return RECEIPT_KINDS.includes(kind)
}

/** What the flow knows when it prints. */
export interface ReceiptInput {
  itemName: string
  reference: string
  /** The resident's name as read or typed: masked here, the receipt never holds it. */
  name: string
  at: string | number | Date
  timeLimit: { days: number; unit: string }
  fields: Readonly<Record<string, string>>
  appointment?: { at: string; place: string }
  caseLink: string
  /** Paper-only materials (申请材料 not collected at the kiosk): the originals to bring to the counter. */
  bringToCounter?: readonly string[]
}
