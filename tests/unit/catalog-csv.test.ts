import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { columnKeyOf, parseTimeLimit, splitList } from '../../services-catalog/src/csv'
import { catalogToCsv, catalogToRows } from '../../services-catalog/src/csvExport'
import { DepartmentResolver } from '../../services-catalog/src/departmentMatch'
import { diffCatalogs } from '../../services-catalog/src/diff'
import { importCatalogFile } from '../../services-catalog/src/importCatalog'
import { makeSampleCatalog, makeSampleCsv, timeCsvImport } from '../../services-catalog/src/sampleCsv'
import type { Department } from '../../services-catalog/src/schema'

const fixtures = resolve(import.meta.dirname, '../fixtures/catalog')
const departments: Department[] = JSON.parse(readFileSync(resolve(fixtures, 'departments.json'), 'utf8'))
const utf8 = (text: string) => new TextEncoder().encode(text)
const importCsv = (text: string | Uint8Array, fileName = 'upload.csv') =>
  importCatalogFile(typeof text === 'string' ? utf8(text) : text, { fileName, departments })

const HEADER = '事项编码,事项名称,英文名称,实施部门,办理类型,身份认证方式,硬件模块'
const ROW = 'RS-CX-0001,社保卡个人信息查询,Social security card information,人社,查询,身份证,身份证读卡器'

