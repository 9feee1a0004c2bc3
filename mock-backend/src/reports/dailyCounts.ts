/**
 * Daily figures for ops: residents served, transactions, the service funnel (views → starts → completions /
 * abandons), 办结率 and 好差评 ratings,
 * per Shanghai day and optionally per item, department or terminal.
 */
import type { CounterAggregate, TransactionFact } from '../db/store'
import { daysBetween } from '../time'

/** How rows are split beyond the day. */
export type GroupBy = 'day' | 'item' | 'department' | 'terminal'

/** The figures of one row (and of the totals). */
export interface Figures {
  sessions: number
  transactions: number
  /** Item detail pages opened. */
  views: number
  /** Services the resident started (pressed 开始办理). */
  starts: number
  completions: number
  /** Started services left before the result. */
  abandons: number
  /** 办结率: completions ÷ starts (of the services started, the share completed); null without starts. */
  completionRate: number | null
  ratings: number
  rating1: number
  rating2: number
  rating3: number
  rating4: number
  rating5: number
  goodRate: number | null
}

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

const empty = (): Figures => ({
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

function finish(f: Figures): Figures {
  f.ratings = f.rating1 + f.rating2 + f.rating3 + f.rating4 + f.rating5
  f.goodRate = f.ratings > 0 ? (f.rating4 + f.rating5) / f.ratings : null
  f.completionRate = f.starts > 0 ? f.completions / f.starts : null
  return f
}

function addCounter(f: Figures, metric: string, value: number): void {
  if ((SUMMED_METRICS as readonly string[]).includes(metric)) f[metric as SummedMetric] += value
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
  counters: CounterAggregate[]
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
  const rows = new Map<string, DailyRow>()
  const sessionSets = new Map<string, Set<string>>()
  const departmentOf = (itemCode: string) => labels.items.get(itemCode)?.department ?? 'unknown'
  const only = input.department
  const counters = only
    ? input.counters.filter((c) => c.itemCode !== '' && departmentOf(c.itemCode) === only)
    : input.counters
  const facts = only ? (input.facts ?? []).filter((f) => f.department === only) : (input.facts ?? [])
  const keyOf = (terminalId: string, itemCode: string, department: string, day: string): string =>
    by === 'day' ? day : by === 'terminal' ? terminalId : by === 'item' ? itemCode : department
  const labelOf = (key: string): string => {
    if (by === 'day') return key
    if (by === 'terminal') return labels.terminals.get(key) ?? key
    if (by === 'item') return labels.items.get(key)?.name ?? key
    return labels.departments.get(key) ?? (key === 'unknown' ? '未知部门' : key)
  }
  const rowFor = (day: string, key: string): DailyRow => {
    const id = `${day}\u0000${key}`
    let row = rows.get(id)
    if (!row) {
      row = {
        day,
        key,
        label: labelOf(key),
        ...(by === 'item' ? { department: departmentOf(key) } : {}),
        ...empty(),
      }
      rows.set(id, row)
    }
    return row
  }
  if (by === 'day') for (const day of daysBetween(input.from, input.to)) rowFor(day, day)

  const totals = empty()
  for (const c of counters) {
    if (c.metric === 'sessions') totals.sessions += c.value
    addCounter(totals, c.metric, c.value)
    const perItem = by === 'item' || by === 'department'
    if (perItem && c.itemCode === '') continue
    const row = rowFor(c.day, keyOf(c.terminalId, c.itemCode, departmentOf(c.itemCode), c.day))
    if (c.metric === 'sessions' && !perItem) row.sessions += c.value
    addCounter(row, c.metric, c.value)
  }
  for (const t of facts) {
    totals.transactions += 1
    const row = rowFor(t.day, keyOf(t.terminalId, t.itemCode, t.department, t.day))
    row.transactions += 1
    if (by === 'item' || by === 'department') {
      const id = `${row.day}\u0000${row.key}`
      const set = sessionSets.get(id) ?? new Set<string>()
      set.add(t.sessionId)
      sessionSets.set(id, set)
    }
  }
  const groupSessions = new Map<string, number>()
  for (const g of input.factGroups ?? []) {
    totals.transactions += g.transactions
    const row = rowFor(g.day, keyOf(g.terminalId, g.itemCode, g.department, g.day))
    row.transactions += g.transactions
    if (by === 'item' || by === 'department') {
      const id = `${row.day}\u0000${row.key}`
      groupSessions.set(id, (groupSessions.get(id) ?? 0) + g.sessions)
    }
  }
  for (const [id, set] of sessionSets) {
    const row = rows.get(id)
    if (row) row.sessions = set.size
  }
  for (const [id, n] of groupSessions) {
    const row = rows.get(id)
    if (row) row.sessions += n
  }

  const sorted = [...rows.values()]
    .map((r) => Object.assign(r, finish(r)))
    .sort((a, b) => (a.day === b.day ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.day < b.day ? -1 : 1))
  if (only) totals.sessions = input.departmentSessions ?? new Set(facts.map((f) => f.sessionId)).size
  return {
    from: input.from,
    to: input.to,
    by,
    department: only ?? null,
    rows: sorted,
    totals: finish(totals),
  }
}
