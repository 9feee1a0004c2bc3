import { describe, expect, it } from 'vitest'
import { applyGroupEdits, catalogBlob } from '../../kiosk/src/admin/catalogEdits'
import { formatGroups, parseGroups, sameGroups } from '../../kiosk/src/admin/groups'
import { canPublish, sortProblems } from '../../kiosk/src/admin/problems'
import {
  contentTypeFor,
  diffValueText,
  fileProblem,
  MAX_UPLOAD_BYTES,
} from '../../kiosk/src/admin/uploadFile'
import type { Problem } from '../../kiosk/src/consoles/apiTypes'
import type { Catalog } from '../../services-catalog/src/schema'

const problem = (
  severity: Problem['severity'],
  row: number | null,
  column: string | null,
  code = 'x',
): Problem => ({
  severity,
  row,
  column,
  code,
  message: { zh: '问题', en: 'problem' },
})

describe('sortProblems', () => {
  it('puts errors first, file-level first, then by row and column', () => {
    const sorted = sortProblems([
      problem('warning', 2, 'name'),
      problem('error', 9, 'code'),
      problem('error', 3, 'name'),
      problem('error', 3, 'code'),
      problem('error', null, null),
    ])
    expect(sorted.map((p) => `${p.severity}:${p.row}:${p.column}`)).toEqual([
      'error:null:null',
      'error:3:code',
      'error:3:name',
      'error:9:code',
      'warning:2:name',
    ])
  })
  it('warnings do not block publishing, errors do', () => {
    const summary = (errors: number) => ({ errors })
    expect(canPublish({ problems: [problem('warning', 1, 'a')], summary: summary(0) })).toBe(true)
    expect(canPublish({ problems: [problem('error', 1, 'a')], summary: summary(1) })).toBe(false)
    expect(canPublish({ problems: [problem('error', 1, 'a')], summary: summary(0) })).toBe(false)
    expect(canPublish(null)).toBe(false)
  })
})

describe('parseGroups', () => {
  it('splits on commas, Chinese commas, 、 and spaces and drops duplicates', () => {
    expect(parseGroups('street-a, street-b，hall 、street-a')).toEqual({
      groups: ['street-a', 'street-b', 'hall'],
      invalid: [],
    })
    expect(parseGroups('   ')).toEqual({ groups: [], invalid: [] })
  })
  it('names the group names the schema would reject', () => {
    expect(parseGroups('Street-A, ok, -bad, 大厅').invalid).toEqual(['Street-A', '-bad', '大厅'])
  })
  it('formats and compares ignoring order', () => {
    expect(formatGroups(['a', 'b'])).toBe('a, b')
    expect(sameGroups(['a', 'b'], ['b', 'a'])).toBe(true)
    expect(sameGroups(['a'], ['a', 'b'])).toBe(false)
  })
})

describe('applyGroupEdits', () => {
  const item = (code: string, groups: string[]) =>
    ({ code, name: { zh: code, en: '' }, department: 'hrss', groups }) as unknown as Catalog['items'][number]
  const catalog = {
    schemaVersion: 1,
    departments: [{ code: 'hrss', name: { zh: '人社', en: 'HRSS' }, sort: 0 }],
    items: [item('HR-0001', []), item('HR-0002', ['hall'])],
    // A published catalog carries extra fields the import must not receive.
    version: 4,
    search: [],
  } as unknown as Catalog
  it('replaces only the edited items and keeps schema fields only', () => {
    const next = applyGroupEdits(catalog, new Map([['HR-0001', ['street-a']]]))
    expect(next.items.map((i) => i.groups)).toEqual([['street-a'], ['hall']])
    expect(Object.keys(next).sort()).toEqual(['departments', 'items', 'schemaVersion'])
    expect(catalog.items[0]?.groups).toEqual([])
  })
  it('refuses codes that are not in the catalog', () => {
    expect(() => applyGroupEdits(catalog, new Map([['NOPE-1', []]]))).toThrow(/NOPE-1/)
  })
  it('serialises to a JSON file body', async () => {
    const blob = catalogBlob(applyGroupEdits(catalog, new Map()))
    expect(blob.type).toBe('application/json')
    expect(JSON.parse(await blob.text()).items).toHaveLength(2)
  })
})

describe('upload helpers', () => {
  it('picks the Content-Type from the extension', () => {
    expect(contentTypeFor('事项清单.CSV')).toBe('text/csv')
    expect(contentTypeFor('catalog.json')).toBe('application/json')
    expect(contentTypeFor('catalog.xlsx')).toBe('application/octet-stream')
  })
  it('refuses empty and oversized files before sending', () => {
    expect(fileProblem({ size: 0 })).toBe('empty')
    expect(fileProblem({ size: MAX_UPLOAD_BYTES })).toBeNull()
    expect(fileProblem({ size: MAX_UPLOAD_BYTES + 1 })).toBe('tooBig')
  })
  it('shows diff values as text', () => {
    expect(diffValueText('<b>x</b>')).toBe('<b>x</b>')
    expect(diffValueText(['a'])).toBe('["a"]')
    expect(diffValueText([])).toBeNull()
    expect(diffValueText(undefined)).toBeNull()
    expect(diffValueText(0)).toBe('0')
  })
})
