/**
 * Loads the session's child machines once (`sessionActors.ts`, a chunk fetched after the first tap) and tells
 * whoever waits: the session actor learns it with `sessionActors.loaded`, and its `serviceFlow` / `caseLookup`
 * logic reads the loaded machines through `ready()`.
 */

import { lazyOnce } from '../lazyOnce'
import type { CaseLookupMachine } from '../machines/caseLookupMachine'
import type { ServiceFlowMachine } from '../machines/serviceFlowMachine'

/** The two child machines, their effects provided. */
export interface SessionActors {
  serviceFlow: ServiceFlowMachine
  caseLookup: CaseLookupMachine
}

/** The one load of the child machines, shared by the session's `loadSessionActors` and the first-tap preload. */
export interface SessionActorsLoader {
  /** The machines if loaded, else undefined. */
  ready(): SessionActors | undefined
  /** Loads them (once; a failed load is tried again on the next call). */
  load(): Promise<SessionActors>
  /** Calls `listener` once they are loaded (at once if they are). */
  onLoaded(listener: () => void): void
}

/** A loader over `importActors` (the dynamic import in the kiosk; a resolved module in tests). */
export function sessionActorsLoader(importActors: () => Promise<SessionActors>): SessionActorsLoader {
  let actors: SessionActors | undefined
  const listeners: Array<() => void> = []
  return {
    ready: () => actors,
    // Offline before the service worker cached the chunk: the next flow or lookup tries again.
    load: lazyOnce(() =>
      importActors().then((loaded) => {
        actors = loaded
        for (const listener of listeners.splice(0)) listener()
        return loaded
      }),
    ),
    onLoaded(listener) {
      if (actors) listener()
      else listeners.push(listener)
    },
  }
}

/** A loader whose machines are there from the start (tests, and any caller that imported them eagerly). */
export function loadedSessionActors(actors: SessionActors): SessionActorsLoader {
  return {
    ready: () => actors,
    load: () => Promise.resolve(actors),
    onLoaded: (listener) => listener(),
  }
}
