/**
 * Synthetic but valid inputs shared by the benches, all derived from the default catalog so figures
 * track what terminals really carry (no personal data: identity numbers are synthetic test values).
 */

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { uuidv7 } from '../../kiosk/src/storage/uuidv7'
import type { TransactionRecord } from '../../mock-backend/src/contract'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { NewTransaction } from '../../mock-backend/src/db/rows'
import { Catalog, type FormField, type ServiceItem } from '../../services-catalog/src/schema'

/** Repository root, so benches run from any working directory. */
export const ROOT = join(import.meta.dirname, '../..')

/** The default catalog the backend publishes as version 1 on first start. */
export function loadDefaultCatalog(): Catalog {
  return Catalog.parse(JSON.parse(readFileSync(join(ROOT, 'services-catalog/data/catalog.json'), 'utf8')))
}

/** A catalog of exactly `count` items: the default items repeated with unique codes and names. */
export function scaleCatalog(base: Catalog, count: number): Catalog {
  const items: ServiceItem[] = []
  for (let i = 0; i < count; i++) {
    const item = base.items[i % base.items.length]!
    const round = Math.floor(i / base.items.length)
    if (round === 0) {
      items.push(item)
      continue
    }
    const suffix = `-R${round}`
    items.push({
      ...item,
      code: `${item.code.slice(0, 40 - suffix.length)}${suffix}`,
      name: { zh: `${item.name.zh.slice(0, 54)}（${round}）`, en: item.name.en },
    })
  }
  return { ...base, items }
}

/** A value the backend accepts for one form field (only non-emptiness is checked at ingest). */
function fieldValue(field: FormField): string {
  if (field.type === 'select') return field.options?.[0]?.value ?? '1'
  if (field.type === 'digits') return '123456'
  if (field.type === 'phone') return '13800138000'
  if (field.type === 'date') return '2026-01-15'
  if (field.type === 'amount') return '100'
  return '粤B12345'
}

/** Items a terminal in `groups` may submit: active and offered to those groups. */
export function submittableItems(catalog: Catalog, groups: readonly string[]): ServiceItem[] {
  return catalog.items.filter(
    (i) => i.status === '有效' && (i.groups.length === 0 || i.groups.some((g) => groups.includes(g))),
  )
}

/** One valid transaction record for `item`, with a fresh idempotency key made as the kiosk makes it (UUIDv7). */
export function benchRecord(item: ServiceItem, catalogVersion: number, createdAt: string): TransactionRecord {
  const fields: Record<string, string> = {}
  for (const field of item.fields) if (field.required) fields[field.key] = fieldValue(field)
  return {
    key: uuidv7(),
    // Session ids are UUIDv7, as kiosk/src/ui/wiring.ts makes them.
    sessionId: uuidv7(),
    itemCode: item.code,
    catalogVersion,
    createdAt,
    // Synthetic identity (valid shape, not a real person) for items that require identification.
    ...(item.identity.length > 0 ? { subject: { idNumber: '44010619900101001X' } } : {}),
    fields,
  }
}

/** `count` records cycling over `items`, created "now" (ISO with offset). */
export function benchRecords(
  items: readonly ServiceItem[],
  count: number,
  catalogVersion = 1,
): TransactionRecord[] {
  const createdAt = new Date().toISOString()
  return Array.from({ length: count }, (_, i) =>
    benchRecord(items[i % items.length]!, catalogVersion, createdAt),
  )
}

/** What varies between the transaction rows benches write straight into a store. */
export interface StoredBenchRow {
  key: string
  sessionId: string
  terminalId: string
  item: Pick<ServiceItem, 'code' | 'department'>
  day: string
  resultJson: string
  reference: string
  /** When the record was made (ISO 8601 with offset); default 10:00 on its day. */
  createdAt?: string
  /** When the backend stored it; default 10:00:05 on its day. */
  receivedAt?: string
  /** The district its terminal stood in; default the demo district. */
  districtCode?: string
}

/** A stored transaction row for a bench seed: catalog version 1, created 10:00 and received 10:00:05 on its day unless given. */
export function storedBenchRow(r: StoredBenchRow): NewTransaction {
  return {
    key: r.key,
    payloadHash: createHash('sha256').update(r.key).digest('hex'),
    terminalId: r.terminalId,
    districtCode: r.districtCode ?? DEMO_DISTRICT_CODE,
    sessionId: r.sessionId,
    itemCode: r.item.code,
    department: r.item.department,
    catalogVersion: 1,
    createdAt: r.createdAt ?? `${r.day}T10:00:00+08:00`,
    day: r.day,
    receivedAt: r.receivedAt ?? `${r.day}T10:00:05+08:00`,
    resultJson: r.resultJson,
    reference: r.reference,
  }
}
