/**
 * A district's catalog overlay (#15), pure parts: the candidate check names exactly its problems (the additions
 * file through the province importer, an addition under a province code, a withdrawal the province lacks, a kept
 * addition the province has since taken the code of), and the effective catalog follows the one rule — the
 * province wins a shared code, and a withdrawal of a dropped code withdraws nothing.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { indexCatalog } from '../../mock-backend/src/catalogCache'
import type { CatalogVersionFull } from '../../mock-backend/src/db/rows'
import { checkOverlay } from '../../mock-backend/src/overlays/checkOverlay'
import { applyOverlay, overlayConflicts } from '../../mock-backend/src/overlays/effectiveCatalog'
import { diffOverlays } from '../../mock-backend/src/overlays/overlayDiff'
import { Catalog } from '../../services-catalog/src/schema'
import { buildSearchIndex } from '../../services-catalog/src/searchIndex'
import { FIXTURE_CATALOG } from '../fixtures/node/backend/server'

const province = Catalog.parse(JSON.parse(readFileSync(FIXTURE_CATALOG, 'utf8')))
const file = (name: string) => ({
  name,
  bytes: new Uint8Array(readFileSync(resolve(import.meta.dirname, '../fixtures/catalog/overlay', name))),
})
const keys = (r: ReturnType<typeof checkOverlay>) =>
  r.problems.map(({ severity, row, column, code }) => ({ severity, row, column, code }))

describe('a district overlay candidate', () => {
  it('accepts new items and withdrawals of province items', () => {
    const r = checkOverlay(
      { file: file('additions.csv'), withdrawals: ['TAX-Q-0001', 'TAX-Q-0001'] },
      province,
      undefined,
    )
    expect(keys(r)).toEqual([])
    expect(r.ok).toBe(true)
    expect(r.overlay?.additions.map((i) => [i.code, i.department, i.name.zh])).toEqual([
      ['YC-MZ-0001', 'hrss', '源城区高龄津贴申领'],
    ])
    expect(r.overlay?.withdrawals).toEqual(['TAX-Q-0001'])
    expect(r.overlay?.departments).toEqual([])
  })

  it('names an addition under a province item’s code at its row, and a withdrawal the province lacks', () => {
    const r = checkOverlay(
      { file: file('province-code.csv'), withdrawals: ['NOPE-0001'] },
      province,
      undefined,
    )
    expect(keys(r)).toEqual([
      { severity: 'error', row: 3, column: '事项编码', code: 'addition_is_province_item' },
      { severity: 'error', row: null, column: 'withdrawals', code: 'unknown_withdrawal' },
    ])
    expect(r.problems[0]!.message.zh).toBe(
      '事项编码 “HRSS-Q-0001” 已在全省事项清单中：本区县新增的事项须使用自己的编码',
    )
    expect(r.problems[1]!.message.en).toBe('the province catalog has no item "NOPE-0001" to withdraw')
    expect([r.ok, r.overlay]).toEqual([false, null])
  })

  it('names a JSON addition under a province code by its item number, and keeps the importer’s own problems', () => {
    const json = { ...province, items: [{ ...province.items[0]!, code: 'YC-1' }, province.items[1]!] }
    const r = checkOverlay(
      { file: { name: 'a.json', bytes: new TextEncoder().encode(JSON.stringify(json)) }, withdrawals: [] },
      province,
      undefined,
    )
    expect(keys(r)).toEqual([
      { severity: 'error', row: 2, column: 'code', code: 'addition_is_province_item' },
      // The importer's own warning for the same item, as the province catalog's upload gives it.
      { severity: 'warning', row: 2, column: 'hardware', code: 'hardware_added' },
    ])
    const badKind = readFileSync(resolve(import.meta.dirname, '../fixtures/catalog/bad/unknown-kind.csv'))
    const bad = checkOverlay(
      { file: { name: 'k.csv', bytes: badKind }, withdrawals: [] },
      province,
      undefined,
    )
    expect(keys(bad).map((p) => p.code)).toContain('unknown_kind')
    expect(bad.ok).toBe(false)
  })

  it('keeps the active additions when no file is sent, and names one the province has since taken the code of', () => {
    const kept = checkOverlay({ file: file('additions.csv'), withdrawals: [] }, province, undefined).overlay!
    const again = checkOverlay({ withdrawals: ['HRSS-P-0002'] }, province, kept)
    expect([again.ok, again.overlay?.additions, again.overlay?.withdrawals]).toEqual([
      true,
      kept.additions,
      ['HRSS-P-0002'],
    ])
    expect(checkOverlay({ file: null, withdrawals: [] }, province, kept).overlay?.additions).toEqual([])
    const later = {
      ...province,
      items: [...province.items, { ...kept.additions[0]!, name: { zh: '省级', en: 'P' } }],
    }
    expect(keys(checkOverlay({ withdrawals: [] }, later, kept))).toEqual([
      { severity: 'error', row: 1, column: 'code', code: 'addition_is_province_item' },
    ])
  })

  it('diffs against the active overlay: items added, withdrawn and restored', () => {
    const first = checkOverlay(
      { file: file('additions.csv'), withdrawals: ['TAX-Q-0001'] },
      province,
      undefined,
    )
    const second = checkOverlay({ withdrawals: ['HRSS-P-0002'] }, province, first.overlay!)
    expect(diffOverlays(undefined, first.overlay!, province)).toMatchObject({
      additions: { added: [{ code: 'YC-MZ-0001' }], removed: [], departmentsAdded: [] },
      withdrawn: [{ code: 'TAX-Q-0001', name: '个人纳税记录查询' }],
      restored: [],
    })
    expect(diffOverlays(first.overlay!, second.overlay!, province)).toMatchObject({
      additions: { added: [], removed: [], unchanged: 1 },
      withdrawn: [{ code: 'HRSS-P-0002' }],
      restored: [{ code: 'TAX-Q-0001' }],
    })
  })
})

describe('the effective catalog of a district', () => {
  const version = (catalog: Catalog): CatalogVersionFull => ({
    version: 3,
    publishedAt: '2026-03-02T01:00:00.000Z',
    publishedBy: 'admin',
    note: '',
    itemCount: catalog.items.length,
    catalog,
    search: buildSearchIndex(catalog.items),
  })
  const overlay = checkOverlay(
    { file: file('additions.csv'), withdrawals: ['TAX-Q-0001'] },
    province,
    undefined,
  ).overlay!
  const published = {
    districtCode: '441602',
    version: 2,
    publishedAt: '',
    publishedBy: 'yc',
    note: '',
    additionCount: 1,
    withdrawalCount: 1,
    overlay,
  }

  it('is the province minus the withdrawals plus the additions, the search index over exactly those', () => {
    const effective = applyOverlay(version(province), published)
    const codes = effective.catalog.items.map((i) => i.code)
    expect(codes).toContain('YC-MZ-0001')
    expect(codes).not.toContain('TAX-Q-0001')
    expect(codes).toHaveLength(province.items.length)
    expect(effective.search.map((s) => s.code)).toEqual(codes)
    expect(effective.search.at(-1)?.pinyin).toContain('yuanchengqu')
    expect([effective.version, effective.overlayVersion]).toEqual([3, 2])
    expect(applyOverlay(version(province), undefined).catalog).toEqual(province)
  })

  it('carries a department only the additions name, so terminals and cases name it', () => {
    const own = checkOverlay({ file: file('new-department.csv'), withdrawals: [] }, province, undefined)
    expect(keys(own)).toEqual([
      { severity: 'warning', row: 2, column: '实施部门', code: 'department_created' },
    ])
    const effective = applyOverlay(version(province), { ...published, overlay: own.overlay! })
    const department = own.overlay!.additions[0]!.department
    expect(effective.catalog.departments.map((d) => d.code)).toContain(department)
    expect(indexCatalog(effective).departmentNames.get(department)).toEqual({ zh: '源城区民政局', en: '' })
  })

  it('lets the province win: a later province item of an added code is served, a dropped code’s withdrawal lapses', () => {
    const provinceItem = { ...overlay.additions[0]!, name: { zh: '全省高龄津贴', en: 'Province allowance' } }
    const later = {
      ...province,
      items: [...province.items.filter((i) => i.code !== 'TAX-Q-0001'), provinceItem],
    }
    const effective = applyOverlay(version(later), published)
    expect(effective.catalog.items.filter((i) => i.code === 'YC-MZ-0001').map((i) => i.name.zh)).toEqual([
      '全省高龄津贴',
    ])
    expect(effective.additions.size).toBe(0)
    expect(effective.catalog.items.map((i) => i.code)).toEqual(later.items.map((i) => i.code))
    expect(overlayConflicts(new Set(later.items.map((i) => i.code)), overlay)).toEqual({
      shadowed: ['YC-MZ-0001'],
      lapsed: ['TAX-Q-0001'],
    })
  })
})
