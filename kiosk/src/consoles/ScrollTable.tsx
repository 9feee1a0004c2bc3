/**
 * The frame every long console table shares: a scrolling box, one header row of column headings (numbers
 * right-aligned), and the rows the caller renders. Written once so the admin and ops tables stay alike.
 */
import type { ComponentChildren } from 'preact'

/** One column heading; `num` right-aligns a column of figures. */
export interface Column {
  label: ComponentChildren
  num?: boolean
}

/** The header row of column headings, numbers right-aligned: every console table's. */
export function ColumnHeads({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          // Columns are fixed per table and never reorder, so the position is a stable key.
          <th scope="col" class={c.num ? 'num' : undefined} key={i}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  )
}

/** A scrolling table: `tall` gives long lists more room; name it with `labelledBy` or a `caption`. */
export function ScrollTable(props: {
  columns: readonly Column[]
  children: ComponentChildren
  id?: string
  labelledBy?: string
  caption?: ComponentChildren
  tall?: boolean
}) {
  return (
    <div class={props.tall ? 'table-scroll tall' : 'table-scroll'}>
      <table id={props.id} aria-labelledby={props.labelledBy}>
        {props.caption && <caption>{props.caption}</caption>}
        <ColumnHeads columns={props.columns} />
        <tbody>{props.children}</tbody>
      </table>
    </div>
  )
}
