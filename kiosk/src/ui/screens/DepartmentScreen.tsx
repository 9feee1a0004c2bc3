/** The items of one department, paged. */
import { useMemo } from 'preact/hooks'
import type { PublishedCatalog } from '../../../../services-catalog/src/schema'
import { pick } from '../../i18n'
import { departmentOf, itemsOfDepartment } from '../catalogView'
import { ItemButton } from '../ItemButton'
import { Paged } from '../Paged'
import { useUi } from '../uiContext'

/** Props: the catalog, the department and the item action. */
export function DepartmentScreen(props: {
  catalog: PublishedCatalog
  code: string
  onItem: (code: string) => void
}) {
  const { tr, lang } = useUi()
  const items = useMemo(() => itemsOfDepartment(props.catalog, props.code), [props.catalog, props.code])
  const department = departmentOf(props.catalog, props.code)
  const title = department ? pick(department.name, lang) : props.code
  return (
    <div class="screen">
      <h1>{title}</h1>
      {items.length === 0 ? (
        <p>{tr('departmentEmpty')}</p>
      ) : (
        <Paged
          items={items}
          pageSize={16}
          label={title}
          render={(item) => <ItemButton key={item.code} item={item} onOpen={props.onItem} />}
        />
      )}
    </div>
  )
}
