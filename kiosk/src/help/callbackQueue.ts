/**
 * Call-backs a resident asked for when no helper answered, sent to the backend with their idempotency key
 * (`POST /api/terminal/callbacks`), and resent until it answers: offline the request waits and goes once the
 * network is back, and the backend stores each key once (a resend is a replay). The number stays in this page's
 * memory only, never on the terminal's disk, and is forgotten the moment the backend has it.
 */
import { fetchRoute } from '../../../mock-backend/src/contract/fetchRoute'
import type { CallbackRequest } from '../../../mock-backend/src/contract/helpDesk'
import { TERMINAL_ROUTES } from '../../../mock-backend/src/contract/routes'

/** Milliseconds between resends while the backend cannot be reached. */
export const CALLBACK_RETRY_MS = 15_000

/** What the queue needs from the page: the terminal key, fetch and the network's return. */
export interface CallbackQueueDeps {
  terminalKey: () => string | null
  fetch: typeof fetch
  baseUrl: string
  /** Calls `listener` when the browser says it is online again; returns the unsubscribe. */
  onOnline: (listener: () => void) => () => void
}

/** The page's call-back queue. */
export interface CallbackQueue {
  /** Queues a resident's call-back (a new idempotency key, the time now) and tries to send it at once. */
  add(phone: string, itemCode: string | null): void
  /** How many requests wait for the backend. */
  waiting(): number
  /** Stops the timers (page teardown, tests). */
  close(): void
}

/** Creates the queue (one per page, in the composition root). */
export function createCallbackQueue(deps: CallbackQueueDeps): CallbackQueue {
  const pending = new Map<string, CallbackRequest>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let sending = false

  const schedule = () => {
    if (timer === undefined && pending.size > 0) timer = setTimeout(flush, CALLBACK_RETRY_MS)
  }
  async function flush(): Promise<void> {
    timer = undefined
    if (sending) return
    sending = true
    try {
      for (const request of [...pending.values()]) {
        const key = deps.terminalKey()
        if (!key) break
        try {
          const res = await fetchRoute(deps.fetch, deps.baseUrl, TERMINAL_ROUTES.callback, {
            body: request,
            headers: { Authorization: `Bearer ${key}` },
          })
          // Stored (201) or stored before (200); a 4xx other than 408/429 will never succeed, so it is dropped too.
          if (res.ok || (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429))
            pending.delete(request.key)
        } catch {
          break
        }
      }
    } finally {
      sending = false
      schedule()
    }
  }
  const unsubscribe = deps.onOnline(() => void flush())

  return {
    add(phone, itemCode) {
      const key = crypto.randomUUID()
      pending.set(key, { key, phone, itemCode, requestedAt: new Date().toISOString() })
      void flush()
    },
    waiting: () => pending.size,
    close() {
      clearTimeout(timer)
      unsubscribe()
    },
  }
}

/** The queue of a kiosk page: its fetch, its origin, and the window's `online` event. */
export function browserCallbackQueue(terminalKey: () => string | null): CallbackQueue {
  return createCallbackQueue({
    terminalKey,
    fetch: (input, init) => fetch(input, init),
    baseUrl: '',
    onOnline: (listener) => {
      window.addEventListener('online', listener)
      return () => window.removeEventListener('online', listener)
    },
  })
}
