/**
 * Turns an adapter's raw material into the contract's DepartmentResult for the item's kind.
 */
import { createHash } from 'node:crypto'
import type { DepartmentResult } from '../contract'
import type { DepartmentAdapter, DepartmentContext } from './types'

const SLOT_TIMES = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '14:00',
  '14:30',
  '15:00',
  '15:30',
  '16:00',
  '16:30',
]

/** Proof of access for a document link: derived from the record's random idempotency key, so references cannot be enumerated. */
export function documentAccessKey(recordKey: string): string {
  return createHash('sha256').update(`document:${recordKey}`).digest('base64url').slice(0, 22)
}

/**
 * The department's own verifying link of a document, `/api/documents/<reference>?k=<access key>`: the centre
 * replaces it with the mobile case page's link at ingest (handoff/caseLinks.ts); documents printed earlier keep it.
 */
export function documentUrl(reference: string, recordKey: string): string {
  return `/api/documents/${reference}?k=${documentAccessKey(recordKey)}`
}

/** Next Monday–Friday after `day` (no holiday calendar: the simulator is not a scheduling authority). */
export function nextWorkingDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  do d.setUTCDate(d.getUTCDate() + 1)
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6)
  return d.toISOString().slice(0, 10)
}

function fieldValue(
  ctx: DepartmentContext,
  test: (value: string, key: string) => boolean,
): string | undefined {
  for (const [key, value] of Object.entries(ctx.record.fields)) if (test(value, key)) return value
  return undefined
}

function appointment(adapter: DepartmentAdapter, ctx: DepartmentContext) {
  const date = fieldValue(ctx, (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && v > ctx.day) ?? nextWorkingDay(ctx.day)
  const asked = fieldValue(ctx, (v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v))
  const time = asked ?? ctx.rng.pick(SLOT_TIMES)
  return { at: `${date}T${time}:00+08:00`, place: adapter.place(ctx) }
}

/**
 * The one rule of what a 缴费 costs: the amount the resident typed in the item's amount field, else the
 * department's own figure. The payment gateway asks it when an order is created.
 */
export function amountDue(adapter: DepartmentAdapter, ctx: DepartmentContext): number {
  const amountKey = ctx.item.fields.find((f) => f.type === 'amount')?.key
  const typed = amountKey ? ctx.record.fields[amountKey] : undefined
  const yuan = typed !== undefined && /^\d{1,7}(\.\d{1,2})?$/.test(typed) ? Number(typed) : undefined
  return yuan !== undefined && yuan > 0 ? Math.round(yuan * 100) : adapter.amountFen(ctx)
}

function payment(adapter: DepartmentAdapter, ctx: DepartmentContext) {
  const amountFen = amountDue(adapter, ctx)
  return { amountFen, qrText: `https://pay.example.invalid/qr/${ctx.reference}?amount=${amountFen}` }
}

/** The department's answer for one submission, by item kind. */
export function buildResult(adapter: DepartmentAdapter, ctx: DepartmentContext): DepartmentResult {
  const base = { reference: ctx.reference, kind: ctx.item.kind }
  switch (ctx.item.kind) {
    case '查询':
      return { ...base, answer: adapter.query(ctx) }
    case '打印':
      return {
        ...base,
        document: {
          title: ctx.item.name.zh,
          lines: [
            ...adapter.documentLines(ctx),
            `打印日期：${ctx.day}`,
            `验证编号：${ctx.reference}`,
            '本文件由政务服务自助终端打印，可扫描二维码核验真伪。',
          ],
          url: documentUrl(ctx.reference, ctx.record.key),
        },
      }
    case '申办':
      return base
    case '预约':
      return { ...base, appointment: appointment(adapter, ctx) }
    case '缴费':
      return { ...base, payment: payment(adapter, ctx) }
  }
}
