/**
 * Bundled by chromium.bench.ts and injected into the kiosk page, so the browser figures time the kiosk's
 * own storage and search code rather than a re-implementation.
 */

import { buildSearchIndex } from '../../../kiosk/src/search/searchIndex'
import { openKioskDb } from '../../../kiosk/src/storage/db'
import { enqueueRecord } from '../../../kiosk/src/storage/outboxStore'
import type { TransactionRecord } from '../../../mock-backend/src/contract'
import type { SearchEntry } from '../../../services-catalog/src/schema'

/** Times single-record outbox writes (strict durability) through the kiosk's own enqueueRecord; warm-up excluded. */
async function timeEnqueues(records: TransactionRecord[], warmUp: number): Promise<number[]> {
  // Same schema as the app's 'kiosk' database, under another name so the running app never sends these.
  const factory = { open: (_name: string, version?: number) => indexedDB.open('kiosk-bench', version) }
  const db = await openKioskDb(factory as IDBFactory)
  const samples: number[] = []
  try {
    for (const [i, record] of records.entries()) {
      const started = performance.now()
      await enqueueRecord(db, record, Date.now())
      if (i >= warmUp) samples.push(performance.now() - started)
    }
  } finally {
    db.close()
  }
  return samples
}

/** Times every keystroke's query over the entries, after one untimed warm-up round. */
function timeSearch(entries: SearchEntry[], strokes: string[], rounds: number): number[] {
  const index = buildSearchIndex(entries)
  for (const text of strokes) index.query(text)
  const samples: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (const text of strokes) {
      const started = performance.now()
      index.query(text)
      samples.push(performance.now() - started)
    }
  }
  return samples
}

/** What the page exposes to `page.evaluate`. */
export interface KioskBenchApi {
  timeEnqueues: typeof timeEnqueues
  timeSearch: typeof timeSearch
}

;(globalThis as unknown as { __kioskBench: KioskBenchApi }).__kioskBench = { timeEnqueues, timeSearch }
