/**
 * Sends the mirror while a call is connected: after every change of the resident's screen (a MutationObserver
 * on the kiosk's root, settled for MIRROR_SETTLE_MS so a burst of renders is one message) and when the consent
 * changes. A mirror equal to the last one sent is not sent again.
 */
import type { HelpMirror } from '../../../mock-backend/src/contract/helpMirror'

/** Milliseconds the screen must be still before its mirror goes. */
export const MIRROR_SETTLE_MS = 120

/** A running sender. */
export interface MirrorSender {
  /** Sends the current mirror soon (the consent changed). */
  refresh(): void
  stop(): void
}

/** Watches `root` and sends `build()` to `send` whenever it changes. */
export function startMirror(
  root: Node,
  build: () => HelpMirror,
  send: (mirror: HelpMirror) => void,
): MirrorSender {
  let last = ''
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    timer = undefined
    const mirror = build()
    const text = JSON.stringify(mirror)
    if (text === last) return
    last = text
    send(mirror)
  }
  const refresh = () => {
    clearTimeout(timer)
    timer = setTimeout(flush, MIRROR_SETTLE_MS)
  }
  const observer = new MutationObserver(refresh)
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true })
  flush()
  return {
    refresh,
    stop() {
      observer.disconnect()
      clearTimeout(timer)
    },
  }
}