describe('CSV import', () => {
  it('reads UTF-8 with and without BOM the same way', () => {
    const plain = importCsv(`${HEADER}\n${ROW}\n`)
    const bom = importCsv(`\uFEFF${HEADER}\r\n${ROW}\r\n`)
    expect(plain.ok).toBe(true)
    expect(bom.ok).toBe(true)
    expect(bom.encoding).toBe('utf-8')
    expect(bom.catalog!.items[0]).toEqual(plain.catalog!.items[0])
    expect(bom.catalog!.items[0]!.code).toBe('RS-CX-0001')
  })

  it('reads a GBK file (Excel on Chinese Windows) and says so', () => {
    const report = importCsv(iconv.encode(`${HEADER}\r\n${ROW}\r\n`, 'gbk'))
    expect(report.encoding).toBe('gb18030')
    expect(report.ok).toBe(true)
    expect(report.catalog!.items[0]!.name.zh).toBe('社保卡个人信息查询')
    expect(report.catalog!.items[0]!.department).toBe('rs')
  })

  it('keeps commas and newlines inside quoted cells and counts spreadsheet rows, not lines', () => {
    const text = `${HEADER},办事指南\n${ROW},"第一段，含逗号\n第二段"\nGA-CX-0001,出入境记录查询,Exit-entry records,公安,查看,身份证,身份证读卡器,\n`
    const report = importCsv(text)
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 3, column: '办理类型', code: 'unknown_kind', severity: 'error' }),
    ])
    const ok = importCsv(text.replace('查看', '查询'))
    expect(ok.catalog!.items[0]!.guide.summary.zh).toBe('第一段，含逗号\n第二段')
  })

  it('accepts English header aliases and header decorations (case, *, （说明）)', () => {
    const text =
      'Code,NAME*,name_en,Department,kind,Time_Limit（工作日）,fee_charged,FeeStandard,status,hot,sort,groups\n' +
      'SW-JF-0001,城乡居民医保缴费,Medical insurance payment,税务局,缴费,10,是,按年度档次,1,是,5,town-a；town-b\n'
    const report = importCsv(text)
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([])
    const item = report.catalog!.items[0]!
    expect(item).toMatchObject({
      code: 'SW-JF-0001',
      name: { zh: '城乡居民医保缴费', en: 'Medical insurance payment' },
      department: 'sw',
      kind: '缴费',
      timeLimit: { days: 10, unit: '工作日' },
      fee: { charged: true, standard: { zh: '按年度档次', en: '' } },
      status: '有效',
      hot: true,
      sort: 5,
      groups: ['town-a', 'town-b'],
    })
    expect(columnKeyOf(' 事项编码* ')).toBe('code')
    expect(columnKeyOf('nameEn')).toBe('nameEn')
    expect(columnKeyOf('NAME_EN')).toBe('nameEn')
  })

  it('splits lists on ； and ; and maps vocabulary variants (人脸识别, 高拍仪, 离线可用, 0)', () => {
    const text =
      '事项编码,事项名称,英文名称,实施部门,办理类型,事项别名,搜索关键词,身份认证方式,硬件模块,申请材料,网络策略,事项状态\n' +
      'RS-SB-0001,养老资格认证,Pension check,人社,申办,生存认证；资格认证;认证,养老金; 年审,身份证、人脸识别,读卡器；摄像机；高拍仪,"居民身份证;户口簿（非必需）；照片（电子）",离线可用,0\n'
    const report = importCsv(text)
    expect(report.ok).toBe(true)
    const item = report.catalog!.items[0]!
    expect(item.aliases).toEqual(['生存认证', '资格认证', '认证'])
    expect(item.keywords).toEqual(['养老金', '年审'])
    expect(item.identity).toEqual(['身份证', '人脸'])
    expect(item.hardware).toEqual(['身份证读卡器', '摄像头', '高拍仪'])
    expect(item.network).toBe('可离线')
    expect(item.status).toBe('无效')
    expect(item.materials.map((m) => [m.name.zh, m.required, m.form])).toEqual([
      ['居民身份证', true, '纸质'],
      ['户口簿', false, '纸质'],
      ['照片', true, '电子'],
    ])
    expect(item.guide.bring).toEqual({ zh: '本人居民身份证。', en: 'Your resident ID card.' })
    expect(splitList('a；b;;  ；c')).toEqual(['a', 'b', 'c'])
  })

  it('reads 为谁办理 (代办 is 他人) and writes it back; a file without the column serves 本人 only', () => {
    const text =
      '事项编码,事项名称,英文名称,实施部门,办理类型,身份认证方式,为谁办理,申请材料\n' +
      'RS-SB-0001,社保卡补换,Replace a card,人社,申办,身份证,本人；家庭成员；代办,授权委托书（电子）（非必需）\n' +
      'RS-SB-0002,失业登记,Unemployment registration,人社,申办,身份证,,\n'
    const report = importCsv(text)
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([])
    const [agent, self] = report.catalog!.items
    expect(agent!.servedFor).toEqual(['本人', '家人', '他人'])
    expect(self!.servedFor).toEqual(['本人'])
    const rows = catalogToRows(report.catalog!)
    const column = rows[0]!.indexOf('为谁办理')
    expect(rows[1]![column]).toBe('本人；家人；他人')
    expect(rows[2]![column]).toBe('本人')
    const again = importCsv(catalogToCsv(report.catalog!))
    expect(again.catalog!.items.map((i) => i.servedFor)).toEqual([['本人', '家人', '他人'], ['本人']])
    const national = importCsv('事项编码,事项名称,实施部门,办理类型\nRS-CX-0009,社保查询,人社,查询\n')
    expect(national.catalog!.items[0]!.servedFor).toEqual(['本人'])
  })

  it('reads the identification and device words: 粤省事 is the 电子身份证, the old 扫描仪 the 高拍仪', () => {
    const text =
      '事项编码,事项名称,英文名称,实施部门,办理类型,身份认证方式,硬件模块\n' +
      'RS-CX-0001,社保查询,Insurance record,人社,查询,居民身份证；社会保障卡；粤省事码,读卡器；社保卡阅读器；扫码枪；扫描仪\n' +
      'RS-CX-0002,社保明细,Insurance details,人社,查询,电子证照,二维码扫描器\n'
    const report = importCsv(text)
    expect(report.ok).toBe(true)
    const [first, second] = report.catalog!.items
    expect(first!.identity).toEqual(['身份证', '社保卡', '电子身份证'])
    expect(first!.hardware).toEqual(['身份证读卡器', '社保卡读卡器', '扫码器', '高拍仪'])
    // An older file's 电子证照 meant the phone's identity code.
    expect(second!.identity).toEqual(['电子身份证'])
    expect(second!.hardware).toEqual(['扫码器'])
    expect(second!.guide.bring.zh).toBe('能打开粤省事电子身份证的手机。')
  })

  it('reads time limits written the usual ways', () => {
    expect(parseTimeLimit('即办')).toEqual({ days: 0, unit: '工作日' })
    expect(parseTimeLimit('即办件')).toEqual({ days: 0, unit: '工作日' })
    expect(parseTimeLimit('5个工作日')).toEqual({ days: 5, unit: '工作日' })
    expect(parseTimeLimit('10')).toEqual({ days: 10, unit: '工作日' })
    expect(parseTimeLimit('30天')).toEqual({ days: 30, unit: '自然日' })
    expect(parseTimeLimit('15 个自然日')).toEqual({ days: 15, unit: '自然日' })
    expect(parseTimeLimit('尽快')).toBeNull()
  })

  it('reports every missing required column by name', () => {
    const report = importCsv('事项名称,英文名称\n社保卡查询,Card\n')
    expect(report.problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ['missing_column', 1, '事项编码'],
      ['missing_column', 1, '实施部门'],
      ['missing_column', 1, '办理类型'],
    ])
    expect(report.ok).toBe(false)
  })

  it('keeps unknown columns in item.extra and warns once per column', () => {
    const report = importCsv(
      `${HEADER},备注,业务系统名称\n${ROW},窗口同步,\n${ROW.replace('0001', '0002')},,人社系统\n`,
    )
    expect(report.ok).toBe(true)
    expect(report.summary.unknownColumns).toEqual(['备注', '业务系统名称'])
    expect(report.problems.filter((p) => p.code === 'unknown_column')).toHaveLength(2)
    expect(report.catalog!.items[0]!.extra).toEqual({ 备注: '窗口同步' })
    expect(report.catalog!.items[1]!.extra).toEqual({ 业务系统名称: '人社系统' })
  })

  it('creates unknown departments once, with unique pinyin-initial codes, and warns', () => {
    const text = `${HEADER}\nDA-CX-0001,婚姻登记档案查询,Marriage records,档案馆,查询,身份证,身份证读卡器\nDA-CX-0002,档案查询,Archive lookup,档案馆,查询,身份证,身份证读卡器\nDA-CX-0003,地震信息查询,Earthquake info,地震安全局,查询,,\n`
    const report = importCsv(text)
    expect(report.ok).toBe(true)
    expect(report.summary.departmentsCreated).toEqual(['dag', 'dzaqj'])
    expect(report.problems.filter((p) => p.code === 'department_created').map((p) => p.row)).toEqual([2, 4])
    expect(report.catalog!.departments.map((d) => d.code)).toEqual([
      ...departments.map((d) => d.code),
      'dag',
      'dzaqj',
    ])
    expect(report.catalog!.items.map((i) => i.department)).toEqual(['dag', 'dag', 'dzaqj'])
  })

  it('matches departments by code, full name, short name and region-prefixed name', () => {
    const resolver = new DepartmentResolver(departments)
    const code = (cell: string) => resolver.resolve(cell).code
    expect(code('rs')).toBe('rs')
    expect(code('人社')).toBe('rs')
    expect(code('人力资源和社会保障局')).toBe('rs')
    expect(code('顺德区人力资源和社会保障局')).toBe('rs')
    expect(code('医保')).toBe('yb')
    expect(code('医疗保障局')).toBe('yb')
    expect(code('税务')).toBe('sw')
    expect(code('公安')).toBe('ga')
    expect(code('Civil Affairs Bureau')).toBe('mz')
    expect(resolver.created()).toEqual([])
    const data = new DepartmentResolver([
      { code: 'land', name: { zh: '不动产登记', en: '' }, sort: 0 },
      { code: 'housing', name: { zh: '住房建设', en: '' }, sort: 0 },
      { code: 'judicial', name: { zh: '司法', en: '' }, sort: 0 },
      { code: 'hrss', name: { zh: '人社', en: '' }, sort: 0 },
    ])
    expect(data.resolve('自然资源（不动产登记）').code).toBe('land')
    expect(data.resolve('住房和城乡建设局').code).toBe('housing')
    expect(data.resolve('司法行政').code).toBe('judicial')
    expect(data.resolve('区人力资源和社会保障局').code).toBe('hrss')
    expect(data.resolve('公安').created).toBe(true)
    const dup = new DepartmentResolver([{ code: 'dag', name: { zh: '其他', en: '' }, sort: 0 }])
    expect(dup.resolve('档案馆')).toEqual({ code: 'dag-2', created: true })
  })

  it('refuses files over 5 MB without parsing them', () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41)
    const report = importCsv(big)
    expect(report.problems.map((p) => p.code)).toEqual(['file_too_large'])
    expect(report.format).toBeNull()
  })

  it('the committed 300-row GBK district file validates clean', () => {
    const bytes = readFileSync(resolve(fixtures, 'district-300.gbk.csv'))
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    const report = importCatalogFile(bytes, { fileName: 'district-300.gbk.csv' })
    expect(report.encoding).toBe('gb18030')
    expect(report.summary.errors).toBe(0)
    expect(report.summary.rows).toBe(300)
    expect(report.catalog!.items).toHaveLength(300)
  })

  it('imports 5,000 rows completely (its speed is a figure in npm run bench)', () => {
    const bytes = makeSampleCsv(5000)
    const runs = [timeCsvImport(5000, bytes)]
    for (const { report } of runs) {
      expect(report.ok).toBe(true)
      expect(report.summary.items).toBe(5000)
    }
  }, 60_000)
})

