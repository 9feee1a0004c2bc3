/**
 * The rules of a terminal's key in one place: how long a one-time code and a rotated key live, when a known key
 * is refused (revoked, or rotated and past its deadline), and what the automatic loopback demo must see before it
 * hands the demo key out. Routes, the middleware and the seed all ask here.
 */
import type { Context } from 'hono'
import type { TerminalRow } from '../db/rows'
import { ApiError } from '../http/errors'

/** The enrol link `npm start` prints is valid this long (and once). */
export const DEMO_LINK_TTL_MS = 30 * 60 * 1000
/** After a rotate, the old key keeps working at most this long, until the terminal re-enrols with the new code. */
export const ROTATE_GRACE_MS = 7 * 24 * 3600 * 1000

/** Why a known key is refused at `nowMs`, or null when it may be used. */
export function keyRefusal(terminal: TerminalRow, nowMs: number): 'revoked' | 'expired' | null {
  if (terminal.revokedAt !== null) return 'revoked'
  if (terminal.tokenExpiresAt !== null && terminal.tokenExpiresAt <= nowMs) return 'expired'
  return null
}

/**
 * The answer to a refused key: 401 `terminal_revoked` (the kiosk holds its outbox and shows the maintenance notice),
 * with `wipe: true` when an admin ordered its resident data wiped at the next contact.
 */
export function revokedError(terminal: TerminalRow, why: 'revoked' | 'expired'): ApiError {
  return new ApiError(
    401,
    'terminal_revoked',
    why === 'revoked'
      ? 'this terminal key was revoked: enrol again with a code from an admin'
      : 'this terminal key was rotated and its grace period is over: enrol again with the new code',
    {},
    { wipe: terminal.wipeRequestedAt !== null },
  )
}

/**
 * Headers a reverse proxy adds. A request carrying any of them came through a proxy, whatever its socket says, so
 * it is not "someone on this machine" and never gets the demo key.
 */
export const PROXY_HEADERS = [
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'forwarded',
  'x-real-ip',
  'via',
]

/** `127.0.0.1`, `localhost` or `[::1]`, with or without a port: the only Host a browser on this machine sends. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i

/**
 * Why the automatic demo refuses this request (a proxy header, HTTP/1.0, or a Host that is not loopback), or null.
 * The socket check (clientAddress) comes on top. nginx on the same host connects from loopback and, by default,
 * sends a loopback Host and no X-Forwarded-*, but it speaks HTTP/1.0 upstream; a deployment that sets any of the
 * headers is refused too. That is why the demo is off unless DEMO_TERMINAL=on.
 */
export function demoRefusal(c: Context): ApiError | null {
  const header = PROXY_HEADERS.find((name) => c.req.header(name) !== undefined)
  if (header)
    return new ApiError(
      403,
      'demo_proxied',
      `the demo terminal is not handed out through a proxy (${header} header)`,
    )
  // nginx speaks HTTP/1.0 to its upstream unless told otherwise; no browser does.
  const incoming = (c.env as { incoming?: { httpVersion?: string } } | undefined)?.incoming
  if (incoming?.httpVersion === '1.0')
    return new ApiError(403, 'demo_proxied', 'the demo terminal is not handed out through a proxy (HTTP/1.0)')
  const host = c.req.header('host') ?? ''
  if (!LOOPBACK_HOST.test(host))
    return new ApiError(
      403,
      'demo_host',
      'the demo terminal is handed out only to http://127.0.0.1 or localhost',
    )
  return null
}
