/**
 * Checks a catalog in its JSON form: the zod schema item by item plus the cross-item rules
 * (duplicate codes, hardware a kind needs, …), collecting EVERY problem so an admin fixes a file in one go.
 * The CSV importer converts rows to this form and reuses it, so both formats report the same codes.
 */
import type { z } from 'zod'
import { isMandate } from './mandate'
import { error, type ImportReport, makeReport, type Problem, quoteValue, warning } from './problems'
import {
  type Catalog,
  Department,
  type Hardware,
  IDENTIFICATIONS,
  ITEM_KINDS,
  ITEM_STATUSES,
  LIMITS,
  NETWORK_POLICIES,
  SERVED_FOR,
  SERVICE_OBJECTS,
  ServiceItem,
  SOCIAL_CARD_DEPARTMENTS,
} from './schema'

type Path = readonly PropertyKey[]

/** Maps an item and a field path to where the admin finds it in their file (row and column). */
export type CatalogLocator = {
  row(itemIndex: number): number | null
  column(path: Path): string
  /** How a message names a row: "第 3 行" / "row 3" for CSV (the default), "第 3 项" / "item 3" for JSON. */
  rowName?(row: number | null): { zh: string; en: string }
}

/** `materials[0].name.zh` from `['materials', 0, 'name', 'zh']`. */
export function formatPath(path: Path): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out ? `.${String(key)}` : String(key)
  }
  return out
}

/** JSON files: row = item index + 1, column = field path. */
export const jsonLocator: CatalogLocator = {
  row: (i) => i + 1,
  column: formatPath,
  rowName: (row) => ({ zh: `第 ${row} 项`, en: `item ${row}` }),
}

const defaultRowName = (row: number | null) => ({ zh: `第 ${row} 行`, en: `row ${row}` })

