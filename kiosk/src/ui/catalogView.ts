/** Read-only views over the session's catalog that screens list: departments, their items, hot items. */
import type { Department, PublishedCatalog, ServiceItem } from '../../../services-catalog/src/schema'
import type { MessageKey } from '../i18n'

// One collator for every comparison: localeCompare with a locale builds one per call.
const collator = new Intl.Collator('zh-CN')
const bySort = <T extends { sort: number; name: { zh: string } }>(a: T, b: T) =>
  a.sort - b.sort || collator.compare(a.name.zh, b.name.zh)

/**
 * Views are computed once per published catalog (a new catalog is a new object): screens remount
 * on every tap and must not filter and sort the whole catalog again while the resident waits.
 */
const views = new WeakMap<PublishedCatalog, Map<string, unknown>>()
function cached<T>(catalog: PublishedCatalog, key: string, compute: () => T): T {
  let byKey = views.get(catalog)
  if (!byKey) {
    byKey = new Map()
    views.set(catalog, byKey)
  }
  if (!byKey.has(key)) byKey.set(key, compute())
  return byKey.get(key) as T
}

/** Active items only. */
export const activeItems = (catalog: PublishedCatalog): ServiceItem[] =>
  cached(catalog, 'active', () => catalog.items.filter((i) => i.status === '有效'))

/** Departments that have at least one active item, in their sort order. */
export function departmentsWithItems(catalog: PublishedCatalog): Department[] {
  return cached(catalog, 'departments', () => {
    const used = new Set(activeItems(catalog).map((i) => i.department))
    return catalog.departments.filter((d) => used.has(d.code)).sort(bySort)
  })
}

/** Active items of one department, in sort order. */
export function itemsOfDepartment(catalog: PublishedCatalog, code: string): ServiceItem[] {
  return cached(catalog, `department:${code}`, () =>
    activeItems(catalog)
      .filter((i) => i.department === code)
      .sort(bySort),
  )
}

/** Items flagged hot, in sort order. */
export function hotItems(catalog: PublishedCatalog): ServiceItem[] {
  return cached(catalog, 'hot', () =>
    activeItems(catalog)
      .filter((i) => i.hot)
      .sort(bySort),
  )
}

/** The department of a code. */
export const departmentOf = (catalog: PublishedCatalog, code: string) =>
  catalog.departments.find((d) => d.code === code)

/** Message key of an item kind badge. */
export const KIND_KEYS: Record<ServiceItem['kind'], MessageKey> = {
  查询: 'kindQuery',
  打印: 'kindPrint',
  申办: 'kindApply',
  预约: 'kindBook',
  缴费: 'kindPay',
}
