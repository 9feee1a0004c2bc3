/**
 * The caller's socket address: the rate-limit key and the loopback check (no proxy headers are trusted).
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/** Remote IP of the TCP connection, or 'unknown'. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** True for 127.0.0.0/8 and ::1 (also IPv4-mapped). */
export function isLoopback(address: string): boolean {
  const a = address.replace(/^::ffff:/, '')
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a)
}
