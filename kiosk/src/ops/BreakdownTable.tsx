/** A sortable, filterable table of figures per department, item or terminal, with CSV export. */
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import type { CountRow } from '../consoles/apiTypes'
import { formatCount, formatPercent } from '../consoles/format'
import { useLang, useMessages } from '../consoles/i18n'
import { ariaSort, filterRows, nextSort, type SortState, sortRows } from '../consoles/tableSort'
import { opsMessages } from './messages'
import { completionRate, goodRate } from './metrics'

/** The columns of every breakdown table, in display order. */
export const BREAKDOWN_COLUMNS = [
  'label',
  'key',
  'sessions',
  'transactions',
  'starts',
  'completions',
  'completionRate',
  'ratings',
  'goodRate',
] as const
/** One breakdown column. */
export type BreakdownColumn = (typeof BREAKDOWN_COLUMNS)[number]

const TEXT_COLUMNS: ReadonlySet<BreakdownColumn> = new Set(['label', 'key'])

/** The value a row shows (and sorts by) in a column. */
export function cellValue(row: CountRow, column: BreakdownColumn): string | number | null {
  switch (column) {
    case 'label':
      return row.label ?? row.key ?? ''
    case 'key':
      return row.key ?? ''
    case 'completionRate':
      return completionRate(row)
    case 'goodRate':
      return goodRate(row)
    default:
      return row[column]
  }
}

type Props = {
  id: string
  title: string
  rows: CountRow[]
  csvHref: string
  onDrill?: (row: CountRow) => void
  toolbar?: ComponentChildren
}

/** Renders one breakdown; sorting and filtering are local to the table and survive refreshes. */
export function BreakdownTable({ id, title, rows, csvHref, onDrill, toolbar }: Props) {
  const m = useMessages(opsMessages)
  const { lang } = useLang()
  const [sort, setSort] = useState<SortState<BreakdownColumn>>({ key: 'sessions', dir: 'desc' })
  const [query, setQuery] = useState('')
  const filtered = filterRows(rows, query, (r) => [r.label ?? '', r.key ?? ''])
  const shown = sortRows(filtered, sort, cellValue)

  const render = (row: CountRow, column: BreakdownColumn) => {
    const value = cellValue(row, column)
    if (column === 'completionRate' || column === 'goodRate') return formatPercent(value as number | null)
    if (typeof value === 'number') return formatCount(value, lang)
    return value ?? ''
  }

  return (
    <section class="card breakdown" aria-labelledby={`${id}-title`}>
      <div class="section-head">
        <h3 id={`${id}-title`}>{title}</h3>
        {toolbar}
        <div class="table-tools">
          <label for={`${id}-filter`}>{m.filter}</label>
          <input
            id={`${id}-filter`}
            type="search"
            placeholder={m.filterPlaceholder}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <a class="button" href={csvHref} download aria-describedby={`${id}-title`}>
            {m.exportCsv}
          </a>
        </div>
      </div>
      <p class="table-count" aria-live="polite">
        {m.rowsShown(shown.length, rows.length)}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (axe scrollable-region-focusable) */}
      {/* biome-ignore lint/a11y/useSemanticElements: a named group around the scroller, not a form fieldset */}
      <div class="table-scroll" role="group" aria-labelledby={`${id}-title`} tabIndex={0}>
        <table>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {BREAKDOWN_COLUMNS.map((column) => (
                <th
                  key={column}
                  scope="col"
                  aria-sort={ariaSort(sort, column)}
                  class={TEXT_COLUMNS.has(column) ? '' : 'num'}
                >
                  <button
                    type="button"
                    class="sort"
                    onClick={() => setSort(nextSort(sort, column, !TEXT_COLUMNS.has(column)))}
                  >
                    {m.col[column]}
                    <span aria-hidden="true" class="sort-mark">
                      {sort.key === column ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={BREAKDOWN_COLUMNS.length}>{m.noRows}</td>
              </tr>
            )}
            {shown.map((row) => (
              <tr key={row.key ?? row.label}>
                {BREAKDOWN_COLUMNS.map((column) =>
                  column === 'label' ? (
                    <th key={column} scope="row">
                      {onDrill ? (
                        <button
                          type="button"
                          class="link-button"
                          aria-label={m.drillDown(String(render(row, column)))}
                          onClick={() => onDrill(row)}
                        >
                          {render(row, column)}
                        </button>
                      ) : (
                        render(row, column)
                      )}
                    </th>
                  ) : (
                    <td key={column} class={TEXT_COLUMNS.has(column) ? '' : 'num'}>
                      {render(row, column)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