/** Options shared by both import paths. */
export type CheckOptions = {
  /** Where problems point to; JSON paths by default. */
  locator?: CatalogLocator
  /** Used when a JSON catalog has no `departments` of its own (e.g. an items-only upload). */
  departments?: Department[]
  /**
   * The province catalog's item codes when the file is a district's additions (#15): an addition under one of them
   * is an error (`addition_is_province_item`), as a district adds items of its own and withdraws the province's.
   */
  provinceCodes?: ReadonlySet<string>
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const DEPARTMENT_CODE = /^[a-z][a-z0-9-]{1,30}$/
const MAYBE_HTML = /[<:=]/
const HTML_LIKE = /<\s*\/?\s*[a-z!][^>]*>|javascript\s*:|on[a-z]+\s*=\s*["']/i

type ItemIssue = z.core.$ZodIssue

const list = (values: readonly string[]) => values.join('、')

/** Translates one zod issue on an item into a problem with a stable code and a bilingual message. */
function itemIssueToProblem(issue: ItemIssue, row: number | null, locator: CatalogLocator): Problem {
  const path = issue.path
  const column = locator.column(path)
  const head = String(path[0] ?? '')
  const input = 'input' in issue ? issue.input : undefined
  const missing = issue.code === 'invalid_type' && input === undefined
  const where = formatPath(path)

  if (issue.code === 'too_big' && issue.origin === 'string') {
    const max = Number(issue.maximum)
    const len = typeof input === 'string' ? input.length : null
    const has = len === null ? '' : `${len} 个字符，`
    const hasEn = len === null ? '' : `${len} characters, `
    return error(
      'too_long',
      row,
      column,
      `内容过长：${has}上限 ${max} 个字符`,
      `too long: ${hasEn}limit ${max}`,
    )
  }
  if (issue.code === 'too_big' && issue.origin === 'array') {
    const max = Number(issue.maximum)
    return error('too_many', row, column, `条目过多：上限 ${max} 条`, `too many entries: limit ${max}`)
  }
  switch (head) {
    case 'code':
      if (missing || input === '')
        return error('missing_code', row, column, '缺少事项编码', 'the item code is missing')
      return error(
        'bad_code',
        row,
        column,
        `事项编码 ${quoteValue(input, 'zh')} 格式不对：应为 4–40 位字母、数字、- 或 _`,
        `item code ${quoteValue(input)} is malformed: use 4–40 letters, digits, - or _`,
      )
    case 'name':
      if (path[1] === 'zh' && (issue.code === 'too_small' || missing))
        return error('empty_name', row, column, '事项名称为空', 'the item name is empty')
      break
    case 'kind':
      if (missing || input === '')
        return error(
          'unknown_kind',
          row,
          column,
          `办理类型为空（应为 ${list(ITEM_KINDS)} 之一）`,
          'kind is empty',
        )
      return error(
        'unknown_kind',
        row,
        column,
        `未知的办理类型 ${quoteValue(input, 'zh')}`,
        `unknown kind ${quoteValue(input)}`,
      )
    case 'status':
      return error(
        'bad_status',
        row,
        column,
        `事项状态 ${quoteValue(input, 'zh')} 无效（应为 ${list(ITEM_STATUSES)}，或 1/0）`,
        `invalid status ${quoteValue(input)} (use 有效/无效 or 1/0)`,
      )
    case 'network':
      return error(
        'bad_network',
        row,
        column,
        `网络策略 ${quoteValue(input, 'zh')} 无效（应为 ${list(NETWORK_POLICIES)}）`,
        `invalid network policy ${quoteValue(input)} (use 仅联网 or 可离线)`,
      )
    case 'identity':
      return error(
        'unknown_identity',
        row,
        column,
        `未知的身份认证方式 ${quoteValue(input, 'zh')}`,
        `unknown identification method ${quoteValue(input)}`,
      )
    case 'servedFor':
      if (issue.code === 'too_small')
        return error(
          'empty_served_for',
          row,
          column,
          '为谁办理为空（至少填“本人”）',
          'served for is empty (at least 本人)',
        )
      return error(
        'unknown_served_for',
        row,
        column,
        `未知的办理对象 ${quoteValue(input, 'zh')}（应为 ${list(SERVED_FOR)}）`,
        `unknown "served for" ${quoteValue(input)} (use 本人, 家人 or 他人)`,
      )
    case 'hardware':
      return error(
        'unknown_hardware',
        row,
        column,
        `未知的硬件模块 ${quoteValue(input, 'zh')}`,
        `unknown hardware module ${quoteValue(input)}`,
      )
    case 'department':
      if (missing || input === '')
        return error('missing_department', row, column, '缺少实施部门', 'the department is missing')
      return error(
        'bad_department_code',
        row,
        column,
        `部门编码 ${quoteValue(input, 'zh')} 格式不对：应为小写字母开头的字母、数字或 -`,
        `department code ${quoteValue(input)} must be lowercase ASCII letters, digits or -`,
      )
    case 'timeLimit':
      return error(
        'bad_time_limit',
        row,
        column,
        '承诺办结时限无效：应为 0–365 的整数天（0 即办）',
        'invalid time limit: a whole number of days from 0 to 365 (0 = on the spot)',
      )
    case 'needsPhone':
      return error(
        'bad_flag',
        row,
        column,
        `${quoteValue(input, 'zh')} 不是有效的是/否值`,
        `${quoteValue(input)} is not a yes/no value`,
      )
    case 'fee':
      if (path[1] === 'charged')
        return error(
          'bad_fee_charged',
          row,
          column,
          `是否收费 ${quoteValue(input, 'zh')} 无效（应为 是/否）`,
          `invalid "charged" value ${quoteValue(input)} (use 是/否, yes/no or 1/0)`,
        )
      break
    case 'groups':
      return error(
        'bad_group',
        row,
        column,
        `终端分组 ${quoteValue(input, 'zh')} 格式不对：应为小写字母、数字或 -`,
        `terminal group ${quoteValue(input)} must be lowercase letters, digits or -`,
      )
  }
  if (issue.code === 'too_small' && issue.origin === 'string')
    return error('empty_text', row, column, `${where} 不能为空`, `${where} must not be empty`)
  if (missing) return error('missing_field', row, column, `缺少字段 ${where}`, `missing field ${where}`)
  return error(
    'invalid_value',
    row,
    column,
    `字段 ${where} 无效：${issue.message}`,
    `invalid ${where}: ${issue.message}`,
  )
}

/** Calls `visit` for every string inside a value; `path` is a shared stack, copy it to keep it. */
function walkStrings(
  value: unknown,
  path: PropertyKey[],
  visit: (text: string, path: PropertyKey[]) => void,
): void {
  if (typeof value === 'string') visit(value, path)
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i)
      walkStrings(value[i], path, visit)
      path.pop()
    }
  } else if (isRecord(value)) {
    for (const key in value) {
      path.push(key)
      walkStrings(value[key], path, visit)
      path.pop()
    }
  }
}

