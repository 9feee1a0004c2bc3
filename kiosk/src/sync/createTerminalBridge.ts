/**
 * Composes the one TerminalBridge the resident UI talks to, created once in main.tsx: the database, the
 * backend client and the sync actor, with each job in its own file — identity and enrolment
 * (`terminalIdentity.ts`), catalog (`catalogSync.ts`), residents waiting for an answer
 * (`submitWaiters.ts`), status and heartbeat (`heartbeat.ts`), reachability (`networkState.ts`).
 */
import { type ActorOptions, createActor, fromPromise } from 'xstate'
import type { Metric, TransactionRecord } from '../../../mock-backend/src/contract'
import { CASE_KINDS } from '../../../mock-backend/src/contract/constants'
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import { lazyOnce } from '../lazyOnce'
import { syncHoldOf, syncMachine } from '../machines/syncMachine'
import { type FlagStorage, pageFlagStorage, writeStoredCatalogFlag } from '../storage/catalogFlag'
import { incrementCounter } from '../storage/counterStore'
import { createDbConnection } from '../storage/db'
import { enqueueRecord, loadSealing, resetInflight } from '../storage/outboxStore'
import { shanghaiDay } from '../storage/shanghaiDay'
import { createUuidV7Generator } from '../storage/uuidv7'
import { BackendError, createBackendClient } from './backendClient'
import type { DeliveredRecord } from './caseStatus'
import { createCatalogSync } from './catalogSync'
import { createHeartbeat, type StorageLike } from './heartbeat'
import { createNetworkState } from './networkState'
import { purgeExpiredResidentData } from './retentionPurge'
import { createSubmitWaiters } from './submitWaiters'
import { registerServiceWorker, type SwBridge } from './swBridge'
import { runSyncOnce } from './syncEngine'
import type { SubmitOutcome, TerminalBridge } from './terminalBridge'
import { createTerminalIdentity, takeEnrolLinkCode } from './terminalIdentity'
import { createTerminalSettings } from './terminalSettings'

export type { StorageLike } from './heartbeat'

/** Version reported in status and heartbeat. */
export const APP_VERSION: string = import.meta.env.VITE_APP_VERSION ?? '0.1.0'

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
  /**
   * Work the attract screen does not need waits for this: loading the 办件 side and the service worker's update
   * checks (main.tsx passes the first tap, so the page fetches neither before it). Default: nothing waits.
   */
  afterFirstTap?: Promise<unknown>
  /** The one-time code the page was opened with (defaults to `?enrol=` of the address, then removed from it). */
  enrolLinkCode?: () => string | null
  /** Where the "has a stored catalog" note is kept (`storage/catalogFlag.ts`); defaults to the page's localStorage. */
  flagStorage?: FlagStorage | null
}

