/** The home screen: search entry, department tiles and hot items. */
import { useMemo } from 'preact/hooks'
import type { PublishedCatalog } from '../../../../services-catalog/src/schema'
import { pick } from '../../i18n'
import { departmentsWithItems, hotItems } from '../catalogView'
import { ItemButton } from '../ItemButton'
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
    <div class="screen">
      <h1>{tr('homeTitle')}</h1>
      <button type="button" class="btn btn-search" onClick={props.onSearch}>
        <span aria-hidden="true">🔍 </span>
        {tr('searchEntry')}
      </button>
      <h2>{tr('departments')}</h2>
      <Paged
        items={departments}
        pageSize={9}
        label={tr('departments')}
        gridClass="grid grid-3"
        render={(d) => (
          <button
            type="button"
            key={d.code}
            class="tile dept-tile"
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
            pageSize={6}
            label={tr('hotItems')}
            render={(item) => <ItemButton key={item.code} item={item} onOpen={props.onItem} />}
          />
        </>
      )}
    </div>
  )
}
