/**
 * Realistic synthetic catalogs of any size, for the import benchmark (5,000 rows must import in < 2 s)
 * and for tests that need volume. Not used at runtime.
 */
import { catalogToCsv } from './csvExport'
import { importCatalogFile } from './importCatalog'
import type { ImportReport } from './problems'
import type { Catalog, Department, ServiceItem } from './schema'

/** The departments the synthetic catalogs use. */
export const SAMPLE_DEPARTMENTS: Department[] = [
  {
    code: 'rs',
    name: { zh: '区人力资源和社会保障局', en: 'Human Resources and Social Security Bureau' },
    sort: 10,
  },
  { code: 'ga', name: { zh: '公安分局', en: 'Public Security Sub-bureau' }, sort: 20 },
  { code: 'sw', name: { zh: '国家税务总局区税务局', en: 'Tax Bureau' }, sort: 30 },
  { code: 'yb', name: { zh: '区医疗保障局', en: 'Healthcare Security Bureau' }, sort: 40 },
  { code: 'mz', name: { zh: '区民政局', en: 'Civil Affairs Bureau' }, sort: 50 },
]

type Template = Pick<ServiceItem, 'department' | 'kind' | 'identity' | 'hardware'> & {
  zh: string
  en: string
  aliases: string[]
  charged?: boolean
  days?: number
}

const TEMPLATES: Template[] = [
  {
    department: 'rs',
    kind: '查询',
    zh: '社保卡个人信息查询',
    en: 'Social security card information',
    aliases: ['社保卡查询'],
    identity: ['身份证'],
    hardware: ['身份证读卡器'],
  },
  {
    department: 'rs',
    kind: '打印',
    zh: '上年度养老保险个人权益记录单',
    en: "Last year's pension rights statement",
    aliases: ['权益单打印'],
    identity: ['身份证'],
    hardware: ['身份证读卡器', '打印机'],
  },
  {
    department: 'rs',
    kind: '申办',
    zh: '城乡居民养老保险待遇资格认证',
    en: "Residents' pension eligibility check",
    aliases: ['养老资格认证', '生存认证'],
    identity: ['身份证', '人脸'],
    hardware: ['身份证读卡器', '摄像头'],
  },
  {
    department: 'ga',
    kind: '打印',
    zh: '户籍证明开具',
    en: 'Household registration certificate',
    aliases: ['户口证明'],
    identity: ['身份证', '人脸'],
    hardware: ['身份证读卡器', '摄像头', '打印机'],
  },
  {
    department: 'ga',
    kind: '申办',
    zh: '居民身份证有效期满换领',
    en: 'ID card renewal on expiry',
    aliases: ['身份证换领'],
    identity: ['身份证', '人脸'],
    hardware: ['身份证读卡器', '摄像头'],
    days: 20,
  },
  {
    department: 'sw',
    kind: '缴费',
    zh: '城乡居民养老、医疗保险清缴',
    en: "Residents' pension and medical insurance payment",
    aliases: ['社保缴费', '医保缴费'],
    identity: ['身份证'],
    hardware: ['身份证读卡器', '打印机'],
    charged: true,
  },
  {
    department: 'yb',
    kind: '查询',
    zh: '医保就医明细查询',
    en: 'Medical visit details',
    aliases: ['就医记录'],
    identity: ['身份证'],
    hardware: ['身份证读卡器'],
  },
  {
    department: 'mz',
    kind: '预约',
    zh: '婚姻登记预约',
    en: 'Marriage registration appointment',
    aliases: ['结婚预约'],
    identity: ['身份证'],
    hardware: ['身份证读卡器'],
  },
]

/** A valid catalog of `count` items cycling through realistic templates, each with a unique code. */
export function makeSampleCatalog(count: number): Catalog {
  const items: ServiceItem[] = []
  for (let i = 0; i < count; i++) {
    const t = TEMPLATES[i % TEMPLATES.length]!
    items.push({
      code: `${t.department.toUpperCase()}-${String(i + 1).padStart(5, '0')}`,
      name: { zh: t.zh, en: t.en },
      aliases: t.aliases,
      keywords: [],
      department: t.department,
      theme: '',
      serviceObject: ['自然人'],
      kind: t.kind,
      identity: t.identity,
      servedFor: ['本人'],
      needsPhone: false,
      hardware: t.hardware,
      timeLimit: { days: t.days ?? 0, unit: '工作日' },
      fee: t.charged ? { charged: true, standard: { zh: '按当年缴费档次收取', en: '' } } : { charged: false },
      materials: [
        { name: { zh: '居民身份证', en: 'Resident ID card' }, required: true, form: '纸质', copies: 1 },
      ],
      guide: {
        summary: { zh: `${t.zh}：按屏幕提示操作即可完成。`, en: `${t.en}: follow the steps on screen.` },
        eligibility: { zh: '本区户籍或参保居民。', en: 'Residents registered or insured in the district.' },
        bring: { zh: '本人居民身份证。', en: 'Your resident ID card.' },
      },
      fields: [],
      network: '仅联网',
      status: '有效',
      hot: i % 10 === 0,
      sort: i,
      groups: [],
    })
  }
  return { schemaVersion: 1, departments: SAMPLE_DEPARTMENTS, items }
}

/** UTF-8 CSV bytes (with BOM) of a sample catalog of `rows` items. */
export function makeSampleCsv(rows: number): Uint8Array {
  return new TextEncoder().encode(catalogToCsv(makeSampleCatalog(rows), { bom: true }))
}

/** Imports `rows` generated CSV rows once and returns the elapsed time; what the benchmark times. */
export function timeCsvImport(
  rows = 5000,
  bytes: Uint8Array = makeSampleCsv(rows),
): { ms: number; report: ImportReport } {
  const start = performance.now()
  const report = importCatalogFile(bytes, { fileName: 'sample.csv', departments: SAMPLE_DEPARTMENTS })
  return { ms: performance.now() - start, report }
}