/** The departments of a catalog: parsed one by one so each bad entry is reported. */
function checkDepartments(raw: unknown, problems: Problem[]): Department[] | null {
  if (!Array.isArray(raw)) {
    problems.push(
      error(
        'wrong_shape',
        null,
        'departments',
        '缺少部门列表 departments（应为数组）',
        '"departments" must be an array',
      ),
    )
    return null
  }
  if (raw.length === 0) {
    problems.push(
      error('no_departments', null, 'departments', '部门列表为空', 'the department list is empty'),
    )
    return null
  }
  if (raw.length > 200)
    problems.push(
      error('too_many', null, 'departments', '部门过多：上限 200 个', 'too many departments: limit 200'),
    )
  const departments: Department[] = []
  const seen = new Map<string, number>()
  raw.forEach((entry, i) => {
    const parsed = Department.safeParse(entry, { reportInput: true })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = formatPath(['departments', i, ...issue.path])
        problems.push(
          error(
            'bad_department',
            null,
            path,
            `部门 ${path} 无效：${issue.message}`,
            `invalid department ${path}: ${issue.message}`,
          ),
        )
      }
      return
    }
    const first = seen.get(parsed.data.code)
    if (first !== undefined) {
      problems.push(
        error(
          'duplicate_department',
          null,
          `departments[${i}].code`,
          `部门编码 “${parsed.data.code}” 重复（与第 ${first + 1} 个部门相同）`,
          `department code "${parsed.data.code}" repeats department #${first + 1}`,
        ),
      )
      return
    }
    seen.set(parsed.data.code, i)
    departments.push(parsed.data)
  })
  return departments
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [])

/** The cross-field rules on one item, read leniently from the raw item so they run even when the schema failed. */
function checkItemRules(
  raw: Record<string, unknown>,
  row: number | null,
  locator: CatalogLocator,
  problems: Problem[],
  departmentByCode: ReadonlyMap<string, Department>,
) {
  const col = (...path: PropertyKey[]) => locator.column(path)
  const fee = isRecord(raw.fee) ? raw.fee : {}
  const name = isRecord(raw.name) ? raw.name : {}
  const item = {
    fee: { charged: fee.charged === true, standard: fee.standard },
    name: { en: typeof name.en === 'string' ? name.en.trim() : '' },
    extra: isRecord(raw.extra) ? raw.extra : undefined,
  }
  if (item.fee.charged && !item.fee.standard)
    problems.push(
      warning(
        'fee_without_standard',
        row,
        col('fee', 'standard'),
        '收费事项未填写收费标准',
        'the item is charged but has no fee standard',
      ),
    )
  if (item.name.en === '')
    problems.push(
      warning(
        'missing_en_name',
        row,
        col('name', 'en'),
        '缺少英文名称，英文界面将显示中文名称',
        'no English name: the English screen will show the Chinese name',
      ),
    )
  checkIdentityRules(raw, row, col('identity'), problems, departmentByCode)
  checkServedForRules(raw, row, col('servedFor'), problems)
  if (item.extra) {
    for (const [key, value] of Object.entries(item.extra)) {
      if (typeof value === 'string' && value.length > LIMITS.longText)
        problems.push(
          error(
            'too_long',
            row,
            col('extra', key),
            `内容过长：${value.length} 个字符，上限 ${LIMITS.longText} 个字符`,
            `too long: ${value.length} characters, limit ${LIMITS.longText}`,
          ),
        )
    }
  }
}

/** A district's own name for its 人社 or 医保 office (人力资源和社会保障局, 医疗保障局 …). */
const SOCIAL_CARD_OFFICE = /人社|人力资源|社会保障|社保|医保|医疗保障/

/** Whether a department issues or uses the 社保卡: the default codes, or a 人社 or 医保 office by its name. */
const usesSocialCard = (code: string, department: Department | undefined) =>
  (SOCIAL_CARD_DEPARTMENTS as readonly string[]).includes(code) ||
  (department !== undefined && SOCIAL_CARD_OFFICE.test(department.name.zh))

