/**
 * A console panel's loaded list, written once: the load failure as an alert, the empty line, or the rows in a
 * scrolling table reachable by keyboard (axe scrollable-region-focusable) and named by the panel's heading.
 */
import type { ComponentChildren } from 'preact'
import { commonMessages } from './commonMessages'
import { errorText } from './errorText'
import { useMessages } from './i18n'
import { type Column, ColumnHeads } from './ScrollTable'

/** The rows `useResource` loaded (null while loading or after a failure) with what to say around them. */
export function LoadedTable<Row>(props: {
  rows: readonly Row[] | null
  error: unknown
  /** What failed, before the reason: "加载失败". */
  loadFailed: string
  /** The line shown when there are no rows. */
  none: string
  /** The id of the panel's heading, which names the table. */
  labelledBy: string
  /** The heading's text again, read as the table's caption. */
  caption: ComponentChildren
  columns: readonly Column[]
  children: (rows: readonly Row[]) => ComponentChildren
}) {
  const c = useMessages(commonMessages)
  const { rows } = props
  return (
    <>
      {props.error !== null && props.error !== undefined && (
        <p class="error" role="alert">
          {props.loadFailed}：{errorText(props.error, c)}
        </p>
      )}
      {rows?.length === 0 && <p class="muted">{props.none}</p>}
      {rows && rows.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (axe scrollable-region-focusable)
        // biome-ignore lint/a11y/useSemanticElements: a named group around the scroller, not a form fieldset
        <div class="table-scroll" role="group" aria-labelledby={props.labelledBy} tabIndex={0}>
          <table>
            <caption class="visually-hidden">{props.caption}</caption>
            <ColumnHeads columns={props.columns} />
            <tbody>{props.children(rows)}</tbody>
          </table>
        </div>
      )}
    </>
  )
}
