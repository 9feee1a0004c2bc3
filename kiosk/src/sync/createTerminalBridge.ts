/**
 * Wires the database, the backend client, the sync actor and the service worker into the one
 * TerminalBridge the resident UI talks to. Created once in main.tsx.
 */
import { type ActorOptions, createActor, fromPromise } from 'xstate'
import type { Metric, TransactionRecord } from '../../../mock-backend/src/contract'
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import { syncMachine } from '../machines/syncMachine'
import { loadActiveCatalog, storeActiveCatalog } from '../storage/catalogStore'
import { incrementCounter } from '../storage/counterStore'
import { createDbConnection, getMeta, setMeta, type TerminalIdentity } from '../storage/db'
import { enqueueRecord, outboxStats, resetInflight } from '../storage/outboxStore'
import { shanghaiDay } from '../storage/shanghaiDay'
import { createUuidV7Generator } from '../storage/uuidv7'
import { createBackendClient, type FailureKind } from './backendClient'
import { CASE_KINDS } from './caseKinds'
import type { CaseStatus, DeliveredRecord } from './caseStatus'
import { registerServiceWorker, type SwBridge } from './swBridge'
import { runSyncOnce, type SettledOutcome } from './syncEngine'
import type {
  ActivityState,
  PrinterState,
  SubmitOutcome,
  TerminalBridge,
  TerminalStatus,
} from './terminalBridge'

/** Version reported in status and heartbeat. */
export const APP_VERSION: string = import.meta.env.VITE_APP_VERSION ?? '0.1.0'

/** The subset of StorageManager the bridge uses (injectable for tests). */
export type StorageLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>

/** Everything injectable; the UI passes nothing. */
export interface TerminalBridgeOptions {
  fetchImpl?: typeof fetch
  now?: () => Date
  /** Defaults to the page's `indexedDB`. */
  idbFactory?: IDBFactory
  /** Defaults to '' (same origin). */
  baseUrl?: string
  /** Defaults to `navigator.storage`. */
  storage?: StorageLike
  /** Defaults to `registerServiceWorker()` (a no-op outside production builds). */
  serviceWorker?: SwBridge
  /** Timer clock of the sync actor (tests pass xstate's SimulatedClock). */
  clock?: ActorOptions<typeof syncMachine>['clock']
  /** Whether the OS reports a network (defaults to `navigator.onLine`). */
  onLine?: () => boolean
}