/**
 * The identification rules: 人脸 checks a face against an identified person, so it needs an identification beside
 * it; the 社保卡 identifies only for the departments that issue and use it (人社, 医保).
 */
function checkIdentityRules(
  raw: Record<string, unknown>,
  row: number | null,
  column: string | null,
  problems: Problem[],
  departmentByCode: ReadonlyMap<string, Department>,
) {
  const identity = strings(raw.identity)
  const identifies = identity.some((m) => (IDENTIFICATIONS as readonly string[]).includes(m))
  if (identity.includes('人脸') && !identifies)
    problems.push(
      error(
        'face_without_identification',
        row,
        column,
        '人脸识别只能核对已确认身份的本人，请同时填写身份证、社保卡或电子身份证中的至少一种',
        'the face check needs an identification to check against: add 身份证, 社保卡 or 电子身份证',
      ),
    )
  const department = typeof raw.department === 'string' ? raw.department.trim() : ''
  if (identity.includes('社保卡') && !usesSocialCard(department, departmentByCode.get(department)))
    problems.push(
      error(
        'social_card_wrong_department',
        row,
        column,
        `社保卡只能用于人社、医保事项的身份认证，本事项的部门为 “${departmentByCode.get(department)?.name.zh ?? department}”`,
        `the social security card identifies only for 人社 (hrss) and 医保 (medicare) items, not for department "${department}"`,
      ),
    )
}

/**
 * The 为谁办理 rules: the resident may always be served (本人 is in every list); serving family or an agent's
 * principal needs an identification to know who acts; a 查询 shows one person's records, so only the resident's own;
 * an agent (他人) needs a 委托书 among the item's materials.
 */
function checkServedForRules(
  raw: Record<string, unknown>,
  row: number | null,
  column: string | null,
  problems: Problem[],
) {
  const servedFor = strings(raw.servedFor)
  if (servedFor.length === 0) return
  const others = servedFor.filter((s) => s !== '本人')
  if (!servedFor.includes('本人'))
    problems.push(
      error(
        'served_for_without_self',
        row,
        column,
        '为谁办理须包含“本人”：能为家人或他人办理的事项，本人也能办理',
        'served for must include 本人: an item that serves family or others serves the resident too',
      ),
    )
  if (others.length === 0) return
  if (!strings(raw.identity).some((m) => (IDENTIFICATIONS as readonly string[]).includes(m)))
    problems.push(
      error(
        'served_for_without_identification',
        row,
        column,
        `为${others.join('、')}办理须先核验经办人身份，请填写身份认证方式`,
        `serving ${others.join(' or ')} needs the acting resident identified: add an identification`,
      ),
    )
  if (raw.kind === '查询')
    problems.push(
      error(
        'served_for_query',
        row,
        column,
        `查询类事项只能查询本人信息，不能为${others.join('、')}办理`,
        `a 查询 shows the resident's own records only, not those of ${others.join(' or ')}`,
      ),
    )
  const materials = Array.isArray(raw.materials) ? raw.materials : []
  const hasMandate = materials.some(
    (m) => isRecord(m) && isRecord(m.name) && isMandate(String(m.name.zh ?? '')),
  )
  if (servedFor.includes('他人') && !hasMandate)
    problems.push(
      error(
        'agent_without_mandate',
        row,
        column,
        '为他人代办须提交授权委托书，请在申请材料中加入“委托书”',
        'serving others (他人) needs a power of attorney: add a 委托书 to the materials',
      ),
    )
}

/** The hardware module a kind or an identification method cannot work without. */
const IMPLIED_HARDWARE: readonly { needs: (raw: Record<string, unknown>) => boolean; module: Hardware }[] = [
  { needs: (raw) => raw.kind === '打印', module: '打印机' },
  { needs: (raw) => strings(raw.identity).includes('人脸'), module: '摄像头' },
]

/** The modules an item needs whatever its file says: the CSV importer fills them in when there is no 硬件模块 column. */
export const impliedHardware = (raw: Record<string, unknown>): Hardware[] =>
  IMPLIED_HARDWARE.filter((h) => h.needs(raw)).map((h) => h.module)

/**
 * Reads leniently the fields whose odd values do not break a terminal, each with a warning that says what was
 * done: 热门 and 排序 only order the home screen (an unreadable cell reads as empty); 服务对象 is shown, never
 * acted on (unknown entries are left out); a module that the kind or identification implies (打印 → 打印机,
 * 人脸 → 摄像头) is added, since the item cannot run without it and nothing else could be meant.
 */
