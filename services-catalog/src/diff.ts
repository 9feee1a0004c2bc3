/**
 * What publishing a candidate would change, field by field, so an admin sees "人社 · 社保卡查询: fee.charged
 * false → true" before pushing a catalog to every terminal.
 */
import type { Catalog, Department, ServiceItem } from './schema'

/** One changed field: a dotted path (`name.zh`, `fee.charged`, `groups`) with both values. */
export type FieldChange = { path: string; before: unknown; after: unknown }

/** The difference between the published catalog (or none) and a candidate. */
export type CatalogDiff = {
  added: { code: string; name: string }[]
  removed: { code: string; name: string }[]
  changed: { code: string; name: string; fields: FieldChange[] }[]
  departmentsAdded: string[]
  departmentsRemoved: string[]
  /** Departments present in both whose name or sort changed. */
  departmentsChanged: { code: string; name: string; fields: FieldChange[] }[]
  /** Items present in both with no field changed. */
  unchanged: number
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Structural equality for JSON values; absent and undefined object keys count as equal. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys) if (!sameValue(a[k], b[k])) return false
    return true
  }
  return false
}

/** Field changes between two values: objects recurse into dotted paths, arrays and scalars compare whole. */
export function diffFields(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap((k) => diffFields(before[k], after[k], prefix ? `${prefix}.${k}` : k))
  }
  if (sameValue(before, after)) return []
  return [{ path: prefix, before, after }]
}

const byCode = <T extends { code: string }>(list: T[]) => new Map(list.map((x) => [x.code, x]))

/** Compares a candidate with the published catalog (null when nothing is published yet). */
export function diffCatalogs(from: Catalog | null, to: Catalog): CatalogDiff {
  const oldItems = byCode<ServiceItem>(from?.items ?? [])
  const newItems = byCode<ServiceItem>(to.items)
  const diff: CatalogDiff = {
    added: [],
    removed: [],
    changed: [],
    departmentsAdded: [],
    departmentsRemoved: [],
    departmentsChanged: [],
    unchanged: 0,
  }
  for (const item of to.items) {
    const old = oldItems.get(item.code)
    if (!old) {
      diff.added.push({ code: item.code, name: item.name.zh })
      continue
    }
    const fields = diffFields(old, item)
    if (fields.length === 0) diff.unchanged++
    else diff.changed.push({ code: item.code, name: item.name.zh, fields })
  }
  for (const item of from?.items ?? [])
    if (!newItems.has(item.code)) diff.removed.push({ code: item.code, name: item.name.zh })

  const oldDepartments = byCode<Department>(from?.departments ?? [])
  const newDepartments = byCode<Department>(to.departments)
  for (const d of to.departments) {
    const old = oldDepartments.get(d.code)
    if (!old) diff.departmentsAdded.push(d.code)
    else {
      const fields = diffFields(old, d)
      if (fields.length > 0) diff.departmentsChanged.push({ code: d.code, name: d.name.zh, fields })
    }
  }
  for (const d of from?.departments ?? [])
    if (!newDepartments.has(d.code)) diff.departmentsRemoved.push(d.code)
  return diff
}
