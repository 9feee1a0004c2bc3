/**
 * The home screen: search entry, every department at once (15 fit in 5 rows × 3 on the portrait
 * terminal; elder mode pages them 4 at a time) and the hot items below.
 */
import { useMemo } from 'preact/hooks'
import type { PublishedCatalog } from '../../../../services-catalog/src/schema'
import { pick } from '../../i18n'
import { departmentsWithItems, hotItems } from '../catalogView'
import { ItemButton } from '../ItemButton'
import { SearchIcon } from '../icons'
import { Paged } from '../Paged'
import { useUi } from '../uiContext'

/** Props: the session's catalog and navigation callbacks. */
export function HomeScreen(props: {
  catalog: PublishedCatalog
  onDepartment: (code: string) => void
  onItem: (code: string) => void
  onSearch: () => void
}) {
  const { tr, lang } = useUi()
  const departments = useMemo(() => departmentsWithItems(props.catalog), [props.catalog])
  const hot = useMemo(() => hotItems(props.catalog), [props.catalog])
  return (
    <div class="screen home">
      <h1>{tr('homeTitle')}</h1>
      <button type="button" class="btn btn-search" data-help-id="search.open" onClick={props.onSearch}>
        <SearchIcon />
        <span>{tr('searchEntry')}</span>
      </button>
      <h2>{tr('departments')}</h2>
      <Paged
        items={departments}
        pageSize={15}
        elderPageSize={6}
        label={tr('departments')}
        gridClass="grid grid-3"
        render={(d) => (
          <button
            type="button"
            key={d.code}
            class="tile dept-tile"
            data-help-id={`dept.${d.code}`}
            onClick={() => props.onDepartment(d.code)}
          >
            {pick(d.name, lang)}
          </button>
        )}
      />
      {hot.length > 0 && (
        <>
          <h2>{tr('hotItems')}</h2>
          <Paged
            items={hot}
            pageSize={10}
            label={tr('hotItems')}
            render={(item) => <ItemButton key={item.code} item={item} onOpen={props.onItem} />}
          />
        </>
      )}
    </div>
  )
}
