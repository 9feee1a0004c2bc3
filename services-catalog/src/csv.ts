/**
 * Reads the spreadsheet form of the catalog (one row per item, Chinese headers, English aliases)
 * into the JSON form, keeping spreadsheet row numbers so every problem points at the right cell.
 * Cells are parsed with papaparse: quoted commas and newlines inside a cell are normal here.
 */
import Papa from 'papaparse'
import { bringGuide } from './bringGuide'
import { carryOver } from './csvCarryOver'
import { DepartmentResolver } from './departmentMatch'
import { error, type Problem, warning } from './problems'
import type { Department, ServiceItem } from './schema'
import { type CatalogLocator, impliedHardware } from './validate'

/** The columns the importer knows: the Chinese header first, then accepted aliases. */
export const CSV_COLUMNS = {
  code: ['事项编码', 'code', '实施编码', 'item_code'],
  name: ['事项名称', 'name', 'name_zh'],
  nameEn: ['英文名称', 'name_en', 'nameEn', 'english_name'],
  department: ['实施部门', 'department', 'dept', '实施主体', '业务部门'],
  kind: ['办理类型', 'kind'],
  aliases: ['事项别名', 'aliases', 'alias', '别名'],
  keywords: ['搜索关键词', 'keywords', '关键词'],
  theme: ['主题', 'theme'],
  serviceObject: ['服务对象', 'service_object', 'serviceObject'],
  identity: ['身份认证方式', 'identity'],
  servedFor: ['为谁办理', 'served_for', 'servedFor', '办理对象'],
  needsPhone: ['短信验证', 'needs_phone', 'needsPhone'],
  hardware: ['硬件模块', 'hardware'],
  timeLimit: ['承诺办结时限', 'time_limit', 'timeLimit'],
  feeCharged: ['是否收费', 'fee_charged', 'feeCharged'],
  feeStandard: ['收费标准', 'fee_standard', 'feeStandard'],
  materials: ['申请材料', 'materials'],
  guide: ['办事指南', 'guide'],
  eligibility: ['受理条件', 'eligibility'],
  network: ['网络策略', 'network'],
  status: ['事项状态', 'status'],
  hot: ['热门', 'hot', '是否热门'],
  sort: ['排序', 'sort', '排序号'],
  groups: ['适用终端', 'groups', '终端分组'],
} as const satisfies Record<string, readonly string[]>

/** A column the importer understands. */
export type CsvColumnKey = keyof typeof CSV_COLUMNS

/** Columns without which no row can become an item. */
export const REQUIRED_COLUMNS: readonly CsvColumnKey[] = ['code', 'name', 'department', 'kind']

/** Header spelling differences that should not matter: case, spaces, _ and -, a trailing * or （说明）. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/[*＊]+$/, '')
    .replace(/[（(][^）)]*[）)]$/, '')
    .replace(/[\s_-]+/g, '')
    .toLowerCase()
}

const HEADER_LOOKUP = new Map<string, CsvColumnKey>()
for (const [key, names] of Object.entries(CSV_COLUMNS) as [CsvColumnKey, readonly string[]][])
  for (const name of names) HEADER_LOOKUP.set(normalizeHeader(name), key)

/** The column a header names, or undefined for an unknown header. */
export const columnKeyOf = (header: string): CsvColumnKey | undefined =>
  HEADER_LOOKUP.get(normalizeHeader(header))

