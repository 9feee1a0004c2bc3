/**
 * Who may open a 帮办 signalling socket. A helper's browser is known by its staff session cookie at the upgrade,
 * and only from the page's own origin: a cookie rides along on any site's WebSocket, so without the Origin check
 * another site open in the helper's browser could take calls (cross-site WebSocket hijacking). Kiosks prove
 * themselves in their first message instead (their key never goes into a URL, which logs keep).
 */
import type { IncomingMessage } from 'node:http'
import { SESSION_COOKIE } from '../auth/middleware'
import type { LiveSession } from '../auth/sessions'
import { keyRefusal } from '../auth/terminalKeys'
import { hashSecret } from '../auth/tokens'
import type { TerminalRow } from '../db/rows'
import type { AppDeps } from '../deps'

/** Why an upgrade is refused, as an HTTP status and a message. */
export interface Refusal {
  status: 401 | 403
  message: string
}

/** The cookie's value in a raw Cookie header. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

/**
 * True when the request's Origin is the console's own page: the host the request was sent to, or the public
 * origin (PUBLIC_BASE_URL) when a proxy in front rewrote Host (nginx's `$host` drops a non-default port).
 */
export function sameOrigin(req: IncomingMessage, publicOrigin: string | undefined): boolean {
  const origin = req.headers.origin
  if (!origin) return false
  try {
    const url = new URL(origin)
    return url.origin === publicOrigin || (req.headers.host !== undefined && url.host === req.headers.host)
  } catch {
    return false
  }
}

/** The helper behind an upgrade request, or why it is refused. */
export async function helperOfUpgrade(
  deps: Pick<AppDeps, 'sessions' | 'now'>,
  req: IncomingMessage,
  publicOrigin: string | undefined,
): Promise<LiveSession | Refusal> {
  if (!sameOrigin(req, publicOrigin)) return { status: 403, message: 'the Origin must be this server' }
  const sid = cookieValue(req.headers.cookie, SESSION_COOKIE)
  if (!sid || !/^[A-Za-z0-9_-]{16,200}$/.test(sid)) return { status: 401, message: 'log in first' }
  const session = await deps.sessions.findSession(hashSecret(sid), deps.now().getTime())
  if (!session) return { status: 401, message: 'log in first (unknown or expired session)' }
  if (session.role !== 'helper') return { status: 403, message: 'this needs role helper' }
  return session
}

/** The enrolled terminal holding `key`, or undefined (unknown, revoked or expired key). */
export async function terminalOfKey(
  deps: Pick<AppDeps, 'store' | 'now'>,
  key: string,
): Promise<TerminalRow | undefined> {
  const terminal = await deps.store.terminalByTokenHash(hashSecret(key))
  if (!terminal || keyRefusal(terminal, deps.now().getTime())) return undefined
  return terminal
}
