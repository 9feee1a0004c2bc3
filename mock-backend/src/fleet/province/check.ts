/**
 * The end-of-run check in the database, through the Storage: every record the fleet sent is stored (each key
 * once: the key is the table's unique key), the rows added are exactly the records answered "stored" (nothing
 * twice under another key), no reference number was answered for two records, and each one appears exactly once
 * among its day's stored references.
 */
import type { TransactionRecord } from '../../contract'
import type { Storage } from '../../db/storage'
import { shanghaiDay } from '../../time'

/** Keys per lookup (one query each). */
const LOOKUP_CHUNK = 5_000

/** What the check found; every count but `checked` and `references` must be 0. */
export interface StoreCheck {
  /** Records looked up. */
  checked: number
  /** Sent records with no stored row. */
  missing: number
  /** Rows added during the run beyond the records answered "stored" (a record stored twice would show here). */
  extraRows: number
  /** Reference numbers the answers carried. */
  references: number
  /** References answered for two records, or found other than exactly once among their day's stored ones. */
  duplicateReferences: number
}

/**
 * Checks `sent` against the store: `answered` is each key's reference from the answers, `rowsBefore`
 * countTransactions() before the run, `stored` how many records were answered "stored" (not replayed).
 */
export async function checkStore(
  store: Storage,
  sent: readonly TransactionRecord[],
  answered: ReadonlyMap<string, string>,
  rowsBefore: number,
  stored: number,
): Promise<StoreCheck> {
  let missing = 0
  for (let i = 0; i < sent.length; i += LOOKUP_CHUNK) {
    const chunk = sent.slice(i, i + LOOKUP_CHUNK)
    const rows = await store.getTransactionsByKey(chunk.map((r) => r.key))
    missing += chunk.filter((r) => !rows.has(r.key)).length
  }
  const dayOf = new Map<string, string>()
  let duplicates = 0
  for (const record of sent) {
    const reference = answered.get(record.key)
    if (reference === undefined) continue
    if (dayOf.has(reference)) duplicates += 1
    dayOf.set(reference, shanghaiDay(record.createdAt))
  }
  const seen = new Map<string, number>()
  for (const day of new Set(dayOf.values()))
    for (const reference of await store.referencesOfDay(day))
      if (dayOf.has(reference)) seen.set(reference, (seen.get(reference) ?? 0) + 1)
  for (const reference of dayOf.keys()) if (seen.get(reference) !== 1) duplicates += 1
  return {
    checked: sent.length,
    missing,
    extraRows: (await store.countTransactions()) - rowsBefore - stored,
    references: dayOf.size,
    duplicateReferences: duplicates,
  }
}
