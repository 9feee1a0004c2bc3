/**
 * Who is really calling: the socket peer, or — only when that peer is a proxy named in TRUST_PROXY — the
 * right-most address of `X-Forwarded-For` that is not itself a named proxy, and the scheme the proxy saw
 * (`X-Forwarded-Proto`). Everything that needs a client address (login limits, the loopback demo check, logs) and
 * everything that needs to know the request came over HTTPS (Secure cookie, HSTS) asks here, so a header a
 * stranger can send is never trusted by accident.
 */

import type { IncomingMessage } from 'node:http'
import { BlockList, isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/** The proxies whose forwarding headers are believed (TRUST_PROXY); empty trusts none. */
export interface ProxyTrust {
  /** True when `address` is one of the named proxies. */
  trusts(address: string): boolean
  /** True when at least one proxy is named. */
  readonly any: boolean
}

/** `::ffff:10.0.0.1` → `10.0.0.1`, so one rule matches both forms of an IPv4 peer. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped?.[1] ?? address
}

/** Builds the matcher from TRUST_PROXY entries already checked by config.ts (`10.0.0.1`, `10.0.0.0/8`, `::1`). */
export function proxyTrust(entries: readonly string[]): ProxyTrust {
  const list = new BlockList()
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/')
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (prefix === undefined) list.addAddress(address, family)
    else list.addSubnet(address, Number(prefix), family)
  }
  return {
    any: entries.length > 0,
    trusts(address) {
      const plain = plainAddress(address)
      const family = isIP(plain)
      return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4')
    },
  }
}

/** Remote IP of the TCP connection, or 'unknown'. */
function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** Comma-separated values of a header, left to right. */
function headerList(raw: string | null | undefined): string[] {
  return raw ? raw.split(',').map((s) => s.trim()) : []
}

/**
 * The client's address from the socket peer and `X-Forwarded-For`. Without a trusted peer it is the socket
 * address. Behind a named proxy it walks `X-Forwarded-For` from the right and stops at the first address that is
 * not a named proxy; an entry that is not an IP address stops the walk at the hop that forwarded it, since
 * nothing left of it can be believed.
 */
function addressBehind(peer: string, forwardedFor: string | null | undefined, trust: ProxyTrust): string {
  let address = plainAddress(peer)
  if (!trust.trusts(address)) return address
  const forwarded = headerList(forwardedFor)
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = plainAddress(forwarded[i] ?? '')
    if (isIP(hop) === 0) return address
    address = hop
    if (!trust.trusts(hop)) return hop
  }
  return address
}

/** The client's address of a request the router serves (`addressBehind`'s rule). */
export function clientAddress(c: Context, trust: ProxyTrust): string {
  return addressBehind(socketAddress(c), c.req.raw.headers.get('x-forwarded-for'), trust)
}

/** The client's address of a WebSocket upgrade, which reaches the server before the router (the same rule). */
export function upgradeClientAddress(req: IncomingMessage, trust: ProxyTrust): string {
  const forwarded = req.headers['x-forwarded-for']
  return addressBehind(
    req.socket.remoteAddress ?? 'unknown',
    Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    trust,
  )
}

/** `https` when a named proxy says the client used it (right-most `X-Forwarded-Proto`), else the URL's own scheme. */
export function requestProtocol(c: Context, trust: ProxyTrust): 'http' | 'https' {
  if (trust.trusts(socketAddress(c))) {
    const said = headerList(c.req.raw.headers.get('x-forwarded-proto')).at(-1)?.toLowerCase()
    if (said === 'https' || said === 'http') return said
  }
  return new URL(c.req.url).protocol === 'https:' ? 'https' : 'http'
}

/** True for 127.0.0.0/8 and ::1 (also IPv4-mapped). */
export function isLoopback(address: string): boolean {
  const a = plainAddress(address)
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a)
}
