/**
 * The only module that touches the service worker. It registers /sw.js in production builds,
 * checks for a new version regularly and activates one only when the UI asks (at the attract
 * screen) — it never reloads the page by itself.
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
  options: { enabled?: boolean; scriptUrl?: string; updateIntervalMs?: number } = {},
): SwBridge {
  const enabled =
    options.enabled ??
    (import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator)
  let waiting = false
  let wb: Workbox | null = null
  let reloadArmed = false
  const listeners = new Set<() => void>()

  if (enabled) {
    // Loaded lazily: keeps workbox-window out of the resident entry chunk.
    void import('workbox-window')
      .then(({ Workbox: WorkboxClass }) => {
        const instance = new WorkboxClass(options.scriptUrl ?? '/sw.js', { type: 'module' })
        wb = instance
        instance.addEventListener('waiting', () => {
          waiting = true
          for (const listener of listeners) listener()
        })
        return instance.register().then(() => {
          setInterval(() => {
            void instance.update().catch(() => undefined)
          }, options.updateIntervalMs ?? UPDATE_CHECK_INTERVAL_MS)
        })
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
