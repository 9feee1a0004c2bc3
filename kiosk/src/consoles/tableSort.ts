/** Sorting and filtering of the breakdown tables, kept pure so it is tested without a browser. */

/** Which column a table is sorted by and in which direction. */
export type SortState<K extends string> = { key: K; dir: 'asc' | 'desc' }

const collator = new Intl.Collator('zh-CN', { numeric: true })

/** Next sort after clicking a header: same column flips, a new column starts descending for numbers. */
export function nextSort<K extends string>(current: SortState<K>, key: K, numeric: boolean): SortState<K> {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
  return { key, dir: numeric ? 'desc' : 'asc' }
}

/** The aria-sort value of a header; undefined for unsorted columns (assistive tech reads nothing). */
export function ariaSort<K extends string>(
  state: SortState<K>,
  key: K,
): 'ascending' | 'descending' | undefined {
  if (state.key !== key) return undefined
  return state.dir === 'asc' ? 'ascending' : 'descending'
}

/** Sorts a copy of `rows`; numbers numerically, text with the Chinese collator, missing values last. */
export function sortRows<T, K extends string>(
  rows: readonly T[],
  state: SortState<K>,
  value: (row: T, key: K) => string | number | null,
): T[] {
  const sign = state.dir === 'asc' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index, v: value(row, state.key) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) {
        if (a.v === b.v) return a.index - b.index
        return a.v === null ? 1 : -1
      }
      const diff =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : collator.compare(String(a.v), String(b.v))
      return diff === 0 ? a.index - b.index : sign * diff
    })
    .map((entry) => entry.row)
}

/** Keeps rows where any of `fields` contains every whitespace-separated term of `query` (case-insensitive). */
export function filterRows<T>(rows: readonly T[], query: string, fields: (row: T) => string[]): T[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (terms.length === 0) return [...rows]
  return rows.filter((row) => {
    const haystack = fields(row).join('\u0001').toLowerCase()
    return terms.every((term) => haystack.includes(term))
  })
}
