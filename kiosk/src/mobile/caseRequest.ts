/** Reads the token from the page's fragment and asks the API for the case (the token never goes in a URL). */
import { MOBILE_CASE_ROUTE, type MobileCaseAnswer } from '../../../mock-backend/src/contract/handoff'

/** What the page shows: the case, a refused link, an expired one, or a network failure worth a retry. */
export type CaseState =
  | { state: 'loading' }
  | { state: 'found'; found: MobileCaseAnswer }
  | { state: 'refused' }
  | { state: 'expired' }
  | { state: 'failed' }

/** The token in `#t=…`, or null. */
export function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('t')
}

/** Asks the API; a missing token is refused without a request. */
export async function requestCase(token: string | null): Promise<CaseState> {
  if (!token) return { state: 'refused' }
  try {
    const res = await fetch(MOBILE_CASE_ROUTE, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      cache: 'no-store',
      credentials: 'omit',
    })
    if (res.ok) return { state: 'found', found: (await res.json()) as MobileCaseAnswer }
    if (res.status === 410) return { state: 'expired' }
    if (res.status === 404 || res.status === 400) return { state: 'refused' }
    return { state: 'failed' }
  } catch {
    return { state: 'failed' }
  }
}
