import { describe, expect, it } from 'vitest'
import { importCatalogFile } from '../../services-catalog/src/importCatalog'
import { formatProblem } from '../../services-catalog/src/problems'
import { makeSampleCatalog, SAMPLE_DEPARTMENTS } from '../../services-catalog/src/sampleCsv'
import { type CatalogInput, LIMITS } from '../../services-catalog/src/schema'
import { validateCatalog } from '../../services-catalog/src/validate'

const minimalItem = {
  code: 'RS-CX-0001',
  name: { zh: '社保卡个人信息查询', en: 'Social security card information' },
  department: 'rs',
  kind: '查询',
  guide: {
    summary: { zh: '查询社保卡信息。', en: 'Look up your card.' },
    eligibility: { zh: '参保人员。', en: 'Insured people.' },
    bring: { zh: '身份证。', en: 'ID card.' },
  },
}
const catalogOf = (items: unknown[]): CatalogInput =>
  ({ schemaVersion: 1, departments: SAMPLE_DEPARTMENTS, items }) as CatalogInput
const codes = (input: unknown) => validateCatalog(input).problems.map((p) => `${p.row}:${p.column}:${p.code}`)

describe('validateCatalog (JSON form)', () => {
  it('fills schema defaults for a minimal item', () => {
    const report = validateCatalog(catalogOf([minimalItem]))
    expect(report.ok).toBe(true)
    expect(report.format).toBe('json')
    expect(report.catalog!.items[0]).toMatchObject({
      aliases: [],
      serviceObject: ['自然人'],
      identity: [],
      timeLimit: { days: 0, unit: '工作日' },
      fee: { charged: false },
      network: '仅联网',
      status: '有效',
      hot: false,
      groups: [],
    })
  })

  it('trims text and accepts names exactly at the limit, rejects one character more', () => {
    const atLimit = { ...minimalItem, name: { zh: `  ${'社'.repeat(LIMITS.name)}  `, en: 'x' } }
    const report = validateCatalog(catalogOf([atLimit]))
    expect(report.ok).toBe(true)
    expect(report.catalog!.items[0]!.name.zh).toHaveLength(LIMITS.name)
    const over = { ...minimalItem, name: { zh: '社'.repeat(LIMITS.name + 1), en: 'x' } }
    expect(codes(catalogOf([over]))).toEqual(['1:name.zh:too_long'])
  })

  it('reports every problem of every item, with item number and field path', () => {
    const items = [
      minimalItem,
      { ...minimalItem, code: 'GA-DY-0001', kind: '打印' },
      { ...minimalItem, code: 'RS-CX-0001', identity: ['身份证', '人脸'], hardware: ['身份证读卡器'] },
      { ...minimalItem, code: 'SW-JF-0001', kind: '缴费', department: 'tax' },
      { ...minimalItem, code: 'bad code!', aliases: Array.from({ length: 31 }, (_, i) => `别名${i}`) },
      {
        ...minimalItem,
        code: 'YB-CX-0001',
        name: { zh: '查询', en: '' },
        materials: [{ name: { zh: '', en: '' } }],
      },
    ]
    expect(codes(catalogOf(items))).toEqual([
      '2:hardware:hardware_added',
      '3:code:duplicate_code',
      '3:hardware:hardware_added',
      '4:department:unknown_department',
      '5:code:bad_code',
      '5:aliases:too_many',
      '6:materials[0].name.zh:empty_text',
      '6:name.en:missing_en_name',
    ])
  })

  it('accepts a 缴费 item with 是否收费 = 否: a premium, tax, fine or bill is not a handling fee', () => {
    const premium = { ...minimalItem, code: 'SW-JF-0001', kind: '缴费', fee: { charged: false } }
    const report = validateCatalog(catalogOf([premium]))
    expect(report.problems).toEqual([])
    expect(report.catalog!.items[0]!.fee).toEqual({ charged: false })
  })

  it('rejects wrong shapes with one clear error instead of a cascade', () => {
    expect(codes([minimalItem])).toEqual(['null:null:wrong_shape'])
    expect(codes('catalog')).toEqual(['null:null:wrong_shape'])
    expect(codes({ schemaVersion: 1, departments: SAMPLE_DEPARTMENTS })).toEqual(['null:items:wrong_shape'])
    expect(codes({ schemaVersion: 1, departments: [], items: [minimalItem] })).toEqual([
      'null:departments:no_departments',
    ])
    expect(codes(catalogOf([]))).toEqual(['null:items:no_items'])
    expect(codes(catalogOf(['not an item']))).toEqual(['1:null:wrong_shape'])
  })

  it('reports bad and duplicate departments by their path', () => {
    const departments = [
      ...SAMPLE_DEPARTMENTS,
      { code: 'rs', name: { zh: '重复', en: '' } },
      { code: 'Bad', name: { zh: 'x', en: '' } },
    ]
    expect(codes({ schemaVersion: 1, departments, items: [minimalItem] })).toEqual([
      'null:departments[5].code:duplicate_department',
      'null:departments[6].code:bad_department',
    ])
  })

  it('uses the given departments when a JSON upload carries only items', () => {
    const report = validateCatalog(
      { schemaVersion: 1, items: [minimalItem] },
      { departments: SAMPLE_DEPARTMENTS },
    )
    expect(report.ok).toBe(true)
    expect(report.catalog!.departments).toEqual(SAMPLE_DEPARTMENTS)
  })

  it('warns about HTML-looking text anywhere in an item but keeps it as text', () => {
    const item = {
      ...minimalItem,
      guide: {
        ...minimalItem.guide,
        summary: { zh: '<img src=x onerror="alert(1)">', en: 'javascript:alert(1)' },
      },
    }
    const report = validateCatalog(catalogOf([item]))
    expect(report.ok).toBe(true)
    expect(report.problems.map((p) => [p.severity, p.column, p.code])).toEqual([
      ['warning', 'guide.summary.zh', 'looks_like_html'],
      ['warning', 'guide.summary.en', 'looks_like_html'],
    ])
    expect(report.catalog!.items[0]!.guide.summary.zh).toBe('<img src=x onerror="alert(1)">')
  })

  it('rejects bad form fields (select without options, bad regex) by path', () => {
    const item = {
      ...minimalItem,
      fields: [
        { key: 'town', type: 'select', label: { zh: '镇街', en: 'Town' } },
        { key: 'idNo', type: 'text', label: { zh: '证件号', en: 'ID' }, pattern: '([' },
      ],
    }
    expect(codes(catalogOf([item]))).toEqual([
      '1:fields[0].options:invalid_value',
      '1:fields[1].pattern:invalid_value',
    ])
  })

  it('formats one line per problem the way the CLI prints it', () => {
    const [p] = importCatalogFile(
      new TextEncoder().encode(
        '事项编码,事项名称,英文名称,实施部门,办理类型\nRS-CX-0001,社保卡查询,Card,rs,办证\n',
      ),
      {
        departments: SAMPLE_DEPARTMENTS,
      },
    ).problems
    expect(formatProblem(p!)).toBe('row 2, 办理类型: 未知的办理类型 “办证” / unknown kind "办证"')
  })

  it('a JSON file with a BOM and an items-only sample catalog round-trip', () => {
    const json = `\uFEFF${JSON.stringify(makeSampleCatalog(20))}`
    const report = importCatalogFile(new TextEncoder().encode(json), { fileName: 'catalog.json' })
    expect(report.ok).toBe(true)
    expect(report.summary.items).toBe(20)
    expect(report.catalog).toEqual(makeSampleCatalog(20))
  })
})
