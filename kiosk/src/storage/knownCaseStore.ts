/**
 * Last known case statuses, so 办件进度查询 by case number can still answer offline ("本机 X月X日 HH:mm
 * 记录的状态"). Bounded by age and count; holds case data only: no name, no ID number and no fingerprint of
 * either (a salted hash of an ID number can be brute-forced by whoever holds the disk: v5 dropped them).
 */
import type { IDBPObjectStore } from 'idb'
import type { KioskDatabase, KioskDB, KnownCase } from './db'
import type { StoredCaseView } from './storedTypes'

/** Most cases kept; the oldest records are dropped first. */
export const MAX_KNOWN_CASES = 1000
/** A status older than this is dropped: a half-year-old "办理中" helps nobody. */
export const KNOWN_CASE_MAX_AGE_MS = 180 * 24 * 3600_000

/**
 * Stores what the terminal just learnt about these cases, in one transaction. A newer status replaces an
 * older one, and old entries are pruned. `keepExisting`
 * (the terminal's own receipt) never replaces an entry that already exists: the backend's answer knows
 * more (due day, later statuses).
 */
export async function rememberCases(
  db: KioskDatabase,
  views: readonly StoredCaseView[],
  recordedAt: Date,
  options: { keepExisting?: boolean } = {},
): Promise<void> {
  if (views.length === 0) return
  const at = recordedAt.toISOString()
  const tx = db.transaction('knownCases', 'readwrite')
  const store = tx.store
  for (const view of views) {
    const old = await store.get(view.transactionKey)
    if (old && (options.keepExisting || old.recordedAt > at)) continue
    const entry: KnownCase = {
      transactionKey: view.transactionKey,
      caseNumber: normalize(view.caseNumber),
      view,
      recordedAt: at,
    }
    await store.put(entry)
  }
  await prune(tx.store, recordedAt.getTime())
  await tx.done
}

/** Marks a known case as rated, so the offline view does not invite a second rating. */
export async function markKnownCaseRated(db: KioskDatabase, transactionKey: string): Promise<void> {
  const tx = db.transaction('knownCases', 'readwrite')
  const old = await tx.store.get(transactionKey)
  if (old && !old.view.rated) await tx.store.put({ ...old, view: { ...old.view, rated: true } })
  await tx.done
}

/** Known cases with this number (normally one), newest record first. */
export async function knownCasesByNumber(db: KioskDatabase, caseNumber: string): Promise<KnownCase[]> {
  return newestFirst(await db.getAllFromIndex('knownCases', 'byCaseNumber', normalize(caseNumber)))
}

function normalize(caseNumber: string): string {
  return caseNumber.trim().toUpperCase()
}

function newestFirst(entries: KnownCase[]): KnownCase[] {
  return entries.sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0))
}

type KnownStore = IDBPObjectStore<KioskDB, ['knownCases'], 'knownCases', 'readwrite'>

async function prune(store: KnownStore, nowMs: number): Promise<void> {
  const cutoff = new Date(nowMs - KNOWN_CASE_MAX_AGE_MS).toISOString()
  const index = store.index('byRecordedAt')
  let excess = (await store.count()) - MAX_KNOWN_CASES
  let cursor = await index.openCursor()
  while (cursor && (excess > 0 || cursor.value.recordedAt < cutoff)) {
    await cursor.delete()
    excess -= 1
    cursor = await cursor.continue()
  }
}
