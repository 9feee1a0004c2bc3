/**
 * Kiosk hardening for the resident page: no context menu, no pinch or gesture zoom, no drag-out,
 * and every touch reported as activity so the idle timer restarts.
 */

/** Installs the listeners; returns a function removing them (for hot reload). */
export function installKioskGuards(onActivity: () => void): () => void {
  const prevent = (event: Event) => event.preventDefault()
  const activity = () => onActivity()
  const multiTouch = (event: TouchEvent) => {
    if (event.touches.length > 1) event.preventDefault()
  }
  document.addEventListener('contextmenu', prevent)
  document.addEventListener('dragstart', prevent)
  document.addEventListener('gesturestart', prevent)
  document.addEventListener('touchmove', multiTouch, { passive: false })
  document.addEventListener('pointerdown', activity, { capture: true })
  document.addEventListener('keydown', activity, { capture: true })
  return () => {
    document.removeEventListener('contextmenu', prevent)
    document.removeEventListener('dragstart', prevent)
    document.removeEventListener('gesturestart', prevent)
    document.removeEventListener('touchmove', multiTouch)
    document.removeEventListener('pointerdown', activity, { capture: true })
    document.removeEventListener('keydown', activity, { capture: true })
  }
}
