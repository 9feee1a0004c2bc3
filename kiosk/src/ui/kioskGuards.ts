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
  // One list for adding and removing, so the two can never disagree.
  const listeners: [string, (event: never) => void, AddEventListenerOptions?][] = [
    ['contextmenu', prevent],
    ['dragstart', prevent],
    ['gesturestart', prevent],
    ['gesturechange', prevent],
    ['touchmove', multiTouch, { passive: false }],
    ['wheel', ctrlWheel, { passive: false }],
    ['pointerdown', activity, { capture: true }],
    ['mousedown', noPointerFocus],
    ['keydown', activity, { capture: true }],
  ]
  for (const [type, listener, options] of listeners)
    document.addEventListener(type, listener as EventListener, options)
  return () => {
    for (const [type, listener, options] of listeners)
      document.removeEventListener(type, listener as EventListener, options)
  }
}
