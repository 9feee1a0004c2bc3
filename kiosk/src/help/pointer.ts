/**
 * The helper's pointer on the kiosk: the element with the pointed help id gets a high-contrast blinking outline,
 * is scrolled into view, and a hint is spoken in the kiosk's language. One outline at a time; it goes after
 * POINTER_OUTLINE_MS or at the resident's next tap, and with the call (`stop`).
 */
import { POINTER_OUTLINE_MS } from '../../../mock-backend/src/contract/helpMirrorLimits'
import { elementById } from './mirror'

/** The class that draws the outline (styles.css). */
export const POINTED_CLASS = 'help-pointed'

/** What the pointer needs: where the screen is, what to leave out (the call panel) and how to say the hint. */
export interface PointerOptions {
  root: () => ParentNode | null
  exclude: () => Node | null
  /** Speaks the hint for an element with this label ('' when its text is the resident's own). */
  say: (label: string) => void
}

/** A pointer for one call. */
export interface Pointer {
  /** Outlines the element with help id `id`: false when it is not on screen. */
  point(id: string): boolean
  /** Removes any outline. */
  stop(): void
}

/** The label the hint names: an input's accessible name, a button's text; none for private text. */
function hintLabel(el: HTMLElement): string {
  if (el.hasAttribute('data-help-private')) return ''
  const text = el instanceof HTMLInputElement ? el.getAttribute('aria-label') : el.textContent
  return (text || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim()
}

/** Creates the pointer of one call. */
export function createPointer(options: PointerOptions): Pointer {
  let shown: { el: HTMLElement; timer: ReturnType<typeof setTimeout> } | null = null
  const stop = () => {
    if (!shown) return
    shown.el.classList.remove(POINTED_CLASS)
    clearTimeout(shown.timer)
    document.removeEventListener('pointerdown', stop, true)
    shown = null
  }
  return {
    point(id) {
      stop()
      const root = options.root()
      const el = root && elementById(root, options.exclude(), id)
      if (!el) return false
      el.classList.add(POINTED_CLASS)
      el.scrollIntoView({ block: 'center', behavior: 'smooth' })
      shown = { el, timer: setTimeout(stop, POINTER_OUTLINE_MS) }
      document.addEventListener('pointerdown', stop, true)
      options.say(hintLabel(el))
      return true
    },
    stop,
  }
}
