/**
 * Bundled by drain.bench.ts and injected into the kiosk page: queues records with the kiosk's own
 * `enqueueRecord` (strict durability), drains them with the kiosk's own terminal bridge and sync engine
 * after the network comes back, and replays a second set one request at a time with
 * workbox-background-sync's own `Queue` — both in the same page, against the same backend.
 */

import { Queue } from 'workbox-background-sync'
import { openKioskDb, setMeta, type TerminalIdentity } from '../../../kiosk/src/storage/db'
import { enqueueRecord, outboxStats } from '../../../kiosk/src/storage/outboxStore'
import type { StoredTransactionRecord } from '../../../kiosk/src/storage/storedTypes'
import { createUuidV7Generator } from '../../../kiosk/src/storage/uuidv7'
import { createTerminalBridge } from '../../../kiosk/src/sync/createTerminalBridge'
import type { SwBridge } from '../../../kiosk/src/sync/swBridge'
import type { TerminalBridge } from '../../../kiosk/src/sync/terminalBridge'
import type { TransactionRecord } from '../../../mock-backend/src/contract'
import { API_VERSION } from '../../../mock-backend/src/contract/constants'

/** Same schema as the app's 'kiosk' database, under another name so the running app never touches it. */
const BENCH_DB = 'kiosk-drain-bench'
const benchFactory = {
  open: (_name: string, version?: number) => indexedDB.open(BENCH_DB, version),
} as IDBFactory
/** How often the drain is checked for completion (a cheap count on the outbox). */
const POLL_MS = 25

const newKey = createUuidV7Generator()
const noServiceWorker: SwBridge = {
  updateWaiting: () => false,
  applyUpdate: () => undefined,
  onUpdateWaiting: () => () => undefined,
}

let bridge: TerminalBridge | null = null
let onlineAt: number | null = null
/** Time the bridge spent waiting on transaction POSTs (request out to answer read), to split kiosk from backend. */
const backendWait = { ms: 0, requests: 0 }

/** The page's fetch, timing transaction batches only; the bridge's own client still does all the work. */
const timedFetch: typeof fetch = async (input, init) => {
  const isBatch = String(input).endsWith('/api/terminal/transactions')
  const started = performance.now()
  const response = await fetch(input, init)
  if (!isBatch) return response
  // The client reads the body next; buffer it here so the wait includes the whole answer.
  const body = await response.arrayBuffer()
  backendWait.ms += performance.now() - started
  backendWait.requests += 1
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}
addEventListener('online', () => {
  onlineAt ??= performance.now()
})

/** Gives each record a kiosk UUIDv7 key (time-ordered, as `submit` would) and returns the keys in order. */
function rekey<R extends TransactionRecord>(records: R[]): R[] {
  return records.map((r) => ({ ...r, key: newKey() }))
}

/** Stores the terminal's enrolment in the bench database, as the installer's enrolment would. */
async function enrol(identity: TerminalIdentity): Promise<void> {
  const db = await openKioskDb(benchFactory)
  try {
    await setMeta(db, 'identity', identity)
  } finally {
    db.close()
  }
}

/**
 * Queues every record in the outbox, one strict-durability transaction each, as residents finishing
 * services while the terminal is offline would (`submit` minus the screens). Returns the keys and the time.
 * A record's materials arrive without bytes (`data: ''`) and get `images` in turn here, so the images cross from
 * the bench to the page once, not once per record.
 */
async function queueOutbox(
  records: StoredTransactionRecord[],
  images: readonly string[] = [],
): Promise<{ keys: string[]; ms: number }> {
  const db = await openKioskDb(benchFactory)
  let next = 0
  const keyed = rekey(records).map((r) =>
    r.materials
      ? {
          ...r,
          materials: r.materials.map((m) => ({
            material: m.material,
            data: images[next++ % images.length]!,
          })),
        }
      : r,
  )
  const started = performance.now()
  try {
    for (const record of keyed) await enqueueRecord(db, record, Date.now())
  } finally {
    db.close()
  }
  return { keys: keyed.map((r) => r.key), ms: performance.now() - started }
}

/**
 * Starts the kiosk's terminal bridge (sync actor included) on the bench database while online, and
 * waits until it holds the published catalog, as a terminal that has been running for a while does.
 */
