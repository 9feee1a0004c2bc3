/**
 * The only module that touches the service worker. It registers /sw.js in production builds,
 * checks for a new version regularly and activates one only when the UI asks (at the attract
 * screen) — it never reloads the page by itself. The worker is registered at once with the platform
 * API, so a terminal nobody has touched yet still installs its offline precache; workbox-window (the
 * update checks and the takeover) is not needed by the attract screen and loads after the first tap.
 */
import type { Workbox } from 'workbox-window'

/** How often an installed terminal asks whether a new app version exists. */
export const UPDATE_CHECK_INTERVAL_MS = 30 * 60_000

/** What the terminal bridge needs from the service worker. */
export interface SwBridge {
  /** True when a new version is installed and waiting to take over. */
  updateWaiting(): boolean
  /** Lets the waiting version take over, then reloads once it controls the page. */
  applyUpdate(): void
  /** Told when an update starts waiting; returns an unsubscribe function. */
  onUpdateWaiting(listener: () => void): () => void
}

/** Registers the service worker (production only, unless `enabled` says otherwise). */
export function registerServiceWorker(
  options: {
    enabled?: boolean
    scriptUrl?: string
    updateIntervalMs?: number
    /** workbox-window loads once this settles (default: at once); main.tsx passes the first tap. */
    updatesAfter?: Promise<unknown>
  } = {},
): SwBridge {
  const enabled =
    options.enabled ??
    (import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator)
  let waiting = false
  let wb: Workbox | null = null
  let reloadArmed = false
  const listeners = new Set<() => void>()

  if (enabled) {
    const scriptUrl = options.scriptUrl ?? '/sw.js'
    // The browser installs the precache now; workbox-window's register() below finds this registration (and a
    // version already waiting, which it reports as 'waiting' too).
    if (typeof navigator !== 'undefined')
      navigator.serviceWorker?.register(scriptUrl, { type: 'module' }).catch(() => undefined)
    const interval = options.updateIntervalMs ?? UPDATE_CHECK_INTERVAL_MS
    // Loaded lazily: keeps workbox-window out of what the page fetches before the first tap. A terminal left
    // untouched loads it when its first update check is due anyway.
    const due = options.updatesAfter
      ? Promise.race([options.updatesAfter, new Promise((resolve) => setTimeout(resolve, interval))])
      : Promise.resolve()
    void due
      .then(() => import('./swUpdates'))
      .then(({ watchUpdates }) =>
        watchUpdates(scriptUrl, interval, () => {
          waiting = true
          for (const listener of listeners) listener()
        }),
      )
      .then((instance) => {
        wb = instance
      })
      .catch((error: unknown) => {
        console.warn('service worker registration failed', error instanceof Error ? error.message : error)
      })
  }

  return {
    updateWaiting: () => waiting,
    applyUpdate() {
      const instance = wb
      if (!instance || !waiting) return
      // The attract screen asks again every few seconds until the new version takes over: listen once,
      // so one takeover reloads the page once (the message itself may be repeated harmlessly).
      if (!reloadArmed) {
        reloadArmed = true
        instance.addEventListener('controlling', () => window.location.reload())
      }
      instance.messageSkipWaiting()
    },
    onUpdateWaiting(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
