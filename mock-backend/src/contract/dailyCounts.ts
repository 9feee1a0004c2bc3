/**
 * The answer of `GET /api/ops/daily-counts` (JSON, rows or columns layout) as plain types. The backend
 * writes the rows layout by hand from its per-day cache; a test parses a real answer against these types.
 */
import { COUNTED_FIGURES, type Figures } from '../../../services-catalog/src/figures'

/** What a report groups by. */
export type CountsGroupBy = 'day' | 'item' | 'department' | 'terminal' | 'district'

/** The figures of one group (day, item, department, terminal or district): figures.ts defines them once. */
export type DailyCountFigures = Figures

/** One report row. */
export interface DailyCountRow extends DailyCountFigures {
  day: string
  key: string
  label: string
  /** Department code of the item (by=item only). */
  department?: string
}

/** The rows layout (the default). */
export interface DailyCountsAnswer {
  from: string
  to: string
  by: CountsGroupBy
  /** Set when the report is narrowed to one department. */
  department: string | null
  rows: DailyCountRow[]
  totals: DailyCountFigures
}

/** The per-row numbers after the key index in the columns layout, in order: the counted figures. */
export const COLUMN_FIELDS = COUNTED_FIGURES

/** The compact `layout=columns` answer: keys once in a dictionary, then per day flat number arrays. */
export interface DailyCountsColumnsAnswer {
  from: string
  to: string
  by: CountsGroupBy
  department: string | null
  layout: 'columns'
  fields: typeof COLUMN_FIELDS
  keys: string[]
  labels: string[]
  /** by=item only: the department of each key. */
  departments?: string[]
  /** One entry per day that has rows, in day order: the day and its rows flattened, keys sorted. */
  days: [string, number[]][]
  totals: DailyCountFigures
}
