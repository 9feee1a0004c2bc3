/**
 * Problems found in an uploaded catalog: one shape for CSV and JSON, Chinese first, English second,
 * so the admin console, the CLI and the backend report the same thing the same way.
 */
import type { Catalog } from './schema'

/** Errors block publishing; warnings are shown but do not. */
export type Severity = 'error' | 'warning'

/** One thing wrong with a file, located by spreadsheet row (CSV) or item number (JSON) and column / field path. */
export type Problem = {
  severity: Severity
  /** CSV: spreadsheet row (header = 1). JSON: item index + 1. null when the problem concerns the whole file. */
  row: number | null
  /** CSV: the header as written in the file. JSON: the field path (e.g. `name.zh`, `materials[0].name.zh`). */
  column: string | null
  code: string
  message: { zh: string; en: string }
}

/** What an import (or a validation of already-parsed JSON) found; `ok` means no errors. */
export type ImportReport = {
  ok: boolean
  format: 'json' | 'csv' | null
  encoding: 'utf-8' | 'gb18030' | null
  /** The publishable catalog; null whenever there is at least one error. */
  catalog: Catalog | null
  problems: Problem[]
  summary: {
    /** CSV: non-empty data rows. JSON: entries in `items`. */
    rows: number
    /** Items in the publishable catalog (0 when there are errors). */
    items: number
    errors: number
    warnings: number
    /** Codes of departments created from unknown CSV department names. */
    departmentsCreated: string[]
    /** Headers the importer did not recognise (their cells are kept in `item.extra`). */
    unknownColumns: string[]
  }
}

/** Builds a problem; keeps call sites short and the argument order fixed. */
export function problem(
  severity: Severity,
  code: string,
  row: number | null,
  column: string | null,
  zh: string,
  en: string,
): Problem {
  return { severity, row, column, code, message: { zh, en } }
}

/** Builds an error. */
export const error = (code: string, row: number | null, column: string | null, zh: string, en: string) =>
  problem('error', code, row, column, zh, en)

/** Builds a warning. */
export const warning = (code: string, row: number | null, column: string | null, zh: string, en: string) =>
  problem('warning', code, row, column, zh, en)

/** Quotes a user value for a message, shortened so one huge cell cannot flood the report. */
export function quoteValue(value: unknown, quotes: 'zh' | 'en' = 'en'): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text
  return quotes === 'zh' ? `“${short}”` : `"${short}"`
}

/** Orders problems by row (file-level first), then errors before warnings, keeping discovery order otherwise. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => {
      const ra = a.p.row ?? 0
      const rb = b.p.row ?? 0
      if (ra !== rb) return ra - rb
      return a.i - b.i
    })
    .map(({ p }) => p)
}

/** Counts errors and warnings for a report summary. */
export function countProblems(problems: Problem[]): { errors: number; warnings: number } {
  let errors = 0
  for (const p of problems) if (p.severity === 'error') errors++
  return { errors, warnings: problems.length - errors }
}

/** One line per problem for terminals and logs: `row 12, 办理类型: 未知的办理类型 “办证” / unknown kind "办证"`. */
export function formatProblem(p: Problem): string {
  const where = [p.row === null ? null : `row ${p.row}`, p.column].filter((x) => x !== null).join(', ')
  const text = `${p.message.zh} / ${p.message.en}`
  const line = where ? `${where}: ${text}` : text
  return p.severity === 'warning' ? `warning: ${line}` : line
}

/** Assembles a report from its parts so every path fills `summary` the same way. */
export function makeReport(parts: {
  format: ImportReport['format']
  encoding: ImportReport['encoding']
  catalog: Catalog | null
  problems: Problem[]
  rows: number
  departmentsCreated?: string[]
  unknownColumns?: string[]
}): ImportReport {
  const problems = sortProblems(parts.problems)
  const { errors, warnings } = countProblems(problems)
  const catalog = errors === 0 ? parts.catalog : null
  return {
    ok: errors === 0 && catalog !== null,
    format: parts.format,
    encoding: parts.encoding,
    catalog,
    problems,
    summary: {
      rows: parts.rows,
      items: catalog?.items.length ?? 0,
      errors,
      warnings,
      departmentsCreated: parts.departmentsCreated ?? [],
      unknownColumns: parts.unknownColumns ?? [],
    },
  }
}
