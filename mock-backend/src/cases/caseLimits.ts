/**
 * The limits on lookups of resident data (办件, 电子证照, 户籍) and on ratings, per terminal and per resident (the keyed hash of the ID number,
 * never the number). Each is an AttemptCounter (auth/rateLimit.ts): in memory on one node, shared through the
 * store when several nodes share it (nodes/coordination.ts), without touching the routes.
 */
import { type AttemptCounter, type CounterFactory, inMemoryCounters } from '../auth/rateLimit'
import { ApiError } from '../http/errors'
import { CASE_LOOKUPS_PER_MINUTE } from './settings'

/** Every figure of the case limits, defined once: how many in which window. */
export const CASE_LIMITS = {
  /** A resident who mistypes a number a few times stays far below it; a script walking numbers does not. */
  lookupsPerTerminal: {
    limit: CASE_LOOKUPS_PER_MINUTE,
    windowMs: 60_000,
    what: 'case lookups from this terminal',
  },
  /** One person's cases looked up from anywhere: a resident checks a few times a day, a stranger with the number more. */
  lookupsPerId: { limit: 10, windowMs: 3600_000, what: 'lookups for this ID number' },
  /** A terminal delivering ratings queued offline sends a burst; more than this is someone scripting it. */
  ratingsPerTerminal: { limit: 30, windowMs: 60_000, what: 'ratings from this terminal' },
  /** One person's cases rated: one rating per case, so a handful an hour is all a resident needs. */
  ratingsPerId: { limit: 10, windowMs: 3600_000, what: "ratings of this resident's cases" },
  /** A resident's item asks once (again on a retry); a terminal walking ID numbers to learn who holds what does not. */
  licencesPerTerminal: { limit: 20, windowMs: 60_000, what: '电子证照 lookups from this terminal' },
  /** The same for the household register: who lives with whom is as personal as what they hold. */
  householdsPerTerminal: {
    limit: 20,
    windowMs: 60_000,
    what: 'household register lookups from this terminal',
  },
} as const

/** The name of one case limit. */
export type CaseLimitName = keyof typeof CASE_LIMITS

/** The counters behind the case limits, one per limit. */
export type CaseLimits = Record<CaseLimitName, AttemptCounter>

/** The in-memory counters of one server. */
export function inMemoryCaseLimits(now: () => number): CaseLimits {
  return caseLimits(inMemoryCounters(now))
}

/** The case limits over counters `make` gives (in memory, or shared by several nodes); built in createAppDeps. */
export function caseLimits(make: CounterFactory): CaseLimits {
  const counter = (name: CaseLimitName) =>
    make(`case.${name}`, CASE_LIMITS[name].limit, CASE_LIMITS[name].windowMs)
  return {
    lookupsPerTerminal: counter('lookupsPerTerminal'),
    lookupsPerId: counter('lookupsPerId'),
    ratingsPerTerminal: counter('ratingsPerTerminal'),
    ratingsPerId: counter('ratingsPerId'),
    licencesPerTerminal: counter('licencesPerTerminal'),
    householdsPerTerminal: counter('householdsPerTerminal'),
  }
}

/** Counts one attempt against `name` for `key`; over the limit, 429 `rate_limited` with Retry-After. */
export async function admit(limits: CaseLimits, name: CaseLimitName, key: string): Promise<void> {
  const wait = await limits[name].take(key)
  if (wait === 0) return
  const { limit, windowMs, what } = CASE_LIMITS[name]
  const window = windowMs === 60_000 ? 'a minute' : 'an hour'
  throw new ApiError(
    429,
    'rate_limited',
    `too many ${what} (at most ${limit} ${window}); try again in ${wait} s`,
    {
      'Retry-After': String(wait),
    },
  )
}
