import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCatalogFile } from '../../services-catalog/src/importCatalog'
import { corpusDepartments as departments, loadCorpus, problemKeys } from '../fixtures/catalog/corpus'

const { dir, expected, files, importFile } = loadCorpus('bad')

describe('bad-file corpus (tests/fixtures/catalog/bad)', () => {
  it('has an expectation for every file and a file for every expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(15)
    expect(Object.keys(expected).sort()).toEqual(files)
  })

  for (const file of files) {
    it(`${file} reports exactly its expected problems`, () => {
      const report = importFile(file)
      const got = problemKeys(report)
      expect(got).toEqual(expected[file])
      const errors = got.filter((p) => p.severity === 'error').length
      expect(report.ok).toBe(errors === 0)
      expect(report.summary.errors).toBe(errors)
      expect(report.catalog === null).toBe(errors > 0)
      for (const p of report.problems) {
        expect(p.message.zh).toMatch(/\p{Script=Han}/u)
        expect(p.message.en).toMatch(/[a-z]/)
      }
    })
  }

  it('names both rows of a duplicate code and quotes the unknown kind in both languages', () => {
    const dup = importCatalogFile(readFileSync(resolve(dir, 'duplicate-code.csv')), { departments })
    expect(dup.problems[0]!.message.zh).toContain('第 2 行')
    expect(dup.problems[0]!.row).toBe(4)
    const kind = importCatalogFile(readFileSync(resolve(dir, 'unknown-kind.csv')), { departments })
    expect(kind.problems[0]!.message).toEqual({ zh: '未知的办理类型 “办证”', en: 'unknown kind "办证"' })
    const long = importCatalogFile(readFileSync(resolve(dir, 'too-long-name.csv')), { departments })
    expect(long.problems[0]!.message.zh).toContain('上限 60')
  })

  it('names what identification a face check lacks and which department may not take the 社保卡', () => {
    const report = importCatalogFile(readFileSync(resolve(dir, 'identity-rules.csv')), { departments })
    const [face, card] = report.problems
    expect(face!.message.zh).toContain('身份证、社保卡或电子身份证')
    expect(face!.message.en).toContain('needs an identification to check against')
    expect(card!.message.zh).toBe('社保卡只能用于人社、医保事项的身份认证，本事项的部门为 “公安分局”')
    expect(card!.message.en).toContain('only for 人社 (hrss) and 医保 (medicare) items')
  })

  it('names what 为谁办理 lacks in both languages: the 委托书, 本人, an identification, and the unknown word', () => {
    const report = importCatalogFile(readFileSync(resolve(dir, 'served-for-rules.csv')), { departments })
    const [mandate, query, self, identification, unknown] = report.problems
    expect(mandate!.message.zh).toBe('为他人代办须提交授权委托书，请在申请材料中加入“委托书”')
    expect(mandate!.message.en).toContain('add a 委托书 to the materials')
    expect(query!.message.zh).toBe('查询类事项只能查询本人信息，不能为家人办理')
    expect(self!.message.en).toContain('must include 本人')
    expect(identification!.message.zh).toBe('为家人办理须先核验经办人身份，请填写身份认证方式')
    expect(unknown!.message).toEqual({
      zh: '未知的办理对象 “朋友”（应为 本人、家人、他人）',
      en: 'unknown "served for" "朋友" (use 本人, 家人 or 他人)',
    })
  })

  it('reports the GBK file as GB18030 and its error on the right row', () => {
    const report = importCatalogFile(readFileSync(resolve(dir, 'gbk-bad-kind.csv')), { departments })
    expect(report.encoding).toBe('gb18030')
    expect(report.problems[0]!.message.zh).toBe('未知的办理类型 “开具”')
  })

  it('accepts script-looking text with a warning and keeps it verbatim as text', () => {
    const report = importCatalogFile(readFileSync(resolve(dir, 'script-tag.csv')), { departments })
    expect(report.ok).toBe(true)
    expect(report.catalog!.items[0]!.name.zh).toBe('婚姻登记预约<script>alert(1)</script>')
    expect(report.problems[0]!.message.en).toContain('plain text')
  })

  it('refuses a file over 5 MB (generated here, not committed)', () => {
    const line =
      'RS-CX-0001,社保卡个人信息查询,Social security card information,人社,查询,身份证,身份证读卡器\n'
    const text = `事项编码,事项名称,英文名称,实施部门,办理类型,身份认证方式,硬件模块\n${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length) + 10)}`
    const bytes = new TextEncoder().encode(text)
    expect(bytes.length).toBeGreaterThan(5 * 1024 * 1024)
    const report = importCatalogFile(bytes, { fileName: 'big.csv', departments })
    expect(
      report.problems.map(({ severity, row, column, code }) => ({ severity, row, column, code })),
    ).toEqual([{ severity: 'error', row: null, column: null, code: 'file_too_large' }])
  })
})
