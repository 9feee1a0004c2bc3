/**
 * Response headers that keep the pages from being framed, sniffed or leaking referrers,
 * and the body-size limits.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { type ProxyTrust, requestProtocol } from '../clientAddress'
import { MAX_BODY_BYTES } from '../contract/constants'

/**
 * Content-Security-Policy for the kiosk, admin and ops pages: no inline or foreign scripts; connections to this
 * origin and to the terminal's device agent on loopback (AGENT_URL, issue 19).
 */
export const contentSecurityPolicy = (agentUrl: string) =>
  CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${agentUrl}`)

/** The policy without the agent, which contentSecurityPolicy extends. */
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
  (trust: ProxyTrust, csp = CONTENT_SECURITY_POLICY): MiddlewareHandler =>
  async (c, next) => {
    await next()
    if (requestProtocol(c, trust) === 'https')
      c.res.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
    c.res.headers.set('Content-Security-Policy', csp)
    c.res.headers.set('X-Content-Type-Options', 'nosniff')
    c.res.headers.set('Referrer-Policy', 'no-referrer')
    c.res.headers.set('X-Frame-Options', 'DENY')
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin')
  }

/** JSON bodies: the contract's limit, which the terminal also sizes its batches by. */
export const JSON_LIMIT = MAX_BODY_BYTES
/** Catalog uploads: 5 MB. */
export const UPLOAD_LIMIT = 5 * 1024 * 1024
/**
 * Most bytes of an over-limit body read and thrown away before answering 413. A client that streams its body
 * (no Content-Length) is still writing when the server decides; closing then makes its write fail with EPIPE
 * and it never reads the answer. Past this cap the server stops paying for the client's bytes and closes.
 */
export const OVERSIZE_DRAIN_BYTES = 16 * 1024 * 1024

/**
 * Refuses bodies over `maxSize` bytes with a 413 JSON answer the client can read: the rest of the body is read
 * (up to {@link OVERSIZE_DRAIN_BYTES}) before answering, and the connection is kept when it was read whole.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body
    if (!body) return next()
    const declared = c.req.header('content-length')
    if (declared !== undefined && !c.req.header('transfer-encoding')) {
      const length = Number.parseInt(declared, 10)
      if (!(length > maxSize)) return next()
      const reader = body.getReader()
      return tooLarge(c, maxSize, length <= OVERSIZE_DRAIN_BYTES && (await drain(reader, 0)))
    }
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      if (size > maxSize) return tooLarge(c, maxSize, await drain(reader, size))
      chunks.push(value)
    }
    c.req.raw = new Request(c.req.raw, { body: concat(chunks, size) })
    return next()
  }
}

/** Reads and discards the rest of a body; false when it passed the cap (the reader is then cancelled). */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<boolean> {
  let size = alreadyRead
  try {
    while (size <= OVERSIZE_DRAIN_BYTES) {
      const { done, value } = await reader.read()
      if (done) return true
      size += value.length
    }
    await reader.cancel()
  } catch {
    // The client went away: nothing left to read, and nobody to answer.
  }
  return false
}

function tooLarge(c: Context, maxSize: number, drainedWhole: boolean): Response {
  return c.json(
    { error: 'too_large', message: `body is larger than ${Math.round(maxSize / 1024)} KB` },
    413,
    drainedWhole ? {} : { Connection: 'close' },
  )
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}
