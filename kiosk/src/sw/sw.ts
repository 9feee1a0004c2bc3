/**
 * The resident terminal's service worker: serves the precached app shell offline and caches the
 * catalog as a fallback. It never imports UI code and activates a new version only when the page
 * asks (SKIP_WAITING), which the UI does at the attract screen.
 */
import { clientsClaim } from 'workbox-core'
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  type PrecacheEntry,
  precacheAndRoute,
} from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { NetworkFirst } from 'workbox-strategies'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> }

/** Catalog requests wait this long for the network before falling back to the cached copy. */
const CATALOG_NETWORK_TIMEOUT_S = 5

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

// Every resident navigation gets the precached shell; API, admin and ops pages never do, nor the mobile case page
// (/m/, opened on phones) and the helpers' console (/help/): they are online pages with shells of their own.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/admin/, /^\/ops/, /^\/m(\/|$)/, /^\/help(\/|$)/],
  }),
)

registerRoute(
  ({ url, request }) => request.method === 'GET' && url.pathname === '/api/terminal/catalog',
  new NetworkFirst({ cacheName: 'terminal-catalog', networkTimeoutSeconds: CATALOG_NETWORK_TIMEOUT_S }),
)

// Take over pages on first install; a replacement version waits for SKIP_WAITING.
clientsClaim()

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting()
})
