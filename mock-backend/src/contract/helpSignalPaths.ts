/**
 * The 帮办 signalling WebSocket paths (same origin as the pages): kiosks authenticate in their first message,
 * helpers by cookie. A module of its own, without zod, because the pages import it at run time.
 */
export const HELP_SIGNAL_PATHS = {
  kiosk: '/api/help/signal/kiosk',
  helper: '/api/help/signal/helper',
} as const
