/**
 * The one entry point for an uploaded catalog file (admin console, backend, CLI): size and type checks,
 * encoding detection, CSV or JSON parsing, then the shared validation. Never throws on bad input.
 */
import { convertCsv } from './csv'
import { decodeText, sniffBinary } from './encoding'
import { error, type ImportReport, makeReport, type Problem } from './problems'
import { type Catalog, type Department, LIMITS } from './schema'
import { checkCatalog } from './validate'

export type { ImportReport, Problem } from './problems'

/** Options of an import: the file name helps pick the format; departments resolve CSV department names. */
export type ImportOptions = {
  fileName?: string
  /** Known departments (usually the published catalog's): CSV department names are matched against them. */
  departments?: Department[]
  /** The published catalog: CSV rows for its item codes keep form fields, English texts and absent columns. */
  base?: Catalog | null
  /** A district's additions: the province's item codes, which an addition may not use (validate.ts). */
  provinceCodes?: ReadonlySet<string>
}

const fail = (format: ImportReport['format'], encoding: ImportReport['encoding'], problems: Problem[]) =>
  makeReport({ format, encoding, catalog: null, problems, rows: 0 })

/** "at position 12" in a JSON.parse message → line and column, so the admin can find the typo. */
function jsonErrorPlace(text: string, message: string): { line: number; col: number } | null {
  const m = /position (\d+)/.exec(message)
  if (!m) return null
  const pos = Number(m[1])
  const before = text.slice(0, pos)
  const line = before.split('\n').length
  const col = pos - before.lastIndexOf('\n')
  return { line, col }
}

/** Decides between JSON and CSV: by file extension first, else by the first non-blank character. */
function pickFormat(text: string, fileName: string | undefined): 'json' | 'csv' {
  const ext = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1]
  if (ext === 'json') return 'json'
  if (ext === 'csv' || ext === 'tsv') return 'csv'
  const first = text.trimStart()[0]
  return first === '{' || first === '[' ? 'json' : 'csv'
}

/** Imports a catalog file (CSV or JSON, UTF-8 or GBK) and reports every problem found. */
export function importCatalogFile(bytes: Uint8Array, options: ImportOptions = {}): ImportReport {
  if (bytes.length > LIMITS.fileBytes) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1)
    return fail(null, null, [
      error(
        'file_too_large',
        null,
        null,
        `文件过大：${mb} MB，上限 5 MB`,
        `the file is too large: ${mb} MB, the limit is 5 MB`,
      ),
    ])
  }
  const ext = options.fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1]
  if (ext === 'xlsx' || ext === 'xls') {
    return fail(null, null, [
      error(
        'not_csv_or_json',
        null,
        null,
        '这是 Excel 工作簿，不是 CSV：请在 Excel 中“另存为”CSV（UTF-8 或 GBK）后再上传',
        'this is an Excel workbook, not a CSV: use "Save as" CSV (UTF-8 or GBK) and upload that',
      ),
    ])
  }
  const sniff = sniffBinary(bytes)
  if (sniff.binary) return fail(null, null, [error('not_csv_or_json', null, null, sniff.zh, sniff.en)])
  const decoded = decodeText(bytes)
  if (!decoded) {
    return fail(null, null, [
      error(
        'bad_encoding',
        null,
        null,
        '无法识别文件编码：既不是 UTF-8 也不是 GBK/GB18030',
        'unreadable text encoding: neither UTF-8 nor GBK/GB18030',
      ),
    ])
  }
  const { text, encoding } = decoded
  if (text.trim() === '') {
    return fail(null, encoding, [error('empty_file', null, null, '文件是空的', 'the file is empty')])
  }

  const format = pickFormat(text, options.fileName)
  if (format === 'json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      const place = jsonErrorPlace(text, message)
      const zhPlace = place ? `（第 ${place.line} 行第 ${place.col} 列附近）` : ''
      const enPlace = place ? ` (near line ${place.line}, column ${place.col})` : ''
      return fail('json', encoding, [
        error(
          'bad_json',
          null,
          null,
          `JSON 格式错误${zhPlace}`,
          `the JSON is malformed${enPlace}: ${message}`,
        ),
      ])
    }
    const { catalog, problems, rows } = checkCatalog(parsed, {
      departments: options.departments ?? options.base?.departments,
      provinceCodes: options.provinceCodes,
    })
    return makeReport({ format, encoding, catalog, problems, rows })
  }

  const csv = convertCsv(text, options.departments ?? options.base?.departments, options.base?.items)
  const checked = checkCatalog(csv.input, { locator: csv.locator, provinceCodes: options.provinceCodes })
  // Whole-file CSV errors (a missing required column) already explain why nothing else could be read.
  const headerBroken = csv.problems.some((p) => p.code === 'missing_column')
  const anyError = [...csv.problems, ...checked.problems].some(
    (p) => p.severity === 'error' && p.code !== 'no_departments',
  )
  const problems = [
    ...csv.problems,
    ...checked.problems
      // A spreadsheet has no "items" field to point at.
      .map((p) => (p.code === 'no_items' ? { ...p, column: null } : p))
      .filter((p) => !(headerBroken && p.code === 'no_items') && !(anyError && p.code === 'no_departments')),
  ]
  return makeReport({
    format,
    encoding,
    catalog: checked.catalog,
    problems,
    rows: csv.rows,
    departmentsCreated: csv.departmentsCreated,
    unknownColumns: csv.unknownColumns,
  })
}