/** Splits a list cell on `；` or `;` (plus `、` `,` `，` for closed vocabularies), dropping empty entries. */
export function splitList(cell: string, closedVocabulary = false): string[] {
  const separator = closedVocabulary ? /[；;、,，/|]/ : /[；;]/
  return cell
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

const TRUE_WORDS = new Set(['是', '有', '收费', '需要', 'y', 'yes', 'true', '1', '√', 't'])
const FALSE_WORDS = new Set(['否', '无', '不收费', '免费', '不需要', 'n', 'no', 'false', '0', '×', 'f'])

/** 是/否, yes/no, 1/0 → boolean; anything else is passed on as text so validation names it. */
export function parseFlag(cell: string): boolean | string {
  const v = cell.trim().toLowerCase()
  if (TRUE_WORDS.has(v)) return true
  if (FALSE_WORDS.has(v)) return false
  return cell.trim()
}

/**
 * "即办" / "即办件" → 0, "5个工作日" / "5" → 5 working days, "30天" / "30个自然日" → calendar days; null when
 * unreadable. National exports write the 办件类型 (即办件) where the limit is zero days.
 */
export function parseTimeLimit(cell: string): { days: number; unit: '工作日' | '自然日' } | null {
  const v = cell.replace(/\s+/g, '')
  if (/^(即办件?|即时办结|当场办结|立即办结|即时|当场)$/.test(v)) return { days: 0, unit: '工作日' }
  const m = /^(\d{1,4})(个)?(工作日|自然日|天|日)?$/.exec(v)
  if (!m) return null
  return { days: Number(m[1]), unit: m[3] === undefined || m[3] === '工作日' ? '工作日' : '自然日' }
}

const KIND_WORDS: Record<string, string> = {
  query: '查询',
  print: '打印',
  apply: '申办',
  application: '申办',
  appointment: '预约',
  booking: '预约',
  payment: '缴费',
  pay: '缴费',
}
const STATUS_WORDS: Record<string, string> = {
  有效: '有效',
  '1': '有效',
  启用: '有效',
  上架: '有效',
  valid: '有效',
  active: '有效',
  无效: '无效',
  '0': '无效',
  停用: '无效',
  下架: '无效',
  invalid: '无效',
  inactive: '无效',
}
const NETWORK_WORDS: Record<string, string> = {
  仅联网: '仅联网',
  在线: '仅联网',
  联网: '仅联网',
  仅在线: '仅联网',
  需联网: '仅联网',
  online: '仅联网',
  可离线: '可离线',
  离线可用: '可离线',
  离线: '可离线',
  支持离线: '可离线',
  offline: '可离线',
}
const IDENTITY_WORDS: Record<string, string> = {
  身份证: '身份证',
  居民身份证: '身份证',
  刷身份证: '身份证',
  人脸: '人脸',
  人脸识别: '人脸',
  刷脸: '人脸',
  社保卡: '社保卡',
  社会保障卡: '社保卡',
  电子身份证: '电子身份证',
  粤省事: '电子身份证',
  粤省事码: '电子身份证',
  网证: '电子身份证',
  身份码: '电子身份证',
  // Older files said 电子证照 for the phone's identity code (an e-licence never identified anyone here).
  电子证照: '电子身份证',
}
const SERVED_FOR_WORDS: Record<string, string> = {
  本人: '本人',
  本人办理: '本人',
  self: '本人',
  家人: '家人',
  家庭: '家人',
  家庭成员: '家人',
  family: '家人',
  他人: '他人',
  代办: '他人',
  代他人: '他人',
  委托代办: '他人',
  agent: '他人',
}
const HARDWARE_WORDS: Record<string, string> = {
  打印机: '打印机',
  身份证读卡器: '身份证读卡器',
  读卡器: '身份证读卡器',
  身份证阅读器: '身份证读卡器',
  摄像头: '摄像头',
  摄像机: '摄像头',
  // The one 扫描仪 of older files photographed documents: it is the 高拍仪.
  扫描仪: '高拍仪',
  高拍仪: '高拍仪',
  扫码器: '扫码器',
  扫码枪: '扫码器',
  二维码扫描器: '扫码器',
  社保卡读卡器: '社保卡读卡器',
  社保卡阅读器: '社保卡读卡器',
}
const SERVICE_OBJECT_WORDS: Record<string, string> = {
  自然人: '自然人',
  个人: '自然人',
  居民: '自然人',
  法人: '法人',
  企业: '法人',
  单位: '法人',
  // The national item record's finer 服务对象 values; the terminal only tells persons from organisations.
  企业法人: '法人',
  事业法人: '法人',
  社会组织法人: '法人',
  非法人企业: '法人',
  行政机关: '法人',
  其他组织: '法人',
}
const NONE_WORDS = new Set(['无', '不需要', '—', '-', 'none'])

const mapWord = (table: Record<string, string>, value: string) =>
  table[value] ?? table[value.toLowerCase()] ?? value

const mapList = (cell: string, table: Record<string, string>) => [
  ...new Set(
    splitList(cell, true)
      .filter((v) => !NONE_WORDS.has(v.toLowerCase()))
      .map((v) => mapWord(table, v)),
  ),
]

/** One material entry: "居民身份证（电子）" → electronic, "（非必需）"/"（可选）" → optional. */
function parseMaterial(entry: string) {
  let name = entry
  let form: '纸质' | '电子' = '纸质'
  let required = true
  const electronic = /[（(]电子(版|件)?[）)]/
  const optional = /[（(](非必需|可选|选填|非必要)[）)]/
  if (electronic.test(name)) {
    form = '电子'
    name = name.replace(electronic, '')
  }
  if (optional.test(name)) {
    required = false
    name = name.replace(optional, '')
  }
  return { name: { zh: name.trim(), en: '' }, required, form, copies: 1 }
}

const DEFAULT_ELIGIBILITY = {
  zh: '符合本事项办理条件的申请人均可自助办理，具体以部门审核为准。',
  en: 'Anyone who meets the conditions of this service may use the terminal; the department makes the final decision.',
}

/** The CSV side of a conversion: the JSON-form catalog plus what was found on the way. */
export type CsvConversion = {
  /** The catalog in JSON form, not yet validated. */
  input: { schemaVersion: 1; departments: Department[]; items: Record<string, unknown>[] }
  /** Maps item index and field path back to spreadsheet row and header. */
  locator: CatalogLocator
  problems: Problem[]
  /** Non-empty data rows. */
  rows: number
  departmentsCreated: string[]
  unknownColumns: string[]
}

const isBlank = (cells: string[] | undefined) => !cells || cells.every((c) => c.trim() === '')

/**
 * The header record: the first non-blank one, unless a title row such as "XX区政务服务事项清单" comes first,
 * in which case the first of the next rows that names at least two known columns.
 */
function findHeaderRecord(records: string[][]): number {
  const firstNonBlank = records.findIndex((r) => !isBlank(r))
  if (firstNonBlank < 0) return 0
  for (let i = firstNonBlank, seen = 0; i < records.length && seen < 5; i++) {
    const cells = records[i]
    if (isBlank(cells)) continue
    seen++
    if ((cells ?? []).filter((c) => columnKeyOf(c) !== undefined).length >= 2) return i
  }
  return firstNonBlank
}

/** Where a field path of an item comes from in the spreadsheet. */
function columnForPath(path: readonly PropertyKey[]): CsvColumnKey | { extra: string } {
  const [head, second] = path
  switch (head) {
    case 'name':
      return second === 'en' ? 'nameEn' : 'name'
    case 'fee':
      return second === 'standard' ? 'feeStandard' : 'feeCharged'
    case 'guide':
      return second === 'eligibility' ? 'eligibility' : 'guide'
    case 'extra':
      return { extra: String(second) }
    default:
      return typeof head === 'string' && head in CSV_COLUMNS ? (head as CsvColumnKey) : 'code'
  }
}

/**
 * Converts CSV text (already decoded) into the JSON-form catalog, resolving departments against `known`;
 * rows whose code is in `published` keep what the CSV cannot say (see csvCarryOver.ts).
 */
export function convertCsv(
  text: string,
  known: readonly Department[] = [],
  published: readonly ServiceItem[] = [],
): CsvConversion {
  const problems: Problem[] = []
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [',', '\t'], skipEmptyLines: false })
  const records = parsed.data
  const brokenRows = new Set<number>()
  for (const e of parsed.errors) {
    if (e.type === 'Delimiter') continue
    const row = typeof e.row === 'number' ? e.row + 1 : null
    if (row !== null) brokenRows.add(row)
    problems.push(
      error(
        'csv_syntax',
        row,
        null,
        e.code === 'MissingQuotes'
          ? '引号未闭合：单元格以 " 开头却没有结束的 "'
          : `CSV 格式错误：${e.message}`,
        e.code === 'MissingQuotes'
          ? 'unterminated quote: a cell opens " but never closes it'
          : `CSV syntax: ${e.message}`,
      ),
    )
  }

  const headerIndex = findHeaderRecord(records)
  const headerRow = headerIndex + 1
  const headerCells = records[headerIndex] ?? []
  const columnIndex = new Map<CsvColumnKey, number>()
  const headerText = new Map<CsvColumnKey, string>()
  const unknown: { index: number; header: string }[] = []
  headerCells.forEach((raw, index) => {
    const header = raw.replace(/^\uFEFF/, '').trim()
    const key = columnKeyOf(header)
    if (key === undefined) {
      unknown.push({ index, header })
      return
    }
    if (columnIndex.has(key)) {
      problems.push(
        error(
          'duplicate_column',
          headerRow,
          header,
          `列“${header}”与列“${headerText.get(key)}”重复`,
          `column "${header}" repeats column "${headerText.get(key)}"`,
        ),
      )
      return
    }
    columnIndex.set(key, index)
    headerText.set(key, header)
  })
  for (const key of REQUIRED_COLUMNS) {
    if (!columnIndex.has(key)) {
      const [zh, en] = CSV_COLUMNS[key]
      problems.push(
        error(
          'missing_column',
          headerRow,
          zh,
          `缺少必填列“${zh}”（英文列名 ${en}）`,
          `required column "${zh}" (${en}) is missing`,
        ),
      )
    }
  }

  const dataRecords: { row: number; cells: string[] }[] = []
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i] ?? []
    if (cells.every((c) => c.trim() === '')) continue
    dataRecords.push({ row: i + 1, cells })
  }

  // Unknown columns: reported once, kept per item in `extra` when they hold something.
  const unknownColumns: string[] = []
  for (const u of unknown) {
    const used = dataRecords.some((r) => (r.cells[u.index] ?? '').trim() !== '')
    if (u.header === '' && !used) continue
    const name = u.header === '' ? `第${u.index + 1}列` : u.header
    u.header = name
    unknownColumns.push(name)
    problems.push(
      warning(
        'unknown_column',
        null,
        name,
        `未识别的列“${name}”：内容已原样保存在扩展字段中，终端不显示`,
        `unknown column "${name}": its cells are kept as extra data and not shown on terminals`,
      ),
    )
  }

  /** Spreadsheet row of each item (rows skipped for syntax errors have no item). */
  const itemRows: number[] = []
  const locator: CatalogLocator = {
    row: (i) => itemRows[i] ?? null,
    column: (path) => {
      const key = columnForPath(path)
      if (typeof key === 'object') return key.extra
      return headerText.get(key) ?? CSV_COLUMNS[key][0]
    },
  }

  const missingRequired = REQUIRED_COLUMNS.some((k) => !columnIndex.has(k))
  const resolver = new DepartmentResolver(known)
  const publishedByCode = new Map(published.map((i) => [i.code, i]))
  const items: Record<string, unknown>[] = []
  if (!missingRequired) {
    for (const { row, cells } of dataRecords) {
      // A row whose cells are shifted or swallowed would only produce follow-on noise: report the cause alone.
      if (brokenRows.has(row)) continue
      const extraCells = cells.slice(headerCells.length).filter((c) => c.trim() !== '')
      if (extraCells.length > 0) {
        problems.push(
          error(
            'extra_cells',
            row,
            null,
            `该行比表头多出 ${extraCells.length} 个单元格：含逗号的内容要用英文双引号括起来`,
            `this row has ${extraCells.length} more cells than the header: quote cells that contain commas`,
          ),
        )
        continue
      }
      const item = convertRow(row, cells, columnIndex, headerText, unknown, resolver, problems)
      const old = typeof item.code === 'string' ? publishedByCode.get(item.code) : undefined
      items.push(old ? carryOver(item, old, (key) => columnIndex.has(key)) : item)
      itemRows.push(row)
    }
  }
  return {
    input: { schemaVersion: 1, departments: resolver.departments(), items },
    locator,
    problems,
    rows: dataRecords.length,
    departmentsCreated: resolver.created().map((d) => d.code),
    unknownColumns,
  }
}

