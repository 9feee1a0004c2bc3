import { describe, expect, it } from 'vitest'
import type { FleetTerminal } from '../../kiosk/src/consoles/apiTypes'
import { ariaSort, filterRows, nextSort, sortRows } from '../../kiosk/src/consoles/tableSort'
import { cellValue } from '../../kiosk/src/ops/BreakdownTable'
import { sortFleet, terminalFlags } from '../../kiosk/src/ops/fleet'
import { ZERO_FIGURES } from '../../kiosk/src/ops/metrics'

type Row = { name: string; n: number | null }
const rows: Row[] = [
  { name: '社保', n: 5 },
  { name: '公安', n: null },
  { name: '税务', n: 12 },
  { name: '医保', n: 5 },
]
const value = (r: Row, k: 'name' | 'n') => r[k]

describe('sortRows', () => {
  it('sorts numbers numerically with missing values last and stable ties', () => {
    expect(sortRows(rows, { key: 'n', dir: 'desc' }, value).map((r) => r.name)).toEqual([
      '税务',
      '社保',
      '医保',
      '公安',
    ])
    expect(sortRows(rows, { key: 'n', dir: 'asc' }, value).map((r) => r.name)).toEqual([
      '社保',
      '医保',
      '税务',
      '公安',
    ])
  })
  it('sorts Chinese text with the zh collator (pinyin order)', () => {
    expect(sortRows(rows, { key: 'name', dir: 'asc' }, value).map((r) => r.name)).toEqual([
      '公安',
      '社保',
      '税务',
      '医保',
    ])
  })
  it('does not mutate the input', () => {
    const copy = [...rows]
    sortRows(rows, { key: 'n', dir: 'asc' }, value)
    expect(rows).toEqual(copy)
  })
})

describe('nextSort / ariaSort', () => {
  it('flips the same column and starts numbers descending', () => {
    expect(nextSort({ key: 'n', dir: 'desc' }, 'n', true)).toEqual({ key: 'n', dir: 'asc' })
    expect(nextSort({ key: 'n', dir: 'desc' }, 'name', false)).toEqual({ key: 'name', dir: 'asc' })
    expect(nextSort({ key: 'name', dir: 'asc' }, 'n', true)).toEqual({ key: 'n', dir: 'desc' })
  })
  it('marks only the sorted column', () => {
    expect(ariaSort({ key: 'n', dir: 'asc' }, 'n')).toBe('ascending')
    expect(ariaSort({ key: 'n', dir: 'desc' }, 'n')).toBe('descending')
    expect(ariaSort({ key: 'n', dir: 'desc' }, 'name')).toBeUndefined()
  })
})

describe('filterRows', () => {
  it('needs every term, case-insensitively', () => {
    const items = [
      { label: '社保卡挂失', key: 'SB-001' },
      { label: '社保缴费查询', key: 'SB-002' },
      { label: '居住证签注', key: 'GA-001' },
    ]
    const fields = (r: (typeof items)[number]) => [r.label, r.key]
    expect(filterRows(items, 'sb', fields)).toHaveLength(2)
    expect(filterRows(items, '社保 002', fields).map((r) => r.key)).toEqual(['SB-002'])
    expect(filterRows(items, '  ', fields)).toHaveLength(3)
  })
})

describe('breakdown cells', () => {
  it('computes rates per row', () => {
    const row = {
      ...ZERO_FIGURES,
      transactions: 1,
      starts: 4,
      completions: 3,
      ratings: 2,
      rating5: 1,
      rating1: 1,
      label: '社保',
      key: 'hrss',
    }
    expect(cellValue(row, 'completionRate')).toBeCloseTo(0.75)
    expect(cellValue(row, 'goodRate')).toBeCloseTo(0.5)
    expect(cellValue({ ...row, label: undefined }, 'label')).toBe('hrss')
  })
})

describe('fleet', () => {
  const now = new Date('2026-03-03T02:00:00Z')
  const base: FleetTerminal = {
    id: 't1',
    name: 'B 终端',
    location: '大厅',
    districtCode: '441602',
    districtName: '源城区',
    online: true,
    lastSeenAt: '2026-03-03T01:59:00Z',
    queueLength: 0,
    oldestUnsentAt: null,
    lastSyncAt: '2026-03-03T01:59:00Z',
    printer: 'ok',
    storage: { usage: 1, quota: 10, persisted: true },
    status: 'idle',
    appVersion: '1.0.0',
    catalogVersion: 3,
    deadLetters: null,
    flags: [],
  }
  it('flags silent (>15 min) and backlog (>24 h) even if the server did not', () => {
    expect(terminalFlags(base, now)).toEqual([])
    expect(terminalFlags({ ...base, lastSeenAt: '2026-03-03T01:40:00Z' }, now)).toEqual(['silent'])
    expect(terminalFlags({ ...base, oldestUnsentAt: '2026-03-01T00:00:00Z' }, now)).toEqual(['backlog'])
    expect(terminalFlags({ ...base, flags: ['backlog'] }, now)).toEqual(['backlog'])
  })
  it('lists flagged terminals first', () => {
    const sorted = sortFleet(
      [
        { ...base, id: 'a', name: 'A 终端' },
        { ...base, id: 'c', name: 'C 终端', lastSeenAt: null },
      ],
      now,
    )
    expect(sorted.map((t) => t.id)).toEqual(['c', 'a'])
  })
})
