/**
 * Whether an item of a catalog version may be served on a terminal: ingest checks it for every record, the payment
 * gateway for every order, with the same answers (one rule, one message each).
 */
import type { CatalogIndex, IndexedItem } from './catalogCache'
import { offeredTo } from './catalogView'
import type { TerminalRow } from './db/rows'

/** Why the item cannot be served: retry (no catalog yet) or refused for good, with a message naming the problem. */
export interface ItemRefusal {
  status: 'retry' | 'rejected'
  code: 400 | 503
  message: string
}

/** The item's entry when `terminal` may serve it in `version`, else why not. */
export function offeredItem(
  version: CatalogIndex | undefined,
  itemCode: string,
  terminal: TerminalRow,
): { entry: IndexedItem } | ItemRefusal {
  const reject = (message: string): ItemRefusal => ({ status: 'rejected', code: 400, message })
  if (!version) return { status: 'retry', code: 503, message: 'no catalog is published yet' }
  const entry = version.items.get(itemCode)
  if (!entry) return reject(`itemCode: unknown item "${itemCode}" in catalog version ${version.version}`)
  const { item } = entry
  if (item.status !== '有效') return reject(`itemCode: item "${item.code}" is withdrawn (事项已停用)`)
  if (!offeredTo(item, terminal.groups))
    return reject(`itemCode: item "${item.code}" is not offered on this terminal`)
  return { entry }
}