function readLenientFields(
  raw: Record<string, unknown>,
  row: number | null,
  locator: CatalogLocator,
): { item: Record<string, unknown>; problems: Problem[] } {
  const problems: Problem[] = []
  const item = { ...raw }
  if (!ServiceItem.shape.hot.safeParse(raw.hot).success) {
    delete item.hot
    problems.push(
      warning(
        'bad_hot',
        row,
        locator.column(['hot']),
        `热门标记 ${quoteValue(raw.hot, 'zh')} 无法识别，已按“否”处理（应为 是/否）`,
        `hot flag ${quoteValue(raw.hot)} is not understood and was read as "no" (use 是/否, yes/no or 1/0)`,
      ),
    )
  }
  if (!ServiceItem.shape.sort.safeParse(raw.sort).success) {
    delete item.sort
    problems.push(
      warning(
        'bad_sort',
        row,
        locator.column(['sort']),
        `排序 ${quoteValue(raw.sort, 'zh')} 无效，已按未填写处理（应为 0–1000000 的整数）`,
        `sort ${quoteValue(raw.sort)} is invalid and was left out (use a whole number 0–1,000,000)`,
      ),
    )
  }
  if (Array.isArray(raw.serviceObject)) {
    const known = raw.serviceObject.filter((v) => (SERVICE_OBJECTS as readonly unknown[]).includes(v))
    const unknown = raw.serviceObject.filter((v) => !known.includes(v))
    if (unknown.length > 0) {
      if (known.length > 0) item.serviceObject = known
      else delete item.serviceObject
      problems.push(
        warning(
          'unknown_service_object',
          row,
          locator.column(['serviceObject']),
          `服务对象 ${quoteValue(list(unknown.map(String)), 'zh')} 无法识别，已略去（应为 自然人 或 法人${known.length > 0 ? '' : '，未填写时按自然人'}）`,
          `service object ${quoteValue(unknown.map(String).join(', '))} is not understood and was left out (use 自然人 or 法人${known.length > 0 ? '' : '; none means 自然人'})`,
        ),
      )
    }
  }
  const hardware = raw.hardware === undefined ? [] : raw.hardware
  if (Array.isArray(hardware)) {
    const added = IMPLIED_HARDWARE.filter((h) => h.needs(raw) && !hardware.includes(h.module))
    if (added.length > 0) {
      item.hardware = [...hardware, ...added.map((h) => h.module)]
      const modules = added.map((h) => h.module)
      problems.push(
        warning(
          'hardware_added',
          row,
          locator.column(['hardware']),
          `硬件模块未包含${modules.map((m) => `“${m}”`).join('、')}，本事项离不开它，已自动补充`,
          `the hardware list lacked ${modules.join(' and ')}, which this item cannot run without; it was added`,
        ),
      )
    }
  }
  return { item, problems }
}