/** One spreadsheet row → one item in JSON form; unreadable cells are reported here, the rest by validation. */
function convertRow(
  row: number,
  cells: string[],
  columnIndex: Map<CsvColumnKey, number>,
  headerText: Map<CsvColumnKey, string>,
  unknown: { index: number; header: string }[],
  resolver: DepartmentResolver,
  problems: Problem[],
): Record<string, unknown> {
  const has = (key: CsvColumnKey) => columnIndex.has(key)
  const cell = (key: CsvColumnKey): string => {
    const i = columnIndex.get(key)
    return i === undefined ? '' : (cells[i] ?? '').trim()
  }
  const header = (key: CsvColumnKey) => headerText.get(key) ?? CSV_COLUMNS[key][0]

  const name = cell('name')
  const code = cell('code')
  const item: Record<string, unknown> = {
    code,
    name: { zh: name, en: cell('nameEn') },
    kind: mapWord(KIND_WORDS, cell('kind')),
  }

  const departmentCell = cell('department')
  if (departmentCell === '') item.department = ''
  else if (departmentCell.length > 60) {
    item.department = ''
    problems.push(
      error(
        'too_long',
        row,
        header('department'),
        `内容过长：${departmentCell.length} 个字符，上限 60 个字符`,
        `too long: ${departmentCell.length} characters, limit 60`,
      ),
    )
  } else {
    const resolved = resolver.resolve(departmentCell)
    item.department = resolved.code
    if (resolved.created)
      problems.push(
        warning(
          'department_created',
          row,
          header('department'),
          `部门“${departmentCell}”不在现有部门中，已新建（编码 ${resolved.code}），请补充英文名称`,
          `department "${departmentCell}" is new and was created with code ${resolved.code}; add its English name`,
        ),
      )
  }

  if (has('aliases')) item.aliases = splitList(cell('aliases'))
  if (has('keywords')) item.keywords = splitList(cell('keywords'))
  if (has('theme')) item.theme = cell('theme')
  if (has('serviceObject') && cell('serviceObject') !== '')
    item.serviceObject = mapList(cell('serviceObject'), SERVICE_OBJECT_WORDS)
  const identity = has('identity') ? mapList(cell('identity'), IDENTITY_WORDS) : []
  item.identity = identity
  // Files without the column (national exports) serve the resident only, the schema's default.
  if (has('servedFor') && cell('servedFor') !== '')
    item.servedFor = mapList(cell('servedFor'), SERVED_FOR_WORDS)
  // National exports have no 硬件模块 column: the modules the kind and identification imply are all it can mean.
  item.hardware = has('hardware') ? mapList(cell('hardware'), HARDWARE_WORDS) : impliedHardware(item)
  const needsPhone = cell('needsPhone') === '' ? false : parseFlag(cell('needsPhone'))
  item.needsPhone = needsPhone

  if (cell('timeLimit') !== '') {
    const limit = parseTimeLimit(cell('timeLimit'))
    if (limit) item.timeLimit = limit
    else
      problems.push(
        error(
          'bad_time_limit',
          row,
          header('timeLimit'),
          `承诺办结时限 “${cell('timeLimit')}” 无法识别（可写“即办”“5个工作日”“30天”或数字）`,
          `time limit "${cell('timeLimit')}" is not understood (use 即办, 5个工作日, 30天 or a number)`,
        ),
      )
  }

  const standard = cell('feeStandard')
  const charged = cell('feeCharged') === '' ? standard !== '' : parseFlag(cell('feeCharged'))
  item.fee = standard === '' ? { charged } : { charged, standard: { zh: standard, en: '' } }

  if (has('materials')) item.materials = splitList(cell('materials')).map(parseMaterial)

  const guideText = cell('guide')
  item.guide = {
    summary: { zh: guideText || name || code || '—', en: guideText ? '' : cell('nameEn') },
    eligibility: cell('eligibility') ? { zh: cell('eligibility'), en: '' } : DEFAULT_ELIGIBILITY,
    // The resident pays by QR on every 缴费 item; 是否收费 only says whether a handling fee comes on top.
    bring: bringGuide({ identity, needsPhone: needsPhone === true, paysByQr: item.kind === '缴费' }),
  }

  if (cell('network') !== '') item.network = mapWord(NETWORK_WORDS, cell('network'))
  if (cell('status') !== '') item.status = mapWord(STATUS_WORDS, cell('status'))
  if (cell('hot') !== '') item.hot = parseFlag(cell('hot'))
  if (cell('sort') !== '') item.sort = /^\d+$/.test(cell('sort')) ? Number(cell('sort')) : cell('sort')
  if (has('groups')) item.groups = splitList(cell('groups'), true)

  const extra: Record<string, string> = {}
  for (const u of unknown) {
    const value = (cells[u.index] ?? '').trim()
    if (value !== '') extra[u.header] = value
  }
  if (Object.keys(extra).length > 0) item.extra = extra
  return item
}
