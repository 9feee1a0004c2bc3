/**
 * Whether the backend is believed reachable: the OS reports a network and the last request did not fail
 * in transport. Listeners hear about changes, so the session never has to poll.
 */
import type { FailureKind } from './backendClient'

/** The terminal's view of the network. */
export interface NetworkState {
  online(): boolean
  /** Told by the backend client after every request (null = an HTTP answer came back). */
  onTransport(failure: FailureKind | null): void
  /** Re-reads the OS flag (window `online` / `offline` events). */
  check(): void
  onNetwork(listener: (online: boolean) => void): () => void
}

/** Creates the network state over the OS flag `onLine`. */
export function createNetworkState(onLine: () => boolean): NetworkState {
  let lastTransport: FailureKind | null = null
  const listeners = new Set<(online: boolean) => void>()
  const online = () => onLine() && lastTransport === null
  let told = online()
  const check = () => {
    const now = online()
    if (now === told) return
    told = now
    for (const listener of listeners) listener(now)
  }
  return {
    online,
    onTransport(failure) {
      lastTransport = failure
      check()
    },
    check,
    onNetwork(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
