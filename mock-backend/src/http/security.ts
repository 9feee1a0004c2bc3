/**
 * Response headers that keep the pages from being framed, sniffed or leaking referrers,
 * and the body-size limits.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { type ProxyTrust, requestProtocol } from '../clientAddress'

/** Content-Security-Policy for the kiosk, admin and ops pages: no inline or foreign scripts. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * HSTS for answers that reached the client over HTTPS through a named proxy: browsers then refuse plain HTTP to
 * this host for a year. Not `includeSubDomains`: a district's other hosts under the same domain are not ours to
 * force. Never sent over plain HTTP, where it would mean nothing and the 127.0.0.1 demo must keep working.
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000'

/** Adds the security headers to every answer (HSTS only when a trusted proxy says the request came over HTTPS). */
export const securityHeaders =
  (trust: ProxyTrust): MiddlewareHandler =>
  async (c, next) => {
    await next()
    if (requestProtocol(c, trust) === 'https')
      c.res.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
    c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    c.res.headers.set('X-Content-Type-Options', 'nosniff')
    c.res.headers.set('Referrer-Policy', 'no-referrer')
    c.res.headers.set('X-Frame-Options', 'DENY')
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin')
  }

/** JSON bodies: 1 MB. */
export const JSON_LIMIT = 1024 * 1024
/** Catalog uploads: 5 MB. */
export const UPLOAD_LIMIT = 5 * 1024 * 1024

/** Refuses bodies over `maxSize` bytes with 413 JSON. */
export function limitBody(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    // The unread body is abandoned, so the connection cannot be reused.
    onError: (c) =>
      c.json({ error: 'too_large', message: `body is larger than ${Math.round(maxSize / 1024)} KB` }, 413, {
        Connection: 'close',
      }),
  })
}
