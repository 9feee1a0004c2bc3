/**
 * Matches the department a CSV row names (code, full name or a short name such as 人社) to the
 * known departments, and creates a department for a name nobody knows so the import can go on.
 */
import type { Department } from './schema'
import { pinyinInitials } from './searchIndex'

/** Short names used in everyday office speech, mapped to the core of the full name. */
const SHORT_NAMES: Record<string, string[]> = {
  人社: ['人力资源和社会保障', '人力资源社会保障'],
  社保: ['社会保险', '社会保险基金'],
  医保: ['医疗保障'],
  卫健: ['卫生健康', '卫生和健康'],
  市场监管: ['市场监督管理', '市场监督'],
  发改: ['发展和改革', '发展改革'],
  住建: ['住房和城乡建设', '住房城乡建设', '住房建设'],
  司法: ['司法行政'],
  教育: ['教育体育', '教育'],
  水电气: ['供水供电供气', '水电燃气'],
  残联: ['残疾人联合会'],
  公积金: ['住房公积金'],
  不动产: ['不动产登记'],
  交通: ['交通运输'],
  退役军人: ['退役军人事务'],
  政数: ['政务服务数据', '政务服务和数据'],
  自然资源: ['自然资源'],
  税务: ['税务'],
}

const SUFFIXES = /(分局|总局|管理局|局|委员会|管理中心|中心|办公室|事务)$/

/** The distinctive core of a Chinese department name: "区人力资源和社会保障局" → "区人力资源和社会保障". */
function core(name: string): string {
  let out = name.replace(/\s+/g, '')
  for (let i = 0; i < 3; i++) {
    const next = out.replace(SUFFIXES, '')
    if (next === out || next.length < 2) break
    out = next
  }
  return out
}

/** Adds a core and the long or short forms of a known short name inside it. */
function coreKeys(c: string, keys: Set<string>) {
  keys.add(c)
  for (const [short, longs] of Object.entries(SHORT_NAMES)) {
    if (c === short || c.endsWith(short))
      for (const l of longs) keys.add(c.slice(0, c.length - short.length) + l)
    for (const l of longs) if (c.endsWith(l)) keys.add(c.slice(0, c.length - l.length) + short)
  }
}

/** Every form a name may take; "自然资源（不动产登记）" also answers to 自然资源 and to 不动产登记. */
function nameKeys(name: string): string[] {
  const keys = new Set<string>()
  coreKeys(core(name), keys)
  const bracket = /^(.*?)[（(]([^）)]+)[）)]$/.exec(name.trim())
  if (bracket) {
    coreKeys(core(bracket[1]!), keys)
    coreKeys(core(bracket[2]!), keys)
  }
  return [...keys].filter((k) => k.length >= 2)
}

const CODE_PATTERN = /^[a-z][a-z0-9-]{1,30}$/

/** A code for a new department from its name's pinyin initials ("档案馆" → "dag"), unique among `taken`. */
export function departmentCodeFor(name: string, taken: ReadonlySet<string>): string {
  const lower = name.trim().toLowerCase()
  let base = CODE_PATTERN.test(lower) ? lower : pinyinInitials(name).replace(/[^a-z0-9]/g, '')
  if (!/^[a-z]/.test(base)) base = `d${base}`
  if (base.length < 2) base = `dept-${base}`
  base = base.slice(0, 26)
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`
    if (!taken.has(candidate)) return candidate
  }
}

/** Resolves department cells against known departments, creating unknown ones (reported by the caller). */
export class DepartmentResolver {
  private readonly all: Department[]
  private readonly createdList: Department[] = []
  private readonly cache = new Map<string, { code: string; created: boolean }>()

  constructor(known: readonly Department[] = []) {
    this.all = [...known]
  }

  /** Every department: the known ones in their order, then the created ones. */
  departments(): Department[] {
    return this.all
  }

  /** Only the departments this import created. */
  created(): Department[] {
    return this.createdList
  }

  /** The matching department code; `created` is true only the first time an unknown name is seen. */
  resolve(cell: string): { code: string; created: boolean } {
    const text = cell.trim()
    const cached = this.cache.get(text)
    if (cached) return { code: cached.code, created: false }
    const found = this.match(text)
    let result: { code: string; created: boolean }
    if (found) result = { code: found.code, created: false }
    else {
      const taken = new Set(this.all.map((d) => d.code))
      const maxSort = this.all.reduce((m, d) => Math.max(m, d.sort), 0)
      const dept: Department = {
        code: departmentCodeFor(text, taken),
        name: { zh: text, en: '' },
        sort: maxSort + 10,
      }
      this.all.push(dept)
      this.createdList.push(dept)
      result = { code: dept.code, created: true }
    }
    this.cache.set(text, result)
    return result
  }

  private match(text: string): Department | undefined {
    const lower = text.toLowerCase()
    const exact = this.all.find(
      (d) =>
        d.code === lower || d.name.zh === text || (d.name.en !== '' && d.name.en.toLowerCase() === lower),
    )
    if (exact) return exact
    const cellKeys = nameKeys(text)
    const hits = this.all.filter((d) => {
      const deptKeys = nameKeys(d.name.zh)
      return cellKeys.some((c) => deptKeys.some((k) => k === c || k.endsWith(c) || c.endsWith(k)))
    })
    return hits.length === 1 ? hits[0] : undefined
  }
}
