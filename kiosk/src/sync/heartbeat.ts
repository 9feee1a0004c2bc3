/**
 * What the terminal reports about itself: the status figures (maintenance screen) and the heartbeat,
 * which also carries the printer state and whether a session or maintenance is on.
 */
import type { TerminalSettingsAnswer } from '../../../mock-backend/src/contract'
import type { DbConnection } from '../storage/db'
import { getMeta } from '../storage/db'
import { deadLetterSummary, outboxStats } from '../storage/outboxStore'
import type { BackendClient } from './backendClient'
import type { ActivityState, DeviceStates, PrinterState, TerminalStatus } from './terminalBridge'

/** The subset of StorageManager the bridge uses (injectable for tests). */
export type StorageLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>

/** Status figures and the heartbeat. */
export interface Heartbeat {
  /** Asks the browser to keep the database (at start); remembered for the status. */
  askPersistence(): Promise<void>
  status(): Promise<TerminalStatus>
  /**
   * Sends one heartbeat (when enrolled); the settings in the answer are cached, and a newer catalog version
   * announced in it is fetched.
   */
  send(): Promise<void>
  reportPrinter(state: PrinterState): void
  reportDevices(devices: DeviceStates | null): void
  reportActivity(state: ActivityState): void
}

/** Creates the heartbeat over the bridge's other parts. */
export function createHeartbeat(deps: {
  connection: DbConnection
  client: Pick<BackendClient, 'postHeartbeat'>
  storage: StorageLike | undefined
  appVersion: string
  terminal: () => { terminalId: string; name: string } | null
  catalogVersion: () => number
  /** The district overlay version of the catalog in use (0: none); absent in tests that do not care. */
  overlayVersion?: () => number
  online: () => boolean
  refreshCatalog: () => Promise<void>
  /** Caches the settings the answer carries (an admin's new idle time or reset PIN). */
  adoptSettings: (settings: TerminalSettingsAnswer | undefined) => Promise<void>
  /** The answer carried an admin's wipe order (terminalWipe.ts says in which order it runs). */
  onWipeOrdered: () => Promise<void>
}): Heartbeat {
  let persisted = false
  let printer: PrinterState = 'ok'
  let devices: DeviceStates | null = null
  let activity: ActivityState = 'idle'

  async function storageFigures(): Promise<TerminalStatus['storage']> {
    try {
      const estimate = (await deps.storage?.estimate()) ?? {}
      return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted }
    } catch {
      return { usage: 0, quota: 0, persisted }
    }
  }

  async function status(): Promise<TerminalStatus> {
    const db = await deps.connection.get()
    const [stats, lastSyncAt, storageNow] = await Promise.all([
      outboxStats(db),
      getMeta(db, 'lastSyncAt'),
      storageFigures(),
    ])
    const terminal = deps.terminal()
    return {
      terminalId: terminal?.terminalId ?? null,
      terminalName: terminal?.name ?? null,
      appVersion: deps.appVersion,
      catalogVersion: deps.catalogVersion(),
      online: deps.online(),
      queueLength: stats.queueLength,
      deadLetters: stats.deadLetters,
      oldestUnsentAt: stats.oldestUnsentAt,
      lastSyncAt: lastSyncAt ?? null,
      storage: storageNow,
    }
  }

  return {
    async askPersistence() {
      try {
        persisted = (await deps.storage?.persisted?.()) || ((await deps.storage?.persist?.()) ?? false)
      } catch {
        persisted = false
      }
    },
    status,
    async send() {
      if (!deps.terminal()) return
      const s = await status()
      const deadLetters = await deadLetterSummary(await deps.connection.get())
      const answer = await deps.client.postHeartbeat({
        status: activity,
        queueLength: s.queueLength,
        oldestUnsentAt: s.oldestUnsentAt,
        lastSyncAt: s.lastSyncAt,
        storage: s.storage,
        printer,
        appVersion: s.appVersion,
        catalogVersion: s.catalogVersion,
        deadLetters,
        ...(devices ? { devices } : {}),
      })
      await deps.adoptSettings(answer.settings)
      // A district's overlay publish or rollback changes its number either way, so any difference refetches.
      const overlayChanged =
        answer.overlayVersion !== undefined && answer.overlayVersion !== (deps.overlayVersion?.() ?? 0)
      if (answer.catalogVersion > s.catalogVersion || overlayChanged) await deps.refreshCatalog()
      if (answer.wipe) await deps.onWipeOrdered()
    },
    reportPrinter(state) {
      printer = state
    },
    reportDevices(next) {
      devices = next
    },
    reportActivity(state) {
      activity = state
    },
  }
}
