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
})
