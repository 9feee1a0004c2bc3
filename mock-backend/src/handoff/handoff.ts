/** What the mobile case page's route needs of one server: its links and the per-address limit of its reads. */
import type { AttemptCounter, CounterFactory } from '../auth/rateLimit'
import type { Fingerprints } from '../privacy/fingerprints'
import { CaseLinks } from './caseLinks'

/**
 * Reads of the mobile page per client address per minute: a family refreshing a few phones behind one carrier
 * NAT stays far below it; a script trying tokens (128-bit MACs, hopeless anyway) is slowed to a crawl.
 */
export const MOBILE_READS_PER_MINUTE = 120

/** The hand-off services of one server, built in createAppDeps. */
export interface Handoff {
  links: CaseLinks
  reads: AttemptCounter
}

/** The hand-off services over the server's keys, its public base URL and its counters. */
export function createHandoff(
  fingerprints: Fingerprints,
  publicBaseUrl: string | undefined,
  counter: CounterFactory,
): Handoff {
  return {
    links: new CaseLinks((text) => fingerprints.handoff(text), publicBaseUrl),
    reads: counter('handoff.reads', MOBILE_READS_PER_MINUTE, 60_000),
  }
}
