import { describe, expect, it } from 'vitest'
import { makeSampleCatalog } from '../../services-catalog/src/sampleCsv'
import type { ServiceItem } from '../../services-catalog/src/schema'
import {
  buildSearchIndex,
  fullPinyin,
  pinyinInitials,
  SEARCH_FIELD_SEPARATOR,
} from '../../services-catalog/src/searchIndex'

const items = makeSampleCatalog(8).items
const withName = (zh: string, extra: Partial<ServiceItem> = {}): ServiceItem => ({
  ...items[0]!,
  code: 'TEST-0001',
  name: { zh, en: '' },
  aliases: [],
  keywords: [],
  ...extra,
})

/** What the kiosk does with an entry: substring match on any of the three strings. */
const matches = (query: string, list: ServiceItem[]) =>
  buildSearchIndex(list)
    .filter((e) => e.text.includes(query) || e.pinyin.includes(query) || e.initials.includes(query))
    .map((e) => e.code)

describe('buildSearchIndex', () => {
  it('finds the 社保卡 item by initials "sbk" and by full pinyin "shebaoka"', () => {
    const card = items.find((i) => i.name.zh.startsWith('社保卡'))!
    expect(matches('sbk', items)).toContain(card.code)
    expect(matches('shebaoka', items)).toContain(card.code)
    expect(matches('sbk', items)).not.toContain(items.find((i) => i.name.zh === '户籍证明开具')!.code)
  })

  it('indexes aliases and keywords, lower-cases English, and joins fields with \\u0001', () => {
    const [entry] = buildSearchIndex([
      withName('上年度养老保险个人权益记录单', {
        name: { zh: '上年度养老保险个人权益记录单', en: 'Pension Rights Statement' },
        aliases: ['权益单打印'],
        keywords: ['对账单'],
      }),
    ])
    expect(entry!.text.split(SEARCH_FIELD_SEPARATOR)).toEqual([
      '上年度养老保险个人权益记录单',
      'pension rights statement',
      '权益单打印',
      '对账单',
    ])
    expect(entry!.initials.split(SEARCH_FIELD_SEPARATOR)).toEqual(['sndylbxgrqyjld', 'qyddy'])
    expect(entry!.pinyin.split(SEARCH_FIELD_SEPARATOR)[1]).toBe('quanyidandayin')
  })

  it('reads polyphones in context (银行 yinhang, 重庆 chongqing, 长者 zhangzhe)', () => {
    expect(fullPinyin('银行卡')).toBe('yinhangka')
    expect(fullPinyin('重庆')).toBe('chongqing')
    expect(pinyinInitials('长者')).toBe('zz')
  })

  it('keeps Latin words and digits, drops punctuation, writes ü as v', () => {
    expect(pinyinInitials('12345热线')).toBe('12345rx')
    expect(fullPinyin('养老金卡（折）调整')).toBe('yanglaojinkazhetiaozheng')
    expect(fullPinyin('绿色通道')).toBe('lvsetongdao')
    expect(pinyinInitials('ETC办理')).toBe('etcbl')
  })

  it('indexes 5,000 items, one entry each', () => {
    const many = makeSampleCatalog(5000).items
    const index = buildSearchIndex(many)
    expect(index).toHaveLength(5000)
    expect(new Set(index.map((e) => e.code)).size).toBe(5000)
  })
})
