/**
 * The first tap on the attract screen, as a promise: what only a resident's session needs (the 办件 side,
 * the service worker's update checks, the session's screens) loads after it, so the page fetches nothing
 * before it that the attract screen does not show.
 */
import type { Actor } from 'xstate'
import type { SessionMachine } from '../machines/sessionMachine'

/**
 * A first-tap signal: `promise` settles once the `watch`ed session first leaves the attract screen, and
 * `afterFirstScreen` once the screen that tap opened has been painted and the page is idle (or at the latest
 * `FIRST_SCREEN_IDLE_LIMIT_MS` after it), so what loads after the first tap does not compete with its screen.
 */
export interface FirstTap {
  promise: Promise<void>
  afterFirstScreen: Promise<void>
  watch(actor: Actor<SessionMachine>): void
}

/** The longest the after-first-tap loads wait for an idle moment once the first screen has painted. */
export const FIRST_SCREEN_IDLE_LIMIT_MS = 1000

/** Resolves after the next frame has been rendered and the main thread is idle (bounded wait). */
export function afterPaintAndIdle(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(() => resolve(), { timeout: FIRST_SCREEN_IDLE_LIMIT_MS })
        : setTimeout(resolve, 0)
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(idle, 0))
    else idle()
  })
}

/** Creates the signal before the session exists (the bridge it needs takes the promise). */
export function createFirstTap(): FirstTap {
  let reached: () => void = () => undefined
  const promise = new Promise<void>((resolve) => {
    reached = resolve
  })
  return {
    promise,
    afterFirstScreen: promise.then(afterPaintAndIdle),
    watch(actor) {
      const subscription = actor.subscribe((snapshot) => {
        if (snapshot.matches('attract')) return
        reached()
        subscription.unsubscribe()
      })
    },
  }
}
