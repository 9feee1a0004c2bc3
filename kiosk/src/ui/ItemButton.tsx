/** A service item tile, named by the item's name; the kind badge is decorative. */
import type { ServiceItem } from '../../../services-catalog/src/schema'
import { pick } from '../i18n'
import { KIND_KEYS } from './catalogView'
import { useUi } from './uiContext'

/** Props: the item and what pressing it does. */
export function ItemButton({ item, onOpen }: { item: ServiceItem; onOpen: (code: string) => void }) {
  const { lang, tr } = useUi()
  return (
    <button
      type="button"
      class="tile item-tile"
      data-help-id={`item.${item.code}`}
      onClick={() => onOpen(item.code)}
    >
      <span class="tile-name">{pick(item.name, lang)}</span>
      <span class="badge" aria-hidden="true">
        {tr(KIND_KEYS[item.kind])}
      </span>
    </button>
  )
}
