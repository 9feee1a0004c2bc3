/**
 * Reads the token from the page's fragment and asks the API for what it names (the token never goes in a URL):
 * a case, or a 缴费 an offline kiosk handed off (told apart by the token's version byte).
 */
import { MOBILE_CASE_ROUTE, type MobileCaseAnswer } from '../../../mock-backend/src/contract/handoff'
import { PAYMENT_HANDOFF_VERSION } from '../../../mock-backend/src/contract/paymentHandoff'

/** What the page shows: what the link names, a refused link, an expired one, or a network failure worth a retry. */
export type LinkState<T> =
  | { state: 'loading' }
  | { state: 'found'; found: T }
  | { state: 'refused' }
  | { state: 'expired' }
  | { state: 'failed' }

/** The state of a case link. */
export type CaseState = LinkState<MobileCaseAnswer>

/** Whether a token is a 缴费 hand-off (its first byte, base64url's first two characters, is the version). */
export function isPaymentToken(token: string | null): boolean {
  if (!token || token.length < 2) return false
  const first = atob(token.slice(0, 2).replace(/-/g, '+').replace(/_/g, '/') + '==').charCodeAt(0)
  return first === PAYMENT_HANDOFF_VERSION
}

/** The token in `#t=…`, or null. */
export function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('t')
}

/** Asks the API for the case; a missing token is refused without a request. */
export const requestCase = (token: string | null): Promise<CaseState> => requestLink(MOBILE_CASE_ROUTE, token)

/** Asks `route` what the token names; a missing token is refused without a request. */
export async function requestLink<T>(route: string, token: string | null): Promise<LinkState<T>> {
  if (!token) return { state: 'refused' }
  try {
    const res = await fetch(route, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      cache: 'no-store',
      credentials: 'omit',
    })
    if (res.ok) return { state: 'found', found: (await res.json()) as T }
    if (res.status === 410) return { state: 'expired' }
    if (res.status === 404 || res.status === 400) return { state: 'refused' }
    return { state: 'failed' }
  } catch {
    return { state: 'failed' }
  }
}
