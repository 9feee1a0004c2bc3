/**
 * The one place where the machines' named effects meet the terminal: the bridge and the device layer
 * are supplied with `.provide()`, so the machines stay pure and tests wire the same functions to fakes.
 */
import { type Actor, type ActorOptions, createActor, fromPromise } from 'xstate'
import type { Devices } from '../devices/types'
import { deferredLogic } from '../machines/placeholders'
import { type SessionMachine, sessionIdIssuer, sessionMachine } from '../machines/sessionMachine'
import { uuidv7 } from '../storage/uuidv7'
import type { ActivityState, TerminalBridge } from '../sync/terminalBridge'
import { type SessionActors, type SessionActorsLoader, sessionActorsLoader } from './sessionActorsLoader'
import { cancelSpeech } from './speech'

/** What the session's effects are made of: the bridge, the child machines' loader, ids and speech. */
export interface SessionDeps {
  bridge: Pick<TerminalBridge, 'count' | 'updateWaiting' | 'applyUpdate' | 'rateCase'>
  /** The service flow and 办件进度查询 machines, wired; their chunk loads after the first tap. */
  actors: SessionActorsLoader
  newSessionId(): string
  cancelSpeech(): void
}

/** Everything the session machine needs, from the bridge and the devices. */
export function createSessionDeps(bridge: TerminalBridge, devices: Devices): SessionDeps {
  // Time-ordered (UUIDv7) like the idempotency keys: the backend's per-day session rollup appends them.
  const newSessionId = uuidv7
  // The child machines' effects are built in their chunk too: nothing of the flow is in the entry.
  const importActors = (): Promise<SessionActors> =>
    import('./sessionActors').then((m) => m.wireSessionActors(bridge, devices, newSessionId))
  return { bridge, actors: sessionActorsLoader(importActors), newSessionId, cancelSpeech }
}

/** The resident session with all its effects. */
export function provideSession(deps: SessionDeps): SessionMachine {
  const { bridge, actors } = deps
  const loaded = () => {
    const ready = actors.ready()
    if (!ready) throw new Error('the session actors were invoked before their module loaded')
    return ready
  }
  return sessionMachine.provide({
    actors: {
      // Invoked only once `sessionActorsReady` holds, so the module is there by then.
      serviceFlow: deferredLogic(() => loaded().serviceFlow),
      caseLookup: deferredLogic(() => loaded().caseLookup),
      loadSessionActors: fromPromise(() => actors.load().then(() => undefined)),
    },
    actions: {
      issueSessionId: sessionIdIssuer(() => deps.newSessionId()),
      count: (_, { itemCode, metric }) => {
        bridge.count(itemCode, metric).catch(() => {
          // Counters are best effort; a failed count must never break a resident's session.
        })
      },
      rateCase: (_, rating) => {
        bridge.rateCase({ ...rating, key: deps.newSessionId() }).catch(() => {
          // The rating counter is already kept; the resident can still rate the case from 办件进度查询.
        })
      },
      applyUpdateIfWaiting: () => {
        if (bridge.updateWaiting()) bridge.applyUpdate()
      },
      cancelSpeech: () => deps.cancelSpeech(),
    },
  })
}

/** The resident session for this terminal: its machine and the loader of its child machines. */
export function createKioskSession(
  bridge: TerminalBridge,
  devices: Devices,
): { machine: SessionMachine; actors: SessionActorsLoader } {
  const deps = createSessionDeps(bridge, devices)
  return { machine: provideSession(deps), actors: deps.actors }
}

/**
 * Starts the session actor and connects it to the bridge: the bridge's catalog, network and settings changes
 * go in as `catalog.updated` / `network.changed` / `settings.updated`, and the heartbeat learns whether a
 * visit is on.
 */
export function startSessionActor(
  machine: SessionMachine,
  bridge: Pick<
    TerminalBridge,
    'currentCatalog' | 'online' | 'onCatalog' | 'onNetwork' | 'reportActivity' | 'settings' | 'onSettings'
  >,
  options: Pick<ActorOptions<SessionMachine>, 'clock'> & {
    /** Whose load the session hears of (`sessionActors.loaded`), whoever started it. */
    actors?: Pick<SessionActorsLoader, 'onLoaded'>
  } = {},
): Actor<SessionMachine> {
  const { actors, ...actorOptions } = options
  const actor = createActor(machine, actorOptions).start()
  actors?.onLoaded(() => actor.send({ type: 'sessionActors.loaded' }))
  bridge.onCatalog((catalog) => actor.send({ type: 'catalog.updated', catalog }))
  bridge.onNetwork((online) => actor.send({ type: 'network.changed', online }))
  actor.send({ type: 'network.changed', online: bridge.online() })
  bridge.onSettings(({ idleSeconds }) => actor.send({ type: 'settings.updated', idleSeconds }))
  const catalog = bridge.currentCatalog()
  if (catalog) actor.send({ type: 'catalog.updated', catalog })
  const settings = bridge.settings()
  if (settings) actor.send({ type: 'settings.updated', idleSeconds: settings.idleSeconds })
  let reported: ActivityState | null = null
  actor.subscribe((snapshot) => {
    const activity = snapshot.matches('attract') ? 'idle' : 'in-session'
    if (activity !== reported) {
      reported = activity
      bridge.reportActivity(activity)
    }
  })
  return actor
}
