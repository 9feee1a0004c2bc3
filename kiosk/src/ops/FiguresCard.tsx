/**
 * A dashboard card of figures over the chosen day range, written once: its heading and intro, then the rows the
 * route answered in a `LoadedTable`. The 帮办, 缴费 and 电子身份证 panels (and any later one) differ only in the
 * route, the columns and how a row reads.
 */
import type { ComponentChildren } from 'preact'
import type { AnswerOf, AnyRoute } from '../../../mock-backend/src/contract'
import type { RouteCall } from '../../../mock-backend/src/contract/fetchRoute'
import { LoadedTable } from '../consoles/LoadedTable'
import type { Column } from '../consoles/ScrollTable'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import type { DayRange } from './dateRanges'

/** What every figures card says around its table. */
export interface FiguresCardText {
  title: string
  intro: string
  loadFailed: string
  none: string
}

/** The answer of `route` for `range`, shaped into rows by `rowsOf`, shown as `columns` with `row` for each. */
export function FiguresCard<R extends AnyRoute, Row>(props: {
  /** The card's class and test id; its heading's id is `${name}-title`. */
  name: string
  client: StaffClient
  route: R
  range: DayRange
  text: FiguresCardText
  rowsOf: (answer: AnswerOf<R>) => readonly Row[]
  columns: readonly Column[]
  row: (row: Row) => ComponentChildren
}) {
  const { name, text } = props
  const { data, error } = useResource(props.client, props.route, { query: props.range } as RouteCall<R>)
  const titleId = `${name}-title`
  return (
    <section class={`card ${name}`} aria-labelledby={titleId} data-testid={name}>
      <h2 id={titleId}>{text.title}</h2>
      <p class="hint">{text.intro}</p>
      <LoadedTable
        rows={data ? props.rowsOf(data) : null}
        error={error}
        loadFailed={text.loadFailed}
        none={text.none}
        labelledBy={titleId}
        caption={text.title}
        columns={props.columns}
      >
        {(rows) => rows.map(props.row)}
      </LoadedTable>
    </section>
  )
}