/** Creates the bridge; nothing happens until `start()`. */
export function createTerminalBridge(options: TerminalBridgeOptions = {}): TerminalBridge {
  const now = options.now ?? (() => new Date())
  const newKey = createUuidV7Generator(() => now().getTime())
  const connection = createDbConnection(options.idbFactory ?? indexedDB)
  const storage = options.storage ?? (typeof navigator !== 'undefined' ? navigator.storage : undefined)
  const onLine = options.onLine ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine))
  const sw: SwBridge = options.serviceWorker ?? registerServiceWorker({ updatesAfter: options.afterFirstTap })
  const network = createNetworkState(onLine)
  const settings = createTerminalSettings(connection)
  const identity = createTerminalIdentity(connection, () => client.demoEnrol(), settings.adopt)
  const client = createBackendClient({
    fetchImpl: options.fetchImpl,
    baseUrl: options.baseUrl,
    getToken: () => identity.current()?.token ?? null,
    onTransport: network.onTransport,
  })
  const catalogs = createCatalogSync({ connection, client, now, enrolled: () => identity.current() !== null })
  // The note the next boot's attract screen reads before IndexedDB opens: only ever a catalog already stored.
  const flagStorage = options.flagStorage === undefined ? pageFlagStorage() : options.flagStorage
  catalogs.onCatalog((catalog) => writeStoredCatalogFlag(flagStorage, catalog.version))
  const heartbeat = createHeartbeat({
    connection,
    client,
    storage,
    appVersion: APP_VERSION,
    terminal: identity.current,
    catalogVersion: () => catalogs.current()?.version ?? 0,
    overlayVersion: () => catalogs.current()?.overlayVersion ?? 0,
    online: network.online,
    refreshCatalog: catalogs.refresh,
    adoptSettings: settings.adopt,
    onWipeOrdered: () => wipeOrdered(true),
  })
  const waiters = createSubmitWaiters()
  let starting: Promise<{ enrolled: boolean; catalog: PublishedCatalog | null }> | null = null

  /** The maintenance PIN gate, loaded on first use (the maintenance screen). */
  const pins = lazyOnce(() =>
    import('../maintenance/pinGate').then((m) => m.createPinGate(connection, settings.current, now)),
  )

  /** The 办件 side (lookups, last known statuses, ratings), loaded on first use. */
  const cases = lazyOnce(() =>
    import('./caseStatus').then((m) =>
      m.createCaseStatus({
        connection,
        client,
        now,
        onLine,
        ensureIdentity: identity.ensure,
        catalog: catalogs.current,
      }),
    ),
  )

  /**
   * An admin's wipe order (terminalWipe.ts): while the key works, the outbox is delivered first and the wipe waits
   * until it is empty: a sync run that empties it carries the order out (`wipeWaiting`), and the next heartbeat
   * brings the order again anyway; then the residents' data is deleted and the wipe reported done (a revoked key
   * may still report).
   */
  let wipeWaiting = false
  async function wipeOrdered(canDeliver: boolean): Promise<void> {
    if (canDeliver) {
      wipeWaiting = true
      await runSyncOnce({ db: () => connection.get(), client, now, onSettled: waiters.settled })
      await sendWaitingCallbacks()
    }
    await carryOutWipe(canDeliver)
  }
  /** Deletes the residents' data (while any record waits, only if `onlyIfDelivered` is false) and reports it. */
  async function carryOutWipe(onlyIfDelivered: boolean): Promise<void> {
    const wiped = (await import('./terminalWipe')).wipeResidentData(await connection.get(), {
      onlyIfDelivered,
    })
    if (!(await wiped)) return
    wipeWaiting = false
    await client.postWiped()
  }

  /** The bridge's call-back side (callbackSync.ts), loaded on first use: the attract screen's entry does not carry it. */
  const callbackSide = () => import('./callbackSync')
  /**
   * Sends the 帮办 call-backs waiting in the database (after the outbox and the ratings). Their code loads only
   * when one waits: the attract screen's entry does not carry it.
   */
  async function sendWaitingCallbacks(): Promise<void> {
    if ((await (await connection.get()).count('callbacks')) === 0) return
    await (await callbackSide()).sendCallbacks(() => connection.get(), client, now)
  }

  /** A refusal of this terminal's key: hold the outbox, and carry out a wipe order the refusal brought. */
  async function onKeyRefused(error: unknown): Promise<void> {
    if (!(error instanceof BackendError) || error.code !== 'terminal_revoked') return
    if (error.wipe) await wipeOrdered(false).catch(() => undefined)
  }

  const machine = syncMachine.provide({
    actors: {
      runSync: fromPromise(async () => {
        // Cases this run delivered: recorded afterwards in one go, off the delivery path.
        const delivered: DeliveredRecord[] = []
        try {
          await identity.ensure()
          await runSyncOnce({
            db: () => connection.get(),
            client,
            now,
            onSettled: (key, outcome, record) => {
              if (outcome.state === 'done' && record && CASE_KINDS.has(outcome.result.kind))
                delivered.push({ record, result: outcome.result })
              waiters.settled(key, outcome)
            },
          })
          if ((await (await connection.get()).count('pendingRatings')) > 0)
            await (await cases()).sendPendingRatings()
          await sendWaitingCallbacks()
          // A wipe order that waited for this delivery: the outbox may be empty now.
          if (wipeWaiting) await carryOutWipe(true).catch(() => undefined)
        } catch (error) {
          // The backend cannot answer now (the machine backs off): nobody should keep waiting.
          waiters.runFailed()
          await onKeyRefused(error)
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
        // Retention runs here, every heartbeat, so it goes on while a revoked terminal sends nothing else.
        await purgeExpiredResidentData(
          await connection.get(),
          now().getTime(),
          settings.current()?.retentionDays,
        )
        try {
          await heartbeat.send()
        } catch (error) {
          if (error instanceof BackendError && error.code === 'terminal_revoked') {
            actor.send({ type: 'sync.revoked' })
            await onKeyRefused(error)
          }
          throw error
        }
      }),
      refreshCatalog: fromPromise(catalogs.refresh),
    },
  })
  const actor = createActor(machine, options.clock ? { clock: options.clock } : undefined)
  const syncing = () => actor.getSnapshot().status === 'active'
  const onWindowOnline = () => {
    network.check()
    actor.send({ type: 'sync.online' })
  }
  const onWindowOffline = () => network.check()

  async function doStart(): Promise<{ enrolled: boolean; catalog: PublishedCatalog | null }> {
    const db = await connection.get()
    // Asked alongside, not before: the answer only goes into the heartbeat's status, and a browser may take its
    // time to decide, while the attract screen waits for the catalog below.
    const persistence = heartbeat.askPersistence()
    // The start's reads go out together (each is its own transaction; none needs another's answer): the stored
    // catalog, which enables the attract screen's button, waits for no other read. Until the settings are in,
    // a session would use the default idle time; the reads settle long before a resident can reach a timeout.
    await Promise.all([resetInflight(db), settings.load(), identity.load(db), catalogs.load(db)])
    // The note follows what the database really holds (an evicted or deleted database leaves no catalog).
    writeStoredCatalogFlag(flagStorage, catalogs.current()?.version ?? null)
    // The `?enrol=` link: a code enrolment replaces any earlier key (a revoked one too).
    const linkCode = (options.enrolLinkCode ?? takeEnrolLinkCode)()
    if (linkCode)
      await client
        .enrol(linkCode)
        .then(identity.adopt)
        .catch(() => undefined)
    if (!identity.current()) {
      try {
        await identity.ensure()
      } catch {
        // Not on loopback, or the backend is down: stay unenrolled; the sync run tries again.
      }
    }
    if (!catalogs.current()) {
      try {
        await catalogs.refresh()
      } catch {
        // Offline at first boot: the UI shows its "no catalog yet" screen; the actor keeps trying.
      }
    }
    if (typeof window !== 'undefined') {
      window.addEventListener('online', onWindowOnline)
      window.addEventListener('offline', onWindowOffline)
    }
    network.check()
    actor.start()
    // Load the 办件 side when a session starts, before any rating can be given: a rating given offline must not
    // depend on fetching a chunk then (the service worker precaches it too).
    void (options.afterFirstTap ?? Promise.resolve()).then(cases).catch(() => undefined)
    // Likewise storing a record or a call-back (their code is not in the entry): loaded at the first tap, not when a
    // resident submits, perhaps offline before the service worker controls the page.
    void (options.afterFirstTap ?? Promise.resolve())
      .then(() => Promise.all([loadSealing(), callbackSide()]))
      .catch(() => undefined)
    await persistence
    return { enrolled: identity.current() !== null, catalog: catalogs.current() }
  }

  return {
    terminalKey: () => identity.current()?.token ?? null,
    start() {
      // A failed start (e.g. IndexedDB unavailable) may be retried; a successful one is shared.
      starting ??= doStart().catch((error: unknown) => {
        starting = null
        // The stored catalog could not be read: the next boot's attract screen must wait for it, not promise it.
        writeStoredCatalogFlag(flagStorage, null)
        throw error
      })
      return starting
    },
    currentCatalog: catalogs.current,
    onCatalog: catalogs.onCatalog,
    onNetwork: network.onNetwork,
    async submit(submission, { waitMs }): Promise<SubmitOutcome> {
      const key = submission.key ?? newKey()
      const record: TransactionRecord = { ...submission, key, createdAt: now().toISOString() }
      const outcome = await waiters.wait(key, {
        // Nothing is promised to the resident before this commit (strict durability).
        store: async () => {
          await enqueueRecord(await connection.get(), record, now().getTime())
        },
        kick: () => {
          if (syncing()) actor.send({ type: 'sync.enqueued' })
        },
        // Known offline: the slip can say "queued" at once instead of a pointless wait.
        waitMs: () => (onLine() ? Math.max(0, waitMs) : 0),
      })
      if (outcome?.state === 'done') return { state: 'done', key, result: outcome.result }
      if (outcome?.state === 'rejected') return { state: 'rejected', key, message: outcome.message }
      return { state: 'queued', key, localReference: localReference(key) }
    },
    async count(itemCode: string, metric: Metric) {
      await incrementCounter(await connection.get(), shanghaiDay(now()), itemCode, metric)
    },
    online: network.online,
    status: heartbeat.status,
    async enrol(code) {
      await identity.adopt(await client.enrol(code))
      if (syncing()) {
        actor.send({ type: 'sync.enrolled' })
        actor.send({ type: 'sync.tick' })
        await catalogs.refresh().catch(() => undefined)
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
    settings: settings.current,
    helpSettings: settings.help,
    onSettings: settings.onSettings,
    pinState: async () => (await pins()).pinState(),
    checkPin: async (pin) => (await pins()).checkPin(pin),
    reportPrinter: heartbeat.reportPrinter,
    reportDevices: heartbeat.reportDevices,
    agentPairingSecret: settings.agentPairingSecret,
    agentPairingPrevious: settings.agentPairingPrevious,
    reportActivity: heartbeat.reportActivity,
    updateWaiting: () => sw.updateWaiting(),
    applyUpdate: () => sw.applyUpdate(),
    onUpdateWaiting: (listener) => sw.onUpdateWaiting(listener),
    syncHold: () => syncHoldOf(actor.getSnapshot().value),
    onSyncHold(listener) {
      let last = syncHoldOf(actor.getSnapshot().value)
      const subscription = actor.subscribe((snapshot) => {
        const hold = syncHoldOf(snapshot.value)
        if (hold !== last) {
          last = hold
          listener(hold)
        }
      })
      return () => subscription.unsubscribe()
    },
    syncNow() {
      if (syncing()) actor.send({ type: 'sync.tick' })
    },
    async requestCallback(phone, itemCode) {
      // Nothing is said to the resident before this commit (strict durability).
      await (await callbackSide()).queueCallback(await connection.get(), { phone, itemCode }, newKey, now)
      if (syncing()) actor.send({ type: 'sync.enqueued' })
    },
    stop() {
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onWindowOnline)
        window.removeEventListener('offline', onWindowOffline)
      }
      actor.stop()
      connection.close()
    },
  }
}

/** What the resident's slip shows while a record waits: 'LX' + the key's last 8 hex digits. */
export function localReference(key: string): string {
  return `LX${key.replace(/-/g, '').slice(-8).toUpperCase()}`
}
