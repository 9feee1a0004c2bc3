/** The query and row types of the ops reports, shared by every storage implementation. */
import type { ROLLUP_METRICS } from './rollups'

/** How report rows are split beyond the day. */
export type GroupBy = 'day' | 'item' | 'department' | 'terminal' | 'district'

/** `day`: one row per day × key; `range`: one row per key for the whole range (day = `from/to`). */
export type Span = 'day' | 'range'

/** Transactions already grouped by day × key in SQL: how many, and how many distinct sessions. */
export interface FactGroup {
  day: string
  terminalId: string
  /** The district code when the report is per district, else ''. */
  districtCode: string
  itemCode: string
  department: string
  transactions: number
  sessions: number
}

/** Counters already summed per day × terminal × item (or district) in SQL, one column per metric. */
export type CounterRow = { day: string; terminalId: string; itemCode: string; districtCode: string } & Record<
  (typeof ROLLUP_METRICS)[number],
  number
>

/** The grouped inputs of `dailyCounts` for one query. */
export interface CountsInputs {
  counterRows: CounterRow[]
  factGroups: FactGroup[]
  departmentSessions?: number
}

/** A report's query as `countsInputs` takes it. */
export interface CountsQuery {
  from: string
  to: string
  by: GroupBy
  span: Span
  department?: string
  /** Only these districts (an account below the province); undefined: every district. */
  districts?: readonly string[]
}

/** A terminal's id and name, as reports label rows with them. */
export interface TerminalName {
  id: string
  name: string
}

/** The `day` a range-wide row carries: the ISO 8601 interval `from/to`. */
export const rangeDay = (from: string, to: string): string => `${from}/${to}`