/** Checks a whole catalog and returns the parsed catalog (null on errors) with every problem found. */
export function checkCatalog(
  input: unknown,
  options: CheckOptions = {},
): { catalog: Catalog | null; problems: Problem[]; rows: number } {
  const locator = options.locator ?? jsonLocator
  const problems: Problem[] = []
  if (!isRecord(input)) {
    problems.push(
      error(
        'wrong_shape',
        null,
        null,
        Array.isArray(input)
          ? 'JSON 顶层是数组；应为对象 {"schemaVersion": 1, "departments": [...], "items": [...]}'
          : 'JSON 顶层应为对象 {"schemaVersion": 1, "departments": [...], "items": [...]}',
        'the JSON top level must be an object {"schemaVersion": 1, "departments": [...], "items": [...]}',
      ),
    )
    return { catalog: null, problems, rows: 0 }
  }
  if (input.schemaVersion !== 1)
    problems.push(
      error(
        'bad_schema_version',
        null,
        'schemaVersion',
        `schemaVersion 应为 1，实际为 ${quoteValue(input.schemaVersion ?? '（缺失）', 'zh')}`,
        `schemaVersion must be 1, got ${quoteValue(input.schemaVersion ?? '(missing)')}`,
      ),
    )
  const rawDepartments =
    input.departments === undefined && options.departments ? options.departments : input.departments
  const departments = checkDepartments(rawDepartments, problems)
  const departmentCodes = new Set(departments?.map((d) => d.code))
  const departmentByCode = new Map(departments?.map((d) => [d.code, d]))

  const rawItems = input.items
  if (!Array.isArray(rawItems)) {
    problems.push(
      error('wrong_shape', null, 'items', '缺少事项列表 items（应为数组）', '"items" must be an array'),
    )
    return { catalog: null, problems, rows: 0 }
  }
  if (rawItems.length === 0)
    problems.push(error('no_items', null, 'items', '文件中没有任何事项', 'the file contains no items'))
  if (rawItems.length > LIMITS.items)
    problems.push(
      error(
        'too_many_items',
        null,
        'items',
        `事项过多：${rawItems.length} 项，上限 ${LIMITS.items} 项`,
        `too many items: ${rawItems.length}, limit ${LIMITS.items}`,
      ),
    )

  const items: ServiceItem[] = []
  const firstRowOfCode = new Map<string, number | null>()
  rawItems.forEach((raw, index) => {
    const row = locator.row(index)
    if (!isRecord(raw)) {
      problems.push(error('wrong_shape', row, null, '该事项不是对象', 'this item is not an object'))
      return
    }
    const htmlSeen = new Set<string>()
    walkStrings(raw, [], (text, path) => {
      if (!MAYBE_HTML.test(text) || htmlSeen.has(text)) return
      htmlSeen.add(text)
      if (HTML_LIKE.test(text))
        problems.push(
          warning(
            'looks_like_html',
            row,
            locator.column([...path]),
            '内容看起来像 HTML 或脚本，将按纯文本保存和显示',
            'looks like HTML or script: it is stored and shown as plain text',
          ),
        )
    })
    if (typeof raw.code === 'string' && raw.code.trim() !== '') {
      const key = raw.code.trim().toLowerCase()
      if (firstRowOfCode.has(key)) {
        const first = (locator.rowName ?? defaultRowName)(firstRowOfCode.get(key) ?? null)
        problems.push(
          error(
            'duplicate_code',
            row,
            locator.column(['code']),
            `事项编码 “${raw.code.trim()}” 重复：与${first.zh}相同`,
            `duplicate item code "${raw.code.trim()}": also on ${first.en}`,
          ),
        )
      } else firstRowOfCode.set(key, row)
      if (options.provinceCodes?.has(raw.code.trim()))
        problems.push(
          error(
            'addition_is_province_item',
            row,
            locator.column(['code']),
            `事项编码 “${raw.code.trim()}” 已在全省事项清单中：本区县新增的事项须使用自己的编码`,
            `item code "${raw.code.trim()}" is in the province catalog: a district's addition needs a code of its own`,
          ),
        )
    }
    const display = readLenientFields(raw, row, locator)
    const parsed = ServiceItem.safeParse(display.item)
    if (!parsed.success) {
      // Re-parse the rare failing item with its inputs attached, so messages can quote the bad value.
      const detailed = ServiceItem.safeParse(display.item, { reportInput: true })
      for (const issue of detailed.error?.issues ?? parsed.error.issues)
        problems.push(itemIssueToProblem(issue, row, locator))
    }
    problems.push(...display.problems)
    const department = typeof raw.department === 'string' ? raw.department.trim() : ''
    if (departments && DEPARTMENT_CODE.test(department) && !departmentCodes.has(department))
      problems.push(
        error(
          'unknown_department',
          row,
          locator.column(['department']),
          `未知的实施部门 “${department}”：部门列表中没有该编码`,
          `unknown department "${department}": not in the department list`,
        ),
      )
    checkItemRules(raw, row, locator, problems, departmentByCode)
    if (parsed.success) items.push(parsed.data)
  })

  const hasErrors = problems.some((p) => p.severity === 'error')
  const catalog: Catalog | null =
    hasErrors || !departments ? null : { schemaVersion: 1, departments: departments, items }
  return { catalog, problems, rows: rawItems.length }
}

/** Validates an already-parsed JSON catalog (e.g. a request body) and reports like a file import. */
export function validateCatalog(input: unknown, options: CheckOptions = {}): ImportReport {
  const { catalog, problems, rows } = checkCatalog(input, options)
  return makeReport({ format: 'json', encoding: null, catalog, problems, rows })
}
