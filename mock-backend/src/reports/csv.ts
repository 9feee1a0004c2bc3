/**
 * CSV export for spreadsheets: UTF-8 with BOM (so Excel reads Chinese), formula injection neutralised.
 */
import { FIGURES, type Figure, type Figures, RATE_FIGURES } from '../../../services-catalog/src/figures'
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

/** Each figure's column title, in FIGURES order. */
const FIGURE_TITLES: Readonly<Record<Figure, string>> = {
  sessions: '服务人数',
  transactions: '办件量',
  views: '浏览数',
  starts: '开始办理数',
  completions: '办结数',
  abandons: '放弃数',
  completionRate: '办结率',
  ratings: '评价数',
  rating1: '非常不满意',
  rating2: '不满意',
  rating3: '基本满意',
  rating4: '满意',
  rating5: '非常满意',
  goodRate: '好评率',
}

const HEADER = ['日期', '编码', '名称', ...FIGURES.map((f) => FIGURE_TITLES[f])]

/** A share as a percentage with one decimal; empty when there is none. */
const percent = (r: number | null) => (r === null ? null : `${(r * 100).toFixed(1)}%`)

/** One figure as its cell: rates as percentages, counts as they are. */
const cellsOf = (f: Figures) => FIGURES.map((name) => (RATE_FIGURES.has(name) ? percent(f[name]) : f[name]))

/** The daily-counts report as CSV (办结率 and 好评率 as percentages with one decimal), totals last. */
export function dailyCountsCsv(report: DailyCounts): string {
  const rows = report.rows.map((r) => [r.day, r.key, r.label, ...cellsOf(r)])
  rows.push(['合计', '', '', ...cellsOf(report.totals)])
  return toCsv([HEADER, ...rows])
}
