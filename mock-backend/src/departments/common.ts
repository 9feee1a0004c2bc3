/**
 * Helpers shared by the simulated departments: masking, labels, reference numbers.
 */
import type { ItemKind } from '../../../services-catalog/src/schema'
import type { AnswerRow, DepartmentContext } from './types'

/** 4416**********1234: enough to recognise, useless to misuse. */
export function maskIdNumber(id: string): string {
  return id.length < 8
    ? '*'.repeat(id.length)
    : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`
}

/** 张*明 / 李*: the surname stays visible. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** A label/value row. */
export function row(zh: string, en: string, value: string): AnswerRow {
  return { label: { zh, en }, value }
}

/** Prefix of the reference number by kind (查询 CX, 打印 DY, 申办 SB, 预约 YY, 缴费 JF). */
export const REFERENCE_PREFIX: Record<ItemKind, string> = {
  查询: 'CX',
  打印: 'DY',
  申办: 'SB',
  预约: 'YY',
  缴费: 'JF',
}

/** `SB2026112700012`: kind prefix, Shanghai day, five digits. */
export function referenceNumber(kind: ItemKind, day: string, serial: number): string {
  return `${REFERENCE_PREFIX[kind]}${day.replaceAll('-', '')}${String(serial % 100000).padStart(5, '0')}`
}

/** Rows identifying the resident, masked. */
export function subjectRows(ctx: DepartmentContext): AnswerRow[] {
  const s = ctx.record.subject
  if (!s) return []
  const rows = [row('证件号码', 'ID number', maskIdNumber(s.idNumber))]
  if (s.name) rows.unshift(row('姓名', 'Name', maskName(s.name)))
  return rows
}

/** `YYYY-MM` of the month `back` months before the submission day. */
export function monthBefore(day: string, back: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number]
  const total = y * 12 + (m - 1) - back
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`
}

/** Formats fen as yuan with two decimals: 38000 → "380.00 元". */
export function yuan(fen: number): string {
  return `${(fen / 100).toFixed(2)} 元`
}

/** True when the item's Chinese name contains any of the words. */
export function nameHas(ctx: DepartmentContext, ...words: string[]): boolean {
  return words.some((w) => ctx.item.name.zh.includes(w))
}