async function startBridge(): Promise<{ catalogVersion: number; queueLength: number }> {
  bridge = createTerminalBridge({
    idbFactory: benchFactory,
    serviceWorker: noServiceWorker,
    fetchImpl: timedFetch,
  })
  await bridge.start()
  for (let i = 0; i < 300 && !bridge.currentCatalog(); i++) await new Promise((r) => setTimeout(r, 100))
  const status = await bridge.status()
  onlineAt = null
  backendWait.ms = 0
  backendWait.requests = 0
  return { catalogVersion: status.catalogVersion, queueLength: status.queueLength }
}

/** The drain, timed from the page's `online` event to the moment the outbox is empty. */
export interface DrainResult {
  ms: number
  queueLength: number
  deadLetters: number
  polls: number
  /** Of `ms`, the time spent waiting on transaction POSTs, and how many there were. */
  backendMs: number
  batches: number
}

/**
 * Waits (after the bench turned the network back on) until the outbox is empty or `timeoutMs` passed.
 * The poll is one count on its own read-only connection, so it barely competes with the drain.
 */
async function awaitDrained(timeoutMs: number): Promise<DrainResult> {
  const db = await openKioskDb(benchFactory)
  let polls = 0
  try {
    const deadline = performance.now() + timeoutMs
    for (;;) {
      const left = await db.count('outbox')
      polls += 1
      const now = performance.now()
      if (left === 0 || now > deadline) {
        if (onlineAt === null) throw new Error('the page never saw an online event')
        const stats = await outboxStats(db)
        return {
          ms: now - onlineAt,
          queueLength: stats.queueLength,
          deadLetters: stats.deadLetters,
          polls,
          backendMs: backendWait.ms,
          batches: backendWait.requests,
        }
      }
      await new Promise((r) => setTimeout(r, POLL_MS))
    }
  } finally {
    db.close()
  }
}

/** Stops the bench bridge (its actor and connection). */
function stopBridge(): void {
  bridge?.stop?.()
  bridge = null
}

let replayQueue: Queue | null = null

/**
 * Queues one POST per record in workbox-background-sync's own Queue (its IndexedDB store), exactly as
 * its BackgroundSyncPlugin would after a failed fetch. Untimed set-up; returns the keys.
 */
async function queueWorkbox(
  records: TransactionRecord[],
  token: string,
): Promise<{ keys: string[]; ms: number }> {
  // Queue reads `self.registration` (a service-worker global). In a window there is none: give it one
  // without `sync`, which selects workbox's own fallback path; replay is then started by the bench.
  const scope = globalThis as unknown as { registration?: object }
  scope.registration ??= {}
  replayQueue ??= new Queue('kiosk-drain-bench-replay', { onSync: async () => undefined })
  const keyed = rekey(records)
  const started = performance.now()
  for (const record of keyed) {
    await replayQueue.pushRequest({
      request: new Request('/api/terminal/transactions', {
        method: 'POST',
        headers: {
          'X-Api-Version': String(API_VERSION),
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ records: [record] }),
      }),
    })
  }
  return { keys: keyed.map((r) => r.key), ms: performance.now() - started }
}

/** Times workbox's own `replayRequests`: shift one entry, fetch it, next — until the queue is empty. */
async function replayWorkbox(): Promise<{ ms: number; left: number }> {
  if (!replayQueue) throw new Error('queueWorkbox must run first')
  const started = performance.now()
  await replayQueue.replayRequests()
  const ms = performance.now() - started
  return { ms, left: await replayQueue.size() }
}

/** What the page exposes to `page.evaluate`. */
export interface DrainBenchApi {
  enrol: typeof enrol
  queueOutbox: typeof queueOutbox
  startBridge: typeof startBridge
  awaitDrained: typeof awaitDrained
  stopBridge: typeof stopBridge
  queueWorkbox: typeof queueWorkbox
  replayWorkbox: typeof replayWorkbox
}

;(globalThis as unknown as { __drainBench: DrainBenchApi }).__drainBench = {
  enrol,
  queueOutbox,
  startBridge,
  awaitDrained,
  stopBridge,
  queueWorkbox,
  replayWorkbox,
}
