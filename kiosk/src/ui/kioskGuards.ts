/**
 * Kiosk hardening for the resident page: no context menu, no pinch or gesture zoom, no drag-out,
 * and every touch reported as activity so the idle timer restarts. The viewport meta allows zoom
 * (WCAG 1.4.4), so pinch is blocked here and with `touch-action: pan-x pan-y` in the styles.
 */

/** Installs the listeners; returns a function removing them (for hot reload). */
export function installKioskGuards(onActivity: () => void): () => void {
  const prevent = (event: Event) => event.preventDefault()
  const activity = () => onActivity()
  const multiTouch = (event: TouchEvent) => {
    if (event.touches.length > 1) event.preventDefault()
  }
  // A pressed button must not take focus: the tap usually replaces the screen, and removing the focused
  // button makes the browser blur it and recompute style in the middle of rendering the next screen.
  // Keyboard focus (Tab) is unaffected; the click still fires.
  const noPointerFocus = (event: MouseEvent) => {
    if (event.target instanceof Element && event.target.closest('button')) event.preventDefault()
  }
  // Trackpad pinch arrives as ctrl+wheel in Chromium.
  const ctrlWheel = (event: WheelEvent) => {
    if (event.ctrlKey) event.preventDefault()
  }
  document.addEventListener('contextmenu', prevent)
  document.addEventListener('dragstart', prevent)
  document.addEventListener('gesturestart', prevent)
  document.addEventListener('gesturechange', prevent)
  document.addEventListener('touchmove', multiTouch, { passive: false })
  document.addEventListener('wheel', ctrlWheel, { passive: false })
  document.addEventListener('pointerdown', activity, { capture: true })
  document.addEventListener('mousedown', noPointerFocus)
  document.addEventListener('keydown', activity, { capture: true })
  return () => {
    document.removeEventListener('contextmenu', prevent)
    document.removeEventListener('dragstart', prevent)
    document.removeEventListener('gesturestart', prevent)
    document.removeEventListener('gesturechange', prevent)
    document.removeEventListener('touchmove', multiTouch)
    document.removeEventListener('wheel', ctrlWheel)
    document.removeEventListener('pointerdown', activity, { capture: true })
    document.removeEventListener('mousedown', noPointerFocus)
    document.removeEventListener('keydown', activity, { capture: true })
  }
}
