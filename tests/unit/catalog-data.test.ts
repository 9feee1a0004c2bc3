/**
 * The default catalog shipped in services-catalog/data: valid against the schema, realistic in shape,
 * and identical to what the source tables build (so nobody edits catalog.json by hand and drifts).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildDefaultCatalog, CATALOG_JSON_PATH } from '../../services-catalog/data/generate'
import { Catalog, ITEM_KINDS } from '../../services-catalog/src/schema'
import { checkCatalog } from '../../services-catalog/src/validate'
import { identifiedByCard } from '../fixtures/node/catalog'

const raw: unknown = JSON.parse(readFileSync(CATALOG_JSON_PATH, 'utf8'))
const catalog = Catalog.parse(raw)
const items = catalog.items

describe('default catalog data', () => {
  it('is a schema-valid catalog of at least 240 items in at least 10 departments', () => {
    expect(catalog.schemaVersion).toBe(1)
    expect(items.length).toBeGreaterThanOrEqual(240)
    expect(catalog.departments.length).toBeGreaterThanOrEqual(10)
  })

  it('matches what the source tables build (no drift between tables and catalog.json)', () => {
    expect(catalog).toEqual(Catalog.parse(buildDefaultCatalog()))
  })

  it('passes the importer’s cross-item checks without a single error or warning', () => {
    const { catalog: checked, problems } = checkCatalog(raw)
    expect(problems).toEqual([])
    expect(checked?.items.length).toBe(items.length)
  })

  it('has unique item codes and unique department codes', () => {
    const codes = items.map((i) => i.code.toLowerCase())
    expect(new Set(codes).size).toBe(codes.length)
    const depts = catalog.departments.map((d) => d.code)
    expect(new Set(depts).size).toBe(depts.length)
  })

  it('puts every item in a listed department, and every department has items', () => {
    const depts = new Set(catalog.departments.map((d) => d.code))
    for (const item of items) expect(depts.has(item.department), item.code).toBe(true)
    for (const dept of depts)
      expect(
        items.some((i) => i.department === dept),
        dept,
      ).toBe(true)
  })

  it('charges a handling fee (是否收费 = 是) only for real fees, never for premiums, taxes, fines or bills', () => {
    const payments = items.filter((i) => i.kind === '缴费')
    expect(payments.filter((i) => i.fee.charged).map((i) => i.code)).toEqual(['ZR-JF-0001'])
    expect(payments.filter((i) => !i.fee.charged).map((i) => i.code)).toEqual([
      'GA-JF-0001',
      'SW-JF-0001',
      'SW-JF-0002',
      'SW-JF-0003',
      'SW-JF-0004',
      'YB-JF-0001',
      'GJJ-JF-0001',
      'SD-JF-0001',
      'SD-JF-0002',
      'SD-JF-0003',
    ])
    // What the resident pays is still stated before they start: in the guide summary.
    const fine = payments.find((i) => i.code === 'GA-JF-0001')!
    expect(fine.guide.summary.zh.startsWith('按处罚决定书载明的金额缴纳')).toBe(true)
  })

  it('gives each kind the hardware and fee it needs', () => {
    for (const item of items) {
      if (item.kind === '打印') expect(item.hardware, item.code).toContain('打印机')
      if (item.identity.includes('人脸')) expect(item.hardware, item.code).toContain('摄像头')
      if (item.identity.includes('身份证')) expect(item.hardware, item.code).toContain('身份证读卡器')
      if (item.kind === '缴费')
        expect(item.guide.bring.zh, item.code).toContain('开通了微信、支付宝或云闪付的手机')
      if (item.fee.charged) expect(item.fee.standard?.zh, item.code).toBeTruthy()
      if (item.kind === '预约') {
        expect(
          item.fields.some((f) => f.type === 'date'),
          item.code,
        ).toBe(true)
        expect(
          item.fields.some((f) => f.type === 'select' && f.key === 'timeSlot'),
          item.code,
        ).toBe(true)
      }
      if (item.identity.includes('社保卡')) expect(item.hardware, item.code).toContain('社保卡读卡器')
      if (item.identity.includes('电子身份证')) expect(item.hardware, item.code).toContain('扫码器')
      if (item.hardware.includes('高拍仪')) expect(item.groups, item.code).toEqual(['town-centre'])
    }
  })

  it('uses every kind and keeps most items on every terminal', () => {
    for (const kind of ITEM_KINDS)
      expect(
        items.some((i) => i.kind === kind),
        kind,
      ).toBe(true)
    expect(items.filter((i) => i.groups.length === 0).length).toBeGreaterThan(items.length * 0.9)
  })

  it('has real names in both languages, never numbered filler', () => {
    for (const item of items) {
      expect(item.name.zh, item.code).not.toMatch(/(事项|服务)\s*\d+$/)
      expect(item.name.en.trim(), item.code).not.toBe('')
      expect(item.guide.summary.en.trim(), item.code).not.toBe('')
    }
    const names = items.map((i) => i.name.zh)
    expect(new Set(names).size).toBe(names.length)
    for (const dept of catalog.departments) expect(dept.name.en.trim(), dept.code).not.toBe('')
  })

  it('marks about ten items hot and only a few inactive', () => {
    const hot = items.filter((i) => i.hot).length
    expect(hot).toBeGreaterThanOrEqual(8)
    expect(hot).toBeLessThanOrEqual(12)
    const off = items.filter((i) => i.status === '无效')
    expect(off.length).toBeGreaterThanOrEqual(1)
    expect(off.length).toBeLessThanOrEqual(3)
    for (const item of off) expect(item.hot, item.code).toBe(false)
  })

  it('keeps sort orders distinct within each department', () => {
    for (const dept of catalog.departments) {
      const sorts = items.filter((i) => i.department === dept.code).map((i) => i.sort)
      expect(new Set(sorts).size, dept.code).toBe(sorts.length)
    }
  })

  it('offers an hrss query by ID card without a face check or form fields (the end-to-end test uses it)', () => {
    const hrssQuery = items.find(
      (i) =>
        i.department === 'hrss' &&
        i.kind === '查询' &&
        i.status === '有效' &&
        identifiedByCard(i) &&
        i.fields.length === 0,
    )
    expect(hrssQuery?.code).toBe('RS-CX-0001')
  })

  it('gives 人社 and 医保 items the 社保卡, queries, prints and payments the 电子身份证, and 人脸 never alone', () => {
    for (const item of items) {
      const withCard = item.identity.includes('身份证') && !item.identity.includes('人脸')
      if (withCard && (item.department === 'hrss' || item.department === 'medicare'))
        expect(item.identity, item.code).toContain('社保卡')
      if (!['hrss', 'medicare'].includes(item.department))
        expect(item.identity, item.code).not.toContain('社保卡')
      if (withCard && ['查询', '打印', '缴费'].includes(item.kind))
        expect(item.identity, item.code).toContain('电子身份证')
      if (item.identity.includes('人脸'))
        expect(
          item.identity.some((m) => m !== '人脸'),
          item.code,
        ).toBe(true)
    }
    const lost = items.find((i) => i.name.zh === '居民身份证丢失补领')
    expect(lost?.identity).toEqual(['电子身份证', '人脸'])
    expect(lost?.guide.bring.zh).toContain('粤省事电子身份证')
  })

  it('serves family on the premium item, 他人 only with a 委托书, and most 申办 for 本人 alone', () => {
    const premium = items.find((i) => i.name.zh === '城乡居民养老、医疗保险清缴')!
    expect(premium.servedFor).toEqual(['本人', '家人'])
    const agentItems = items.filter((i) => i.servedFor.includes('他人'))
    expect(agentItems.length).toBeGreaterThanOrEqual(2)
    for (const item of agentItems) expect(item.materials.map((m) => m.name.zh)).toContain('授权委托书')
    const applications = items.filter((i) => i.kind === '申办')
    const selfOnly = applications.filter((i) => i.servedFor.join() === '本人')
    expect(selfOnly.length / applications.length).toBeGreaterThan(0.8)
    expect(items.filter((i) => i.kind === '查询' && i.servedFor.length > 1)).toEqual([])
  })

  it('offers a query with no identification at all in medicare or police', () => {
    const open = items.filter(
      (i) =>
        (i.department === 'medicare' || i.department === 'police') &&
        i.kind === '查询' &&
        i.status === '有效' &&
        i.identity.length === 0,
    )
    expect(open.map((i) => i.code)).toContain('YB-CX-0012')
  })
})
