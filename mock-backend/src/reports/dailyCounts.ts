/**
 * Daily figures for ops: residents served, transactions, the service funnel (views → starts → completions /
 * abandons), 办结率 and 好差评 ratings,
 * per Shanghai day and optionally per item, department, terminal or district.
 */

import {
  COUNTED_FIGURES,
  emptyFigures,
  type Figures,
  finishFigures,
} from '../../../services-catalog/src/figures'
import type { CounterRow, FactGroup, GroupBy } from '../db/reportRows'
import { daysBetween } from '../time'

/** One report row. */
export interface DailyRow extends Figures {
  day: string
  key: string
  label: string
  /** Department code of the item (by=item only). */
  department?: string
}

/** The whole answer of /api/ops/daily-counts. */
export interface DailyCounts {
  from: string
  to: string
  by: GroupBy
  /** Set when the report is narrowed to one department. */
  department: string | null
  rows: DailyRow[]
  totals: Figures
}

/** Names and departments to label rows with. */
export interface ReportLabels {
  items: Map<string, { name: string; department: string }>
  departments: Map<string, string>
  terminals: Map<string, string>
  /** District names by division code. */
  districts: Map<string, string>
}

/** The counted figures a counter row carries beyond `sessions` (which per-item rows take from transactions). */
const ITEM_FIGURES = COUNTED_FIGURES.filter(
  (f) => f !== 'sessions' && f !== 'transactions',
) as readonly Exclude<(typeof COUNTED_FIGURES)[number], 'sessions' | 'transactions'>[]

function addRow(f: Figures, c: CounterRow): void {
  for (const m of ITEM_FIGURES) f[m] += c[m]
}

/**
 * Builds the report. Residents served: the terminals' `sessions` counter for per-day and per-terminal rows
 * (and the totals); distinct session ids among transactions for per-item and per-department rows.
 * Narrowed to one department, only that department's items count and residents served are its distinct sessions.
 */
export function dailyCounts(input: {
  from: string
  to: string
  by: GroupBy
  /** Counters, one row per day × terminal × item with a column per metric (ReportQueries.countsInputs). */
  counterRows: readonly CounterRow[]
  /** Transactions grouped by exactly the report's day × key (ReportQueries.countsInputs). */
  factGroups: readonly FactGroup[]
  labels: ReportLabels
  department?: string
  /** With `factGroups` and `department`: distinct sessions among that department's transactions. */
  departmentSessions?: number
}): DailyCounts {
  const { by, labels } = input
  const rows = new Map<string, Map<string, DailyRow>>()
  const departmentOf = (itemCode: string) => labels.items.get(itemCode)?.department ?? 'unknown'
  const only = input.department
  const keyOf = (row: CounterRow | FactGroup, department: string, day: string): string => {
    if (by === 'day') return day
    if (by === 'terminal') return row.terminalId
    if (by === 'district') return row.districtCode
    return by === 'item' ? row.itemCode : department
  }
  const labelOf = (key: string): string => {
    if (by === 'day') return key
    if (by === 'terminal') return labels.terminals.get(key) ?? key
    if (by === 'district') return labels.districts.get(key) ?? key
    if (by === 'item') return labels.items.get(key)?.name ?? key
    return labels.departments.get(key) ?? (key === 'unknown' ? '未知部门' : key)
  }
  // day → key → row: no joined string keys to build per input row, and days/keys sort separately at the end.
  const rowFor = (day: string, key: string): DailyRow => {
    let byKey = rows.get(day)
    if (!byKey) {
      byKey = new Map()
      rows.set(day, byKey)
    }
    let row = byKey.get(key)
    if (!row) {
      const label = labelOf(key)
      row =
        by === 'item'
          ? { day, key, label, department: departmentOf(key), ...emptyFigures() }
          : { day, key, label, ...emptyFigures() }
      byKey.set(key, row)
    }
    return row
  }
  if (by === 'day') for (const day of daysBetween(input.from, input.to)) rowFor(day, day)

  const totals = emptyFigures()
  const perItem = by === 'item' || by === 'department'
  for (const c of input.counterRows) {
    if (only && (c.itemCode === '' || departmentOf(c.itemCode) !== only)) continue
    totals.sessions += c.sessions
    addRow(totals, c)
    if (perItem && c.itemCode === '') continue
    const row = rowFor(c.day, keyOf(c, perItem ? departmentOf(c.itemCode) : '', c.day))
    if (!perItem) row.sessions += c.sessions
    addRow(row, c)
  }
  for (const g of input.factGroups) {
    totals.transactions += g.transactions
    const row = rowFor(g.day, keyOf(g, g.department, g.day))
    row.transactions += g.transactions
    // Per-item and per-department rows take their residents served from transactions only.
    if (perItem) row.sessions += g.sessions
  }

  const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const sorted: DailyRow[] = []
  for (const day of [...rows.keys()].sort(ascending)) {
    const byKey = rows.get(day) as Map<string, DailyRow>
    for (const key of [...byKey.keys()].sort(ascending))
      sorted.push(finishFigures(byKey.get(key) as DailyRow))
  }
  if (only) totals.sessions = input.departmentSessions ?? 0
  return {
    from: input.from,
    to: input.to,
    by,
    department: only ?? null,
    rows: sorted,
    totals: finishFigures(totals),
  }
}
