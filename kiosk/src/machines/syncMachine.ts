/**
 * When the terminal talks to the backend: an actor that lives outside the UI for the whole page.
 * Three parallel regions: the outbox/counters run (with full-jitter backoff after failures), the
 * heartbeat, and the catalog refresh. The actual work is done by named actors the bridge provides.
 */
import { assign, setup } from 'xstate'
import { fullJitterDelay } from '../sync/backoff'
import { actorPlaceholder } from './placeholders'

/** Time between regular sync runs when nothing else triggers one. */
export const SYNC_INTERVAL_MS = 30_000
/** Time between heartbeats. */
export const HEARTBEAT_INTERVAL_MS = 60_000
/** Time between catalog checks (a conditional GET, cheap when nothing changed). */
export const CATALOG_INTERVAL_MS = 10 * 60_000

/** While the backend speaks another API version, the outbox is tried again this rarely (it may be rolled back). */
export const OUTDATED_RECHECK_MS = 30 * 60_000

/**
 * Events: `sync.online` (window online), `sync.enqueued` (a record was stored), `sync.tick` (run now),
 * `sync.enrolled` (the terminal enrolled again: a revoked terminal may send again), `sync.revoked` (another request,
 * e.g. the heartbeat, was answered 401/403 `terminal_revoked`: hold the outbox even when it is empty).
 */
export type SyncEvent =
  | { type: 'sync.online' }
  | { type: 'sync.enqueued' }
  | { type: 'sync.tick' }
  | { type: 'sync.enrolled' }
  | { type: 'sync.revoked' }

/**
 * Why the outbox is held instead of retried: `revoked` (401/403 `terminal_revoked`: stop sending, keep the
 * outbox, show the maintenance notice), `outdated` (409 `api_version`: wait for an app update).
 */
export type SyncHold = 'revoked' | 'outdated'

/** The failed run's refusal, read structurally (status and code of a BackendError). */
function refusal(event: unknown): { status: unknown; code: unknown } {
  const error = (event as { error?: { status?: unknown; code?: unknown } }).error
  return { status: error?.status, code: error?.code }
}

/** The outbox region's hold, from the machine's state value. */
export function syncHoldOf(value: unknown): SyncHold | null {
  const outbox = (value as { outbox?: unknown }).outbox
  return outbox === 'revoked' || outbox === 'outdated' ? outbox : null
}

/** Context: consecutive failed runs (drives the backoff) and whether a run was asked for mid-run. */
export interface SyncContext {
  failures: number
  rerun: boolean
  lastError: string | null
}

/** The sync machine; side effects are the actors `runSync`, `sendHeartbeat`, `refreshCatalog`. */
export const syncMachine = setup({
  types: {
    context: {} as SyncContext,
    events: {} as SyncEvent,
  },
  actors: {
    runSync: actorPlaceholder<void>('runSync'),
    sendHeartbeat: actorPlaceholder<void>('sendHeartbeat'),
    refreshCatalog: actorPlaceholder<void>('refreshCatalog'),
  },
  actions: {
    requestRerun: assign({ rerun: true }),
    clearRerun: assign({ rerun: false }),
    recordFailure: assign({
      failures: ({ context }) => context.failures + 1,
      lastError: ({ event }) => {
        const error = (event as { error?: unknown }).error
        return error instanceof Error ? error.message : String(error)
      },
    }),
    recordSuccess: assign({ failures: 0, lastError: null }),
  },
  guards: {
    rerunRequested: ({ context }) => context.rerun,
    terminalRevoked: ({ event }) => {
      const { status, code } = refusal(event)
      return (status === 401 || status === 403) && code === 'terminal_revoked'
    },
    apiOutdated: ({ event }) => {
      const { status, code } = refusal(event)
      return status === 409 && code === 'api_version'
    },
  },
  delays: {
    SYNC_INTERVAL: SYNC_INTERVAL_MS,
    HEARTBEAT_INTERVAL: HEARTBEAT_INTERVAL_MS,
    CATALOG_INTERVAL: CATALOG_INTERVAL_MS,
    OUTDATED_RECHECK: OUTDATED_RECHECK_MS,
    /** Full jitter: random(0, min(5 min, 1 s × 2^failures)). */
    BACKOFF: ({ context }) => fullJitterDelay(context.failures),
  },
}).createMachine({
  id: 'sync',
  type: 'parallel',
  context: { failures: 0, rerun: false, lastError: null },
  states: {
    outbox: {
      // Page start is a trigger: run at once.
      initial: 'running',
      states: {
        idle: {
          after: { SYNC_INTERVAL: 'running' },
          on: {
            'sync.tick': 'running',
            'sync.online': 'running',
            'sync.enqueued': 'running',
            'sync.revoked': 'revoked',
          },
        },
        running: {
          entry: 'clearRerun',
          invoke: {
            src: 'runSync',
            onDone: [
              { guard: 'rerunRequested', target: 'running', reenter: true, actions: 'recordSuccess' },
              { target: 'idle', actions: 'recordSuccess' },
            ],
            onError: [
              // Refusals that retrying cannot change: hold the outbox (kept intact) instead of backing off.
              { guard: 'terminalRevoked', target: 'revoked', actions: 'recordFailure' },
              { guard: 'apiOutdated', target: 'outdated', actions: 'recordFailure' },
              // The network came back (or a resident queued a record) while this run was failing:
              // try once more now instead of sleeping through a backoff window of up to 5 minutes.
              { guard: 'rerunRequested', target: 'running', reenter: true, actions: 'recordFailure' },
              { target: 'backoff', actions: 'recordFailure' },
            ],
          },
          // Something changed during the run: go again right after it.
          on: {
            'sync.enqueued': { actions: 'requestRerun' },
            'sync.tick': { actions: 'requestRerun' },
            'sync.online': { actions: 'requestRerun' },
            'sync.revoked': 'revoked',
          },
        },
        backoff: {
          after: { BACKOFF: 'running' },
          // The network is back, or a resident is waiting for an answer: try once now.
          on: { 'sync.online': 'running', 'sync.enqueued': 'running', 'sync.revoked': 'revoked' },
        },
        // Revoked: nothing is sent until the terminal is enrolled again; records keep queueing meanwhile.
        revoked: { on: { 'sync.enrolled': 'running' } },
        // The backend speaks another API version: wait for the app update (it reloads the page), look again
        // rarely in case the backend was rolled back, or at once when maintenance asks.
        outdated: {
          after: { OUTDATED_RECHECK: 'running' },
          on: { 'sync.tick': 'running', 'sync.enrolled': 'running' },
        },
      },
    },
    heartbeat: {
      initial: 'sending',
      states: {
        sending: {
          invoke: { src: 'sendHeartbeat', onDone: 'waiting', onError: 'waiting' },
        },
        waiting: { after: { HEARTBEAT_INTERVAL: 'sending' } },
      },
    },
    catalog: {
      initial: 'refreshing',
      states: {
        refreshing: {
          invoke: { src: 'refreshCatalog', onDone: 'waiting', onError: 'waiting' },
        },
        waiting: {
          after: { CATALOG_INTERVAL: 'refreshing' },
          on: { 'sync.online': 'refreshing' },
        },
      },
    },
  },
})
