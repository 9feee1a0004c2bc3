/**
 * A breakdown table of the supervision panel: one row per channel or district, a name, then its figures as counts
 * or rates. One component, so the breakdowns read alike.
 */
import { formatCount } from '../consoles/format'
import { ScrollTable } from '../consoles/ScrollTable'
import { percent2 } from './supervisionApi'

/** A figure column: its heading, and whether its value is a rate (else a count). */
export interface FigureColumn<R> {
  label: string
  value: (row: R) => number | null
  rate?: boolean
}

/** One row per entry of `rows`, named by `name`, keyed by `rowKey` (also its `data-key`). */
export function FiguresTable<R>(props: {
  id: string
  caption: string
  nameLabel: string
  columns: readonly FigureColumn<R>[]
  rows: readonly R[]
  rowKey: (row: R) => string
  name: (row: R) => string
  lang: 'zh' | 'en'
}) {
  const { columns, rows, lang } = props
  return (
    <ScrollTable
      id={props.id}
      caption={props.caption}
      columns={[{ label: props.nameLabel }, ...columns.map((c) => ({ label: c.label, num: true }))]}
    >
      {rows.map((r) => (
        <tr key={props.rowKey(r)} data-key={props.rowKey(r)}>
          <th scope="row">{props.name(r)}</th>
          {columns.map((c) => (
            <td class="num" key={c.label}>
              {c.rate ? percent2(c.value(r)) : formatCount(c.value(r) ?? 0, lang)}
            </td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  )
}
