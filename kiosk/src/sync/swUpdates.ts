/**
 * The update side of the service worker (workbox-window): finds the registration swBridge.ts made, reports a
 * version that waits and checks for a new one at an interval. In its own chunk, loaded after the first tap,
 * since the attract screen needs none of it.
 */
import { Workbox } from 'workbox-window'

/** Registers through workbox-window, calls `onWaiting` when a new version waits, checks every `intervalMs`. */
export async function watchUpdates(
  scriptUrl: string,
  intervalMs: number,
  onWaiting: () => void,
): Promise<Workbox> {
  const instance = new Workbox(scriptUrl, { type: 'module' })
  instance.addEventListener('waiting', onWaiting)
  await instance.register()
  setInterval(() => {
    void instance.update().catch(() => undefined)
  }, intervalMs)
  return instance
}