describe('CSV layout variants', () => {
  it('skips a title row above the header and keeps spreadsheet row numbers', () => {
    const text = `顺德区政务服务自助终端事项清单,,,,,,\n\n${HEADER}\n${ROW}\nGA-CX-0001,出入境记录查询,Exit-entry records,公安,查看,身份证,身份证读卡器\n`
    const report = importCsv(text)
    expect(report.problems.map((p) => [p.row, p.column, p.code])).toEqual([[5, '办理类型', 'unknown_kind']])
    expect(report.summary.rows).toBe(2)
  })

  it('reads tab-separated text (copied out of Excel)', () => {
    const report = importCsv(`${HEADER.replaceAll(',', '\t')}\n${ROW.replaceAll(',', '\t')}\n`, 'paste.txt')
    expect(report.ok).toBe(true)
    expect(report.catalog!.items[0]!.hardware).toEqual(['身份证读卡器'])
  })
})

describe('CSV updates of a published catalog', () => {
  const published = makeSampleCatalog(12)
  published.items[0]!.fields = [
    {
      key: 'phone',
      type: 'phone',
      label: { zh: '手机号码', en: 'Mobile number' },
      required: true,
      personal: true,
    },
  ]
  published.items[0]!.extra = { 备注: '窗口同步办理' }

  it('export → import with the published catalog as base changes nothing', () => {
    const csv = catalogToCsv(published, { bom: true })
    const report = importCatalogFile(new TextEncoder().encode(csv), {
      fileName: 'export.csv',
      base: published,
    })
    expect(report.ok).toBe(true)
    const diff = diffCatalogs(published, report.catalog!)
    expect(diff.changed).toEqual([])
    expect(diff.unchanged).toBe(12)
  })

  it('without a base the CSV form loses what it cannot carry (form fields, English guide texts)', () => {
    const csv = catalogToCsv(published)
    const report = importCatalogFile(new TextEncoder().encode(csv), { departments: published.departments })
    const fields = diffCatalogs(published, report.catalog!).changed.flatMap((c) =>
      c.fields.map((f) => f.path),
    )
    expect(fields).toContain('fields')
    expect(fields).toContain('guide.summary.en')
  })

  it('a partial spreadsheet only changes the columns it has', () => {
    const [a, b] = published.items
    const text = `事项编码,事项名称,实施部门,办理类型,热门\n${a!.code},${a!.name.zh},rs,${a!.kind},否\n${b!.code},${b!.name.zh}（新）,rs,${b!.kind},是\n`
    const report = importCatalogFile(new TextEncoder().encode(text), { fileName: 'hot.csv', base: published })
    expect(report.ok).toBe(true)
    expect(report.problems).toEqual([])
    const diff = diffCatalogs({ ...published, items: published.items.slice(0, 2) }, report.catalog!)
    expect(diff.changed).toEqual([
      { code: a!.code, name: a!.name.zh, fields: [{ path: 'hot', before: true, after: false }] },
      {
        code: b!.code,
        name: `${b!.name.zh}（新）`,
        fields: [
          { path: 'name.zh', before: b!.name.zh, after: `${b!.name.zh}（新）` },
          { path: 'hot', before: false, after: true },
        ],
      },
    ])
    expect(report.catalog!.items[0]!.fields).toHaveLength(1)
  })
})

