import { describe, expect, it } from 'vitest'
import { diffCatalogs, diffFields } from '../../services-catalog/src/diff'
import { makeSampleCatalog } from '../../services-catalog/src/sampleCsv'
import type { Catalog } from '../../services-catalog/src/schema'

const base = makeSampleCatalog(6)
const clone = (c: Catalog): Catalog => structuredClone(c)

describe('diffCatalogs', () => {
  it('against nothing published: everything is added', () => {
    const diff = diffCatalogs(null, base)
    expect(diff.added).toHaveLength(6)
    expect(diff.added[0]).toEqual({ code: base.items[0]!.code, name: base.items[0]!.name.zh })
    expect(diff.departmentsAdded).toEqual(base.departments.map((d) => d.code))
    expect(diff).toMatchObject({ removed: [], changed: [], departmentsRemoved: [], unchanged: 0 })
  })

  it('identical catalogs: nothing changed, key order does not matter', () => {
    const reordered = clone(base)
    reordered.items[0] = Object.fromEntries(
      Object.entries(reordered.items[0]!).reverse(),
    ) as Catalog['items'][number]
    const diff = diffCatalogs(base, reordered)
    expect(diff.unchanged).toBe(6)
    expect(diff.changed).toEqual([])
  })

  it('shows a change of 为谁办理 as its own field', () => {
    const next = clone(base)
    next.items[0]!.servedFor = ['本人', '家人']
    const diff = diffCatalogs(base, next)
    expect(diff.changed).toEqual([
      {
        code: base.items[0]!.code,
        name: base.items[0]!.name.zh,
        fields: [{ path: 'servedFor', before: ['本人'], after: ['本人', '家人'] }],
      },
    ])
  })

  it('lists added, removed and changed items with dotted field paths', () => {
    const next = clone(base)
    const [first, second] = next.items
    first!.name.zh = '社保卡信息查询'
    first!.fee = { charged: true, standard: { zh: '工本费 20 元', en: '' } }
    second!.groups = ['town-a']
    second!.hardware = [...second!.hardware, '高拍仪']
    const removed = next.items.pop()!
    next.items.push({ ...removed, code: 'NEW-0001' })
    next.departments = next.departments
      .slice(1)
      .concat({ code: 'da', name: { zh: '档案馆', en: '' }, sort: 90 })
    next.departments[0]!.name.en = 'Police'

    const diff = diffCatalogs(base, next)
    expect(diff.added).toEqual([{ code: 'NEW-0001', name: removed.name.zh }])
    expect(diff.removed).toEqual([{ code: removed.code, name: removed.name.zh }])
    expect(diff.changed).toEqual([
      {
        code: first!.code,
        name: '社保卡信息查询',
        fields: [
          { path: 'name.zh', before: base.items[0]!.name.zh, after: '社保卡信息查询' },
          { path: 'fee.charged', before: false, after: true },
          { path: 'fee.standard', before: undefined, after: { zh: '工本费 20 元', en: '' } },
        ],
      },
      {
        code: second!.code,
        name: second!.name.zh,
        fields: [
          { path: 'hardware', before: base.items[1]!.hardware, after: second!.hardware },
          { path: 'groups', before: [], after: ['town-a'] },
        ],
      },
    ])
    expect(diff.unchanged).toBe(3)
    expect(diff.departmentsAdded).toEqual(['da'])
    expect(diff.departmentsRemoved).toEqual([base.departments[0]!.code])
    expect(diff.departmentsChanged).toEqual([
      {
        code: 'ga',
        name: '公安分局',
        fields: [{ path: 'name.en', before: 'Public Security Sub-bureau', after: 'Police' }],
      },
    ])
  })

  it('treats absent and undefined keys alike and compares arrays as wholes', () => {
    expect(diffFields({ a: 1, b: undefined }, { a: 1 })).toEqual([])
    expect(diffFields({ list: [1, 2] }, { list: [2, 1] })).toEqual([
      { path: 'list', before: [1, 2], after: [2, 1] },
    ])
    expect(diffFields({ extra: { 备注: 'a' } }, { extra: { 备注: 'b' } })).toEqual([
      { path: 'extra.备注', before: 'a', after: 'b' },
    ])
  })
})
