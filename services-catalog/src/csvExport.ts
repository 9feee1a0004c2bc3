/**
 * Writes a catalog in the spreadsheet form the importer reads, so admins can download the current
 * catalog, edit it in Excel/WPS and upload it again. Lossy by design: form fields, English guide
 * texts and material translations have no column (see README).
 */
import Papa from 'papaparse'
import { CSV_COLUMNS, type CsvColumnKey } from './csv'
import type { Catalog, ServiceItem } from './schema'

const yesNo = (b: boolean) => (b ? '是' : '否')
const joinList = (list: readonly string[]) => list.join('；')

/** One item's cells, keyed by column. */
function cellsOf(item: ServiceItem, departmentName: (code: string) => string): Record<CsvColumnKey, string> {
  return {
    code: item.code,
    name: item.name.zh,
    nameEn: item.name.en,
    department: departmentName(item.department),
    kind: item.kind,
    aliases: joinList(item.aliases),
    keywords: joinList(item.keywords),
    theme: item.theme,
    serviceObject: joinList(item.serviceObject),
    identity: item.identity.length === 0 ? '无' : joinList(item.identity),
    servedFor: joinList(item.servedFor),
    needsPhone: yesNo(item.needsPhone),
    hardware: joinList(item.hardware),
    timeLimit: item.timeLimit.days === 0 ? '即办' : `${item.timeLimit.days}个${item.timeLimit.unit}`,
    feeCharged: yesNo(item.fee.charged),
    feeStandard: item.fee.standard?.zh ?? '',
    materials: joinList(
      item.materials.map(
        (m) => `${m.name.zh}${m.form === '电子' ? '（电子）' : ''}${m.required ? '' : '（非必需）'}`,
      ),
    ),
    guide: item.guide.summary.zh,
    eligibility: item.guide.eligibility.zh,
    network: item.network,
    status: item.status,
    hot: yesNo(item.hot),
    sort: String(item.sort),
    groups: joinList(item.groups),
  }
}

/** The catalog as CSV rows (header first) with Chinese headers; departments are written by Chinese name. */
export function catalogToRows(catalog: Catalog): string[][] {
  const names = new Map(catalog.departments.map((d) => [d.code, d.name.zh]))
  const keys = Object.keys(CSV_COLUMNS) as CsvColumnKey[]
  const extraHeaders = [...new Set(catalog.items.flatMap((i) => Object.keys(i.extra ?? {})))]
  const header = [...keys.map((k) => CSV_COLUMNS[k][0]), ...extraHeaders]
  const rows = catalog.items.map((item) => {
    const cells = cellsOf(item, (code) => names.get(code) ?? code)
    return [...keys.map((k) => cells[k]), ...extraHeaders.map((h) => item.extra?.[h] ?? '')]
  })
  return [header, ...rows]
}

/** The catalog as CSV text (CRLF, as Excel writes it); add a BOM when Excel should open it as UTF-8. */
export function catalogToCsv(catalog: Catalog, options: { bom?: boolean } = {}): string {
  const text = Papa.unparse(catalogToRows(catalog), { newline: '\r\n' })
  return options.bom ? `\uFEFF${text}\r\n` : `${text}\r\n`
}
