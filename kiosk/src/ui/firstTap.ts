/**
 * The first tap on the attract screen, as a promise: what only a resident's session needs (the 办件 side,
 * the service worker's update checks, the session's screens) loads after it, so the page fetches nothing
 * before it that the attract screen does not show.
 */
import type { Actor } from 'xstate'
import type { SessionMachine } from '../machines/sessionMachine'

/** A first-tap signal: `promise` settles once `watch`ed session first leaves the attract screen. */
export interface FirstTap {
  promise: Promise<void>
  watch(actor: Actor<SessionMachine>): void
}

/** Creates the signal before the session exists (the bridge it needs takes the promise). */
export function createFirstTap(): FirstTap {
  let reached: () => void = () => undefined
  const promise = new Promise<void>((resolve) => {
    reached = resolve
  })
  return {
    promise,
    watch(actor) {
      const subscription = actor.subscribe((snapshot) => {
        if (snapshot.matches('attract')) return
        reached()
        subscription.unsubscribe()
      })
    },
  }
}