describe('file type and encoding checks', () => {
  const codesOf = (bytes: Uint8Array, fileName?: string) =>
    importCatalogFile(bytes, { fileName, departments }).problems.map((p) => p.code)

  it('names an Excel workbook as such instead of parsing zip bytes', () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])
    const report = importCatalogFile(xlsx, { fileName: '事项清单.csv' })
    expect(report.problems.map((p) => p.code)).toEqual(['not_csv_or_json'])
    expect(report.problems[0]!.message.zh).toContain('另存为')
    expect(codesOf(utf8('anything'), '事项清单.xlsx')).toEqual(['not_csv_or_json'])
  })

  it('rejects bytes that are neither UTF-8 nor GB18030', () => {
    expect(codesOf(new Uint8Array([0x41, 0x2c, 0xff, 0x0a]))).toEqual(['bad_encoding'])
  })

  it('treats whitespace-only files as empty and sniffs JSON without an extension', () => {
    expect(codesOf(utf8(' \r\n\t\n'))).toEqual(['empty_file'])
    const report = importCatalogFile(utf8('  {"schemaVersion": 1, "items": []}'), { departments })
    expect(report.format).toBe('json')
    expect(report.problems.map((p) => p.code)).toEqual(['no_items'])
  })
})

describe('row numbers after a skipped row', () => {
  it('keeps pointing at the right spreadsheet row after a row with extra cells', () => {
    const text = `${HEADER}\nGA-CX-0003,机动车违法信息查询,Vehicle violations, traffic,公安,查询,身份证,身份证读卡器\n${ROW.replace('查询,身份证', '办证,身份证')}\n`
    const report = importCsv(text)
    expect(report.problems.map((p) => [p.row, p.code])).toEqual([
      [2, 'extra_cells'],
      [3, 'unknown_kind'],
    ])
  })
})
