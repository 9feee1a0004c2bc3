import { describe, expect, it } from 'vitest'
import { loadCorpus, problemKeys } from '../fixtures/catalog/corpus'

const { expected, files, importFile } = loadCorpus('warn')

/** Files that look odd but are real exports: each publishes, with exactly its expected warnings. */
describe('warnings corpus (tests/fixtures/catalog/warn)', () => {
  it('has an expectation for every file and a file for every expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(3)
    expect(Object.keys(expected).sort()).toEqual(files)
  })

  for (const file of files) {
    it(`${file} publishes with exactly its expected warnings`, () => {
      const report = importFile(file)
      expect(problemKeys(report)).toEqual(expected[file])
      expect(report.ok).toBe(true)
      expect(report.summary.errors).toBe(0)
      expect(report.summary.warnings).toBe(expected[file]!.length)
      for (const p of report.problems) {
        expect(p.message.zh).toMatch(/\p{Script=Han}/u)
        expect(p.message.en).toMatch(/[a-z]/)
      }
    })
  }

  it('keeps 是否收费 = 否 on premiums, taxes and fines, and tells the resident to bring a phone to pay', () => {
    const items = importFile('county-export-payments.csv').catalog!.items
    expect(items.map((i) => [i.code, i.fee.charged])).toEqual([
      ['SW-JF-0001', false],
      ['SW-JF-0004', false],
      ['YB-JF-0001', false],
      ['GA-JF-0001', false],
      ['GA-JF-0002', true],
      ['GA-JF-0003', true],
    ])
    for (const item of items)
      expect(item.guide.bring.zh, item.code).toBe('本人居民身份证、开通了微信、支付宝或云闪付的手机。')
  })

  it('reads an unreadable 热门 as not hot and an unreadable 排序 as unset, quoting the cell', () => {
    const report = importFile('hot-and-sort-unreadable.csv')
    expect(report.catalog!.items.map((i) => [i.code, i.hot, i.sort])).toEqual([
      ['RS-CX-0001', false, 10],
      ['RS-CX-0002', true, 0],
    ])
    expect(report.problems.map((p) => p.message)).toEqual([
      {
        zh: '热门标记 “热” 无法识别，已按“否”处理（应为 是/否）',
        en: 'hot flag "热" is not understood and was read as "no" (use 是/否, yes/no or 1/0)',
      },
      {
        zh: '排序 “第一” 无效，已按未填写处理（应为 0–1000000 的整数）',
        en: 'sort "第一" is invalid and was left out (use a whole number 0–1,000,000)',
      },
    ])
  })

  it('adds the module a 打印 or 人脸 item cannot run without, and says so', () => {
    const print = importFile('print-without-printer.csv')
    expect(print.catalog!.items[0]!.hardware).toEqual(['身份证读卡器', '打印机'])
    expect(print.problems[0]!.message).toEqual({
      zh: '硬件模块未包含“打印机”，本事项离不开它，已自动补充',
      en: 'the hardware list lacked 打印机, which this item cannot run without; it was added',
    })
    expect(importFile('face-without-camera.json').catalog!.items[1]!.hardware).toEqual([
      '身份证读卡器',
      '摄像头',
    ])
  })

  it('reads a national export without 硬件模块: modules from kind and identity, national 服务对象 values', () => {
    const report = importFile('national-export-columns.csv')
    expect(report.catalog!.items.map((i) => [i.code, i.hardware, i.serviceObject])).toEqual([
      ['RS-DY-0001', ['打印机'], ['自然人']],
      ['RS-SB-0007', ['摄像头'], ['自然人']],
      ['SW-CX-0009', [], ['法人']],
      ['SW-CX-0010', [], ['自然人']],
    ])
    expect(report.problems[0]!.message).toEqual({
      zh: '服务对象 “港澳台居民” 无法识别，已略去（应为 自然人 或 法人，未填写时按自然人）',
      en: 'service object "港澳台居民" is not understood and was left out (use 自然人 or 法人; none means 自然人)',
    })
  })
})
