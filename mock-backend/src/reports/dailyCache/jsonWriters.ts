/**
 * The per-day cache's JSON, written from a day's numbers (key index, then the COLUMN_FIELDS per row) and the
 * grouping's key dictionary. Every writer is generated from the one figure list (services-catalog/src/figures.ts),
 * so the bytes are those JSON.stringify writes for the rows dailyCounts builds: same key order, numbers printed
 * the same, derived figures computed by the same formulas.
 */
import {
  type CountedFigures,
  DERIVED_FORMULAS,
  type DerivedFigure,
  FIGURES,
} from '../../../../services-catalog/src/figures'
import type { GroupBy } from '../../db/reportRows'
import { COLUMN_FIELDS } from '../columns'
import type { DailyRow } from '../dailyCounts'

/** Numbers per row in a day's `numbers`: the key index, then one per COLUMN_FIELDS. */
export const STRIDE = 1 + COLUMN_FIELDS.length

/** The append-only key dictionary of one grouping: the `columns` layout refers to keys by index. */
export interface KeyDictionary {
  index: Map<string, number>
  keys: string[]
  labels: string[]
  /** Department of each key (by=item only). */
  departments: string[]
  /** Per key, the start of its row object up to the first figure: `"key":…,"label":…[,"department":…],`. */
  rowHeads: string[]
}

/** An empty dictionary. */
export const newDictionary = (): KeyDictionary => ({
  index: new Map(),
  keys: [],
  labels: [],
  departments: [],
  rowHeads: [],
})

/** Adds the key of `row` to the dictionary; returns its index. */
export function addKey(d: KeyDictionary, row: DailyRow): number {
  const i = d.keys.length
  d.index.set(row.key, i)
  d.keys.push(row.key)
  d.labels.push(row.label)
  d.departments.push(row.department ?? '')
  const department = row.department === undefined ? '' : `"department":${JSON.stringify(row.department)},`
  d.rowHeads.push(`"key":${JSON.stringify(row.key)},"label":${JSON.stringify(row.label)},${department}`)
  return i
}

/** The dictionary part of a `layout=columns` answer: `"fields":…,"keys":…,"labels":…[,"departments":…]`. */
export function dictionaryJson(d: KeyDictionary, by: GroupBy): string {
  const fields = `"fields":${JSON.stringify(COLUMN_FIELDS)}`
  const departments = by === 'item' ? `,"departments":${JSON.stringify(d.departments)}` : ''
  return `${fields},"keys":${JSON.stringify(d.keys)},"labels":${JSON.stringify(d.labels)}${departments}`
}

/** A day of the `layout=columns` answer: `["YYYY-MM-DD",[…numbers]]`, or nothing when the day has no rows. */
export function columnsJson(day: string, numbers: readonly number[]): Buffer {
  return Buffer.from(numbers.length === 0 ? '' : `[${JSON.stringify(day)},[${numbers.join(',')}]]`)
}

/** Per figure in row order: its `"name":` prefix, and where its value comes from. */
const FIGURE_PARTS = FIGURES.map((name, i) => {
  const at = (COLUMN_FIELDS as readonly string[]).indexOf(name)
  return {
    head: `${i === 0 ? '' : ','}${JSON.stringify(name)}:`,
    /** Index among the counted numbers, or -1 for a derived figure. */
    at,
    derive: at < 0 ? DERIVED_FORMULAS[name as DerivedFigure] : undefined,
  }
})

/** The day's row objects, joined by commas (no brackets). */
export function rowsJson(d: KeyDictionary, day: string, n: readonly number[]): string {
  const dayJson = `{"day":${JSON.stringify(day)},`
  const counted = {} as CountedFigures
  const out: string[] = []
  for (let i = 0; i < n.length; i += STRIDE) {
    for (let j = 0; j < COLUMN_FIELDS.length; j++) counted[COLUMN_FIELDS[j]!] = n[i + 1 + j] as number
    let json = dayJson + d.rowHeads[n[i] as number]
    for (const part of FIGURE_PARTS)
      json += part.head + (part.derive ? part.derive(counted) : (n[i + 1 + part.at] as number))
    out.push(`${json}}`)
  }
  return out.join(',')
}