/** Creates the bridge; nothing happens until `start()`. */
export function createTerminalBridge(options: TerminalBridgeOptions = {}): TerminalBridge {
  const now = options.now ?? (() => new Date())
  const newKey = createUuidV7Generator(() => now().getTime())
  const connection = createDbConnection(options.idbFactory ?? indexedDB)
  const storage = options.storage ?? (typeof navigator !== 'undefined' ? navigator.storage : undefined)
  const onLine = options.onLine ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine))

  let identity: TerminalIdentity | null = null
  let catalog: PublishedCatalog | null = null
  let catalogEtag: string | null = null
  let lastTransport: FailureKind | null = null
  let persisted = false
  let printer: PrinterState = 'ok'
  let activity: ActivityState = 'idle'
  let starting: Promise<{ enrolled: boolean; catalog: PublishedCatalog | null }> | null = null
  const sw: SwBridge = options.serviceWorker ?? registerServiceWorker()
  const catalogListeners = new Set<(catalog: PublishedCatalog) => void>()
  const waiters = new Map<string, (outcome: SettledOutcome) => void>()
  /** Residents waiting for an answer are let go as soon as a sync run fails as a whole. */
  const runFailedListeners = new Set<() => void>()

  const client = createBackendClient({
    fetchImpl: options.fetchImpl,
    baseUrl: options.baseUrl,
    getToken: () => identity?.token ?? null,
    onTransport: (failure) => {
      lastTransport = failure
    },
  })

  async function adoptIdentity(answer: TerminalIdentity): Promise<void> {
    const next = { terminalId: answer.terminalId, token: answer.token, name: answer.name }
    await setMeta(await connection.get(), 'identity', next)
    identity = next
  }

  async function ensureIdentity(): Promise<TerminalIdentity> {
    if (identity) return identity
    await adoptIdentity(await client.demoEnrol())
    return identity!
  }

  async function refreshCatalog(): Promise<void> {
    if (!identity) return
    const answer = await client.getCatalog(catalogEtag)
    if (answer.status !== 'ok') return
    if (catalog && answer.catalog.version === catalog.version && answer.etag === catalogEtag) return
    await storeActiveCatalog(await connection.get(), answer.catalog, answer.etag, now().toISOString())
    catalog = answer.catalog
    catalogEtag = answer.etag
    for (const listener of catalogListeners) listener(answer.catalog)
  }

  async function storageFigures(): Promise<TerminalStatus['storage']> {
    try {
      const estimate = (await storage?.estimate()) ?? {}
      return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted }
    } catch {
      return { usage: 0, quota: 0, persisted }
    }
  }

  async function status(): Promise<TerminalStatus> {
    const db = await connection.get()
    const [stats, lastSyncAt, storageNow] = await Promise.all([
      outboxStats(db),
      getMeta(db, 'lastSyncAt'),
      storageFigures(),
    ])
    return {
      terminalId: identity?.terminalId ?? null,
      terminalName: identity?.name ?? null,
      appVersion: APP_VERSION,
      catalogVersion: catalog?.version ?? 0,
      online: online(),
      queueLength: stats.queueLength,
      deadLetters: stats.deadLetters,
      oldestUnsentAt: stats.oldestUnsentAt,
      lastSyncAt: lastSyncAt ?? null,
      storage: storageNow,
    }
  }

  function online(): boolean {
    return onLine() && lastTransport === null
  }

  /** The 办件 side (lookups, last known statuses, ratings), loaded on first use. */
  let caseStatus: Promise<CaseStatus> | null = null
  function cases(): Promise<CaseStatus> {
    if (!caseStatus) {
      const loading = import('./caseStatus').then((m) =>
        m.createCaseStatus({ connection, client, now, onLine, ensureIdentity, catalog: () => catalog }),
      )
      caseStatus = loading
      // A failed chunk load (e.g. offline before the service worker cached it) is retried on next use.
      loading.catch(() => {
        if (caseStatus === loading) caseStatus = null
      })
    }
    return caseStatus
  }

  const machine = syncMachine.provide({
    actors: {
      runSync: fromPromise(async () => {
        // Cases this run delivered: recorded afterwards in one go, off the delivery path.
        const delivered: DeliveredRecord[] = []
        try {
          await ensureIdentity()
          await runSyncOnce({
            db: () => connection.get(),
            client,
            now,
            onSettled: (key, outcome, record) => {
              if (outcome.state === 'done' && record && CASE_KINDS.has(outcome.result.kind))
                delivered.push({ record, result: outcome.result })
              waiters.get(key)?.(outcome)
            },
          })
          if ((await (await connection.get()).count('pendingRatings')) > 0)
            await (await cases()).sendPendingRatings()
        } catch (error) {
          // The backend cannot answer now (the machine backs off): nobody should keep waiting.
          for (const listener of [...runFailedListeners]) listener()
          throw error
        } finally {
          // Best effort: the cases can be shown offline later; delivery itself must not fail on it.
          if (delivered.length > 0)
            void cases()
              .then((c) => c.rememberAccepted(delivered))
              .catch(() => undefined)
        }
      }),
      sendHeartbeat: fromPromise(async () => {
        if (!identity) return
        const s = await status()
        const answer = await client.postHeartbeat({
          status: activity,
          queueLength: s.queueLength,
          oldestUnsentAt: s.oldestUnsentAt,
          lastSyncAt: s.lastSyncAt,
          storage: s.storage,
          printer,
          appVersion: s.appVersion,
          catalogVersion: s.catalogVersion,
        })
        if (answer.catalogVersion > s.catalogVersion) await refreshCatalog()
      }),
      refreshCatalog: fromPromise(refreshCatalog),
    },
  })
  const actor = createActor(machine, options.clock ? { clock: options.clock } : undefined)
  const onWindowOnline = () => actor.send({ type: 'sync.online' })

  async function doStart(): Promise<{ enrolled: boolean; catalog: PublishedCatalog | null }> {
    const db = await connection.get()
    try {
      persisted = (await storage?.persisted?.()) || ((await storage?.persist?.()) ?? false)
    } catch {
      persisted = false
    }
    await resetInflight(db)
    identity = (await getMeta(db, 'identity')) ?? null
    if (!identity) {
      try {
        await ensureIdentity()
      } catch {
        // Not on loopback, or the backend is down: stay unenrolled; the sync run tries again.
      }
    }
    const stored = await loadActiveCatalog(db)
    catalog = stored?.catalog ?? null
    catalogEtag = stored?.etag ?? (await getMeta(db, 'catalogEtag')) ?? null
    if (!catalog) {
      try {
        await refreshCatalog()
      } catch {
        // Offline at first boot: the UI shows its "no catalog yet" screen; the actor keeps trying.
      }
    }
    if (typeof window !== 'undefined') window.addEventListener('online', onWindowOnline)
    actor.start()
    // Load the 办件 side now, while the network is likely up: a rating given offline later must not
    // depend on fetching a chunk the service worker may not have cached yet.
    void cases().catch(() => undefined)
    return { enrolled: identity !== null, catalog }
  }

  return {
    start() {
      // A failed start (e.g. IndexedDB unavailable) may be retried; a successful one is shared.
      starting ??= doStart().catch((error: unknown) => {
        starting = null
        throw error
      })
      return starting
    },
    currentCatalog: () => catalog,
    onCatalog(listener) {
      catalogListeners.add(listener)
      return () => catalogListeners.delete(listener)
    },
    async submit(submission, { waitMs }): Promise<SubmitOutcome> {
      const key = newKey()
      const record: TransactionRecord = { ...submission, key, createdAt: now().toISOString() }
      let settle: (outcome: SettledOutcome) => void = () => undefined
      const answered = new Promise<SettledOutcome>((resolve) => {
        settle = resolve
      })
      waiters.set(key, settle)
      try {
        // Nothing is promised to the resident before this commit (strict durability).
        await enqueueRecord(await connection.get(), record, now().getTime())
      } catch (error) {
        waiters.delete(key)
        throw error
      }
      let timer: ReturnType<typeof setTimeout> | undefined
      let giveUp: () => void = () => undefined
      const timedOut = new Promise<null>((resolve) => {
        // Known offline: the slip can say "queued" at once instead of a pointless wait.
        const wait = onLine() ? Math.max(0, waitMs) : 0
        timer = setTimeout(() => resolve(null), wait)
        giveUp = () => resolve(null)
      })
      runFailedListeners.add(giveUp)
      if (actor.getSnapshot().status === 'active') actor.send({ type: 'sync.enqueued' })
      const outcome = await Promise.race([answered, timedOut])
      clearTimeout(timer)
      runFailedListeners.delete(giveUp)
      waiters.delete(key)
      if (outcome?.state === 'done') return { state: 'done', key, result: outcome.result }
      if (outcome?.state === 'rejected') return { state: 'rejected', key, message: outcome.message }
      return { state: 'queued', key, localReference: localReference(key) }
    },
    async count(itemCode: string, metric: Metric) {
      await incrementCounter(await connection.get(), shanghaiDay(now()), itemCode, metric)
    },
    online,
    status,
    async enrol(code) {
      await adoptIdentity(await client.enrol(code))
      if (actor.getSnapshot().status === 'active') {
        actor.send({ type: 'sync.tick' })
        await refreshCatalog().catch(() => undefined)
      }
    },
    lookupCase: async (caseNumber) => (await cases()).lookupCase(caseNumber),
    lookupCasesById: async (idNumber) => (await cases()).lookupCasesById(idNumber),
    async rateCase(rating) {
      try {
        return await (await cases()).rateCase(rating)
      } catch {
        return 'failed'
      }
    },
    reportPrinter(state) {
      printer = state
    },
    reportActivity(state) {
      activity = state
    },
    updateWaiting: () => sw.updateWaiting(),
    applyUpdate: () => sw.applyUpdate(),
    onUpdateWaiting: (listener) => sw.onUpdateWaiting(listener),
    syncNow() {
      if (actor.getSnapshot().status === 'active') actor.send({ type: 'sync.tick' })
    },
    stop() {
      if (typeof window !== 'undefined') window.removeEventListener('online', onWindowOnline)
      actor.stop()
      connection.close()
    },
  }
}

/** What the resident's slip shows while a record waits: 'LX' + the key's last 8 hex digits. */
export function localReference(key: string): string {
  return `LX${key.replace(/-/g, '').slice(-8).toUpperCase()}`
}
