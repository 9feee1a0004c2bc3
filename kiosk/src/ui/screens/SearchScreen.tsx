/** Search by pinyin, initials or name with the on-screen keyboard; results update as the resident types. */
import { useMemo } from 'preact/hooks'
import type { PublishedCatalog, ServiceItem } from '../../../../services-catalog/src/schema'
import { buildSearchIndex } from '../../search/searchIndex'
import { ItemButton } from '../ItemButton'
import { LetterKeyboard } from '../keyboards/LetterKeyboard'
import { Paged } from '../Paged'
import { useUi } from '../uiContext'

const indexes = new WeakMap<PublishedCatalog, ReturnType<typeof buildSearchIndex>>()
const indexOf = (catalog: PublishedCatalog) => {
  let index = indexes.get(catalog)
  if (!index) {
    index = buildSearchIndex(catalog.search)
    indexes.set(catalog, index)
  }
  return index
}

/** Props: the catalog, the current query and callbacks. */
export function SearchScreen(props: {
  catalog: PublishedCatalog
  query: string
  onQuery: (text: string) => void
  onItem: (code: string) => void
}) {
  const { tr } = useUi()
  const results = useMemo(() => {
    // Nothing typed yet (every time the screen opens): no index query, no item map.
    if (!props.query) return []
    const byCode = new Map(props.catalog.items.map((i) => [i.code, i]))
    return indexOf(props.catalog)
      .query(props.query)
      .map((code) => byCode.get(code))
      .filter((i): i is ServiceItem => i !== undefined && i.status === '有效')
  }, [props.catalog, props.query])
  return (
    <div class="screen">
      <h1>{tr('searchTitle')}</h1>
      <p class="hint">{tr('searchHint')}</p>
      <input
        class="display"
        readOnly
        inputMode="none"
        aria-label={tr('searchInputLabel')}
        value={props.query}
      />
      <LetterKeyboard
        value={props.query}
        onChange={props.onQuery}
        maxLength={30}
        label={tr('searchInputLabel')}
      />
      {props.query && (
        <p class="hint" role="status">
          {results.length ? tr('searchResults', { count: results.length }) : tr('searchEmpty')}
        </p>
      )}
      {results.length > 0 && (
        <Paged
          items={results}
          pageSize={6}
          label={tr('searchTitle')}
          render={(item) => <ItemButton key={item.code} item={item} onOpen={props.onItem} />}
        />
      )}
    </div>
  )
}
