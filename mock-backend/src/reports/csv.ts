/**
 * CSV export for spreadsheets: UTF-8 with BOM (so Excel reads Chinese), formula injection neutralised.
 */
import type { DailyCounts } from './dailyCounts'

/** A cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function escapeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

/** Quotes a cell when it holds a separator, quote or line break. */
export function csvCell(value: string | number | null): string {
  const text = escapeFormula(value === null ? '' : String(value))
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Rows to CSV text, BOM first, CRLF line ends. */
export function toCsv(rows: (string | number | null)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}

const HEADER = [
  '日期',
  '编码',
  '名称',
  '服务人数',
  '办件量',
  '浏览数',
  '开始办理数',
  '办结数',
  '放弃数',
  '办结率',
  '评价数',
  '非常不满意',
  '不满意',
  '基本满意',
  '满意',
  '非常满意',
  '好评率',
]

/** The daily-counts report as CSV (办结率 and 好评率 as percentages with one decimal). */
export function dailyCountsCsv(report: DailyCounts): string {
  const rate = (r: number | null) => (r === null ? null : `${(r * 100).toFixed(1)}%`)
  const rows = report.rows.map((r) => [
    r.day,
    r.key,
    r.label,
    r.sessions,
    r.transactions,
    r.views,
    r.starts,
    r.completions,
    r.abandons,
    rate(r.completionRate),
    r.ratings,
    r.rating1,
    r.rating2,
    r.rating3,
    r.rating4,
    r.rating5,
    rate(r.goodRate),
  ])
  const t = report.totals
  rows.push([
    '合计',
    '',
    '',
    t.sessions,
    t.transactions,
    t.views,
    t.starts,
    t.completions,
    t.abandons,
    rate(t.completionRate),
    t.ratings,
    t.rating1,
    t.rating2,
    t.rating3,
    t.rating4,
    t.rating5,
    rate(t.goodRate),
  ])
  return toCsv([HEADER, ...rows])
}
