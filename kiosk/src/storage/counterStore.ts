/**
 * Usage counters per Asia/Shanghai day × item × metric. The terminal sends absolute values and the
 * backend keeps the maximum, so a resend never double counts and a day syncs until acknowledged.
 */
import type { Metric } from '../../../mock-backend/src/contract/constants'
import type { CounterEntry, KioskDatabase } from './db'
import { rethrowStorageError } from './storageErrors'

/** Adds one to a counter in a single readwrite transaction. */
export async function incrementCounter(
  db: KioskDatabase,
  day: string,
  itemCode: string,
  metric: Metric,
): Promise<number> {
  try {
    const tx = db.transaction('counters', 'readwrite')
    const existing = await tx.store.get([day, itemCode, metric])
    const next: CounterEntry = existing
      ? { ...existing, value: existing.value + 1 }
      : { day, itemCode, metric, value: 1, acked: 0 }
    await Promise.all([tx.store.put(next), tx.done])
    return next.value
  } catch (error) {
    rethrowStorageError(error)
  }
}

/** Counters whose value the backend has not yet acknowledged. */
export async function unackedCounters(db: KioskDatabase): Promise<CounterEntry[]> {
  const all = await db.getAll('counters')
  return all.filter((c) => c.value > c.acked)
}

/** Records what the backend acknowledged; a counter bumped meanwhile stays dirty. */
export async function markCountersAcked(db: KioskDatabase, sent: readonly CounterEntry[]): Promise<void> {
  const tx = db.transaction('counters', 'readwrite')
  for (const s of sent) {
    const current = await tx.store.get([s.day, s.itemCode, s.metric])
    if (current && s.value > current.acked) await tx.store.put({ ...current, acked: s.value })
  }
  await tx.done
}
