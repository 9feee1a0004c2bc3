/**
 * Daily figures for ops: residents served, transactions, the service funnel (views → starts → completions /
 * abandons), 办结率 and 好差评 ratings,
 * per Shanghai day and optionally per item, department or terminal.
 */

import { goodRateOf } from '../../../services-catalog/src/rating'
import type { DailyCountFigures } from '../contract'
import type { CounterAggregate, TransactionFact } from '../db/store'
import { daysBetween } from '../time'

/** How rows are split beyond the day. */
export type GroupBy = 'day' | 'item' | 'department' | 'terminal'

/** The figures of one row (and of the totals). */
export type Figures = DailyCountFigures

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

/** Transactions already grouped by day × key in SQL: how many, and how many distinct sessions. */
export interface FactGroup {
  day: string
  terminalId: string
  itemCode: string
  department: string
  transactions: number
  sessions: number
}

/** Counters already summed per day × terminal × item in SQL, one column per metric (see countsInputs). */
export interface CounterRow {
  day: string
  terminalId: string
  itemCode: string
  sessions: number
  views: number
  starts: number
  completions: number
  abandons: number
  rating1: number
  rating2: number
  rating3: number
  rating4: number
  rating5: number
}

/** Names and departments to label rows with. */
export interface ReportLabels {
  items: Map<string, { name: string; department: string }>
  departments: Map<string, string>
  terminals: Map<string, string>
}

const RATING_METRICS = ['rating1', 'rating2', 'rating3', 'rating4', 'rating5'] as const
/** Per-item counters summed as they are. */
const SUMMED_METRICS = ['views', 'starts', 'completions', 'abandons', ...RATING_METRICS] as const
type SummedMetric = (typeof SUMMED_METRICS)[number]

/** All-zero figures (rates null), the start of every sum; the per-day cache sums the same way. */
export const emptyFigures = (): Figures => ({
  sessions: 0,
  transactions: 0,
  views: 0,
  starts: 0,
  completions: 0,
  abandons: 0,
  completionRate: null,
  ratings: 0,
  rating1: 0,
  rating2: 0,
  rating3: 0,
  rating4: 0,
  rating5: 0,
  goodRate: null,
})

/** Fills the derived figures (ratings, 好评率, 办结率) from the summed counts, for reports and the cache alike. */
export function finishFigures<T extends Figures>(f: T): T {
  f.ratings = f.rating1 + f.rating2 + f.rating3 + f.rating4 + f.rating5
  f.goodRate = goodRateOf(f)
  f.completionRate = f.starts > 0 ? f.completions / f.starts : null
  return f
}

function addCounter(f: Figures, metric: string, value: number): void {
  if ((SUMMED_METRICS as readonly string[]).includes(metric)) f[metric as SummedMetric] += value
}

function addRow(f: Figures, c: CounterRow): void {
  f.views += c.views
  f.starts += c.starts
  f.completions += c.completions
  f.abandons += c.abandons
  f.rating1 += c.rating1
  f.rating2 += c.rating2
  f.rating3 += c.rating3
  f.rating4 += c.rating4
  f.rating5 += c.rating5
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
  /** Counters one row per metric … */
  counters?: CounterAggregate[]
  /** … and/or one row per day × terminal × item with a column per metric. */
  counterRows?: CounterRow[]
  /** Raw transactions (one per stored row) … */
  facts?: TransactionFact[]
  /** … or transactions grouped by exactly the report's day × key (see countsInputs). */
  factGroups?: FactGroup[]
  labels: ReportLabels
  department?: string
  /** With `factGroups` and `department`: distinct sessions among that department's transactions. */
  departmentSessions?: number
}): DailyCounts {
  const { by, labels } = input
  const rows = new Map<string, Map<string, DailyRow>>()
  const sessionSets = new Map<DailyRow, Set<string>>()
  const departmentOf = (itemCode: string) => labels.items.get(itemCode)?.department ?? 'unknown'
  const only = input.department
  const counters = only
    ? (input.counters ?? []).filter((c) => c.itemCode !== '' && departmentOf(c.itemCode) === only)
    : (input.counters ?? [])
  const facts = only ? (input.facts ?? []).filter((f) => f.department === only) : (input.facts ?? [])
  const keyOf = (terminalId: string, itemCode: string, department: string, day: string): string =>
    by === 'day' ? day : by === 'terminal' ? terminalId : by === 'item' ? itemCode : department
  const labelOf = (key: string): string => {
    if (by === 'day') return key
    if (by === 'terminal') return labels.terminals.get(key) ?? key
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
  for (const c of counters) {
    if (c.metric === 'sessions') totals.sessions += c.value
    addCounter(totals, c.metric, c.value)
    if (perItem && c.itemCode === '') continue
    const row = rowFor(c.day, keyOf(c.terminalId, c.itemCode, departmentOf(c.itemCode), c.day))
    if (c.metric === 'sessions' && !perItem) row.sessions += c.value
    addCounter(row, c.metric, c.value)
  }
  for (const c of input.counterRows ?? []) {
    if (only && (c.itemCode === '' || departmentOf(c.itemCode) !== only)) continue
    totals.sessions += c.sessions
    addRow(totals, c)
    if (perItem && c.itemCode === '') continue
    const row = rowFor(c.day, keyOf(c.terminalId, c.itemCode, perItem ? departmentOf(c.itemCode) : '', c.day))
    if (!perItem) row.sessions += c.sessions
    addRow(row, c)
  }
  for (const t of facts) {
    totals.transactions += 1
    const row = rowFor(t.day, keyOf(t.terminalId, t.itemCode, t.department, t.day))
    row.transactions += 1
    if (perItem) {
      const set = sessionSets.get(row) ?? new Set<string>()
      set.add(t.sessionId)
      sessionSets.set(row, set)
    }
  }
  for (const g of input.factGroups ?? []) {
    totals.transactions += g.transactions
    const row = rowFor(g.day, keyOf(g.terminalId, g.itemCode, g.department, g.day))
    row.transactions += g.transactions
    // Per-item and per-department rows take their residents served from transactions only.
    if (perItem) row.sessions += g.sessions
  }
  for (const [row, set] of sessionSets) row.sessions += set.size

  const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const sorted: DailyRow[] = []
  for (const day of [...rows.keys()].sort(ascending)) {
    const byKey = rows.get(day) as Map<string, DailyRow>
    for (const key of [...byKey.keys()].sort(ascending))
      sorted.push(finishFigures(byKey.get(key) as DailyRow))
  }
  if (only) totals.sessions = input.departmentSessions ?? new Set(facts.map((f) => f.sessionId)).size
  return {
    from: input.from,
    to: input.to,
    by,
    department: only ?? null,
    rows: sorted,
    totals: finishFigures(totals),
  }
}
