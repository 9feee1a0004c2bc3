import { describe, expect, it } from 'vitest'
import { buildSearchIndex, normaliseQuery } from '../../kiosk/src/search/searchIndex'
import type { SearchEntry } from '../../services-catalog/src/schema'
import { sampleCatalog } from '../fixtures/node/kiosk/sampleCatalog'

const entries: SearchEntry[] = [
  { code: 'A', text: '失业登记', pinyin: 'shiyedengji', initials: 'sydj' },
  {
    code: 'B',
    text: '社保卡个人信息查询\u0001社保卡查询',
    pinyin: 'shebaokagerenxinxichaxun\u0001shebaokachaxun',
    initials: 'sbkgrxxcx\u0001sbkcx',
  },
  { code: 'C', text: '办理社保卡挂失', pinyin: 'banlishebaokaguashi', initials: 'blsbkgs' },
  { code: 'D', text: '社保缴费\u0001social insurance payment', pinyin: 'shebaojiaofei', initials: 'sbjf' },
  { code: 'E', text: '医疗机构查询', pinyin: 'yiliaojigouchaxun', initials: 'yljgcx' },
]

describe('kiosk item search', () => {
  const index = buildSearchIndex(entries)

  it('finds 社保卡 items by initials "sbk", initials prefix first, then substring', () => {
    expect(index.query('sbk')).toEqual(['B', 'C'])
  })
  it('ranks name/pinyin prefix before substring', () => {
    expect(index.query('shebao')).toEqual(['B', 'D', 'C'])
    expect(index.query('社保')).toEqual(['B', 'D', 'C'])
  })
  it('matches English text case-insensitively and ignores spaces', () => {
    expect(index.query('Social Ins')).toEqual(['D'])
    expect(normaliseQuery(" Xi'an ")).toBe('xian')
  })
  it('answers nothing for an empty query and honours the limit', () => {
    expect(index.query('  ')).toEqual([])
    expect(index.query('c', 2)).toHaveLength(2)
  })
  it('works over a published catalog', () => {
    const catalogIndex = buildSearchIndex(sampleCatalog().search)
    expect(catalogIndex.query('ylzg')).toEqual(['A-PENSION-01'])
    expect(catalogIndex.query('hy')[0]).toBe('B-MARRY-001')
  })
  it('answers every query over 10,000 items with a bounded, exact result list (speed is in npm run bench)', () => {
    const syllables = [
      'she',
      'bao',
      'ka',
      'yi',
      'liao',
      'hu',
      'ji',
      'zheng',
      'ming',
      'cha',
      'xun',
      'dai',
      'yu',
    ]
    const many: SearchEntry[] = []
    for (let i = 0; i < 10_000; i++) {
      const parts = [0, 1, 2, 3].map((k) => syllables[(i * (k + 3) + k) % syllables.length] ?? 'a')
      many.push({
        code: `I${i}`,
        text: `事项${i}名称\u0001alias ${i}\u0001关键词${i % 97}`,
        pinyin: `${parts.join('')}${i}\u0001bieming${i}`,
        initials: `${parts.map((p) => p[0]).join('')}\u0001bm`,
      })
    }
    const big = buildSearchIndex(many)
    const queries = [
      's',
      'sb',
      'sbk',
      'shebao',
      'liao',
      'zm',
      '事项99',
      'alias 12',
      'xyz',
      'bm',
      'cha',
      '关键词5',
    ]
    for (const q of queries) {
      const codes = big.query(q)
      expect(codes.length, q).toBeLessThanOrEqual(50)
      expect(new Set(codes).size, q).toBe(codes.length)
    }
    // An exact name finds its own item first, even among 10,000.
    expect(big.query('事项9876名称')[0]).toBe('I9876')
  })
})
