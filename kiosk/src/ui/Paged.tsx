/** Shows a long list a page at a time with big 上一页/下一页 buttons (fewer choices per screen in elder mode). */
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { useUi } from './uiContext'

/** Props: the entries, how to render one, and page sizes for normal and elder mode. */
export interface PagedProps<T> {
  items: T[]
  render: (item: T) => ComponentChildren
  pageSize: number
  elderPageSize?: number
  label: string
  gridClass?: string
}

/** A grid of one page plus paging buttons when there is more than one page. */
export function Paged<T>({
  items,
  render,
  pageSize,
  elderPageSize = 4,
  label,
  gridClass = 'grid',
}: PagedProps<T>) {
  const { tr, elder } = useUi()
  const size = elder ? elderPageSize : pageSize
  const pages = Math.max(1, Math.ceil(items.length / size))
  const [page, setPage] = useState(0)
  useEffect(() => setPage(0), [items, size])
  const current = Math.min(page, pages - 1)
  return (
    <section class="paged" aria-label={label}>
      <div class={gridClass}>{items.slice(current * size, current * size + size).map(render)}</div>
      {pages > 1 && (
        <div class="pager">
          <button
            type="button"
            class="btn"
            data-help-id="page.prev"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            {tr('prevPage')}
          </button>
          <span class="pager-status">{tr('pageOf', { page: current + 1, pages })}</span>
          <button
            type="button"
            class="btn"
            data-help-id="page.next"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            {tr('nextPage')}
          </button>
        </div>
      )}
    </section>
  )
}
