/**
 * On an installed terminal the session's code is warmed before the first tap: once the page is controlled by
 * its service worker, the session's screens, Chinese text and child machines come from the precache, not the
 * link, so loading them while the attract screen is idle costs the mobile link nothing (issue 18 item 2 counts
 * what the page fetches over the network) and the first tap finds them compiled (item 3: attract → home).
 * A first visit (nothing installed yet) loads them at the first tap, as before.
 */
import { afterPaintAndIdle } from './firstTap'

/** How long after the terminal's start the warm-up waits, so it never competes with the attract screen's own work. */
export const SESSION_WARMUP_DELAY_MS = 1500

/**
 * Resolves when the session's code may be warmed: the page is controlled by a service worker, the terminal has
 * started (`started`), `SESSION_WARMUP_DELAY_MS` has passed and the main thread is idle. Null on a page no
 * service worker controls (the first visit, or a build without one): then nothing is loaded before the first tap.
 */
export function installedWarmup(started: Promise<unknown>): Promise<void> | null {
  if (typeof navigator === 'undefined' || !navigator.serviceWorker?.controller) return null
  return started
    .catch(() => undefined)
    .then(() => new Promise<void>((resolve) => setTimeout(resolve, SESSION_WARMUP_DELAY_MS)))
    .then(afterPaintAndIdle)
}
