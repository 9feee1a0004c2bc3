/**
 * Sliding-window attempt counters, and the login guard built on them: hard limits per (address, user name) and
 * per address, a capped delay per user name, and at most a few password hashes at once.
 *
 * Invariants, with their reasons:
 * - An attempt is counted BEFORE its password is checked (and given back if it succeeds), so 20 parallel guesses
 *   cannot all slip past a limit of 5 while the first hashes are still running.
 * - A user name alone never locks: strangers could otherwise lock the real user out by guessing from many
 *   addresses. It only earns a delay, capped, and the real user still gets in from their own address.
 * - At most HASH_SLOTS scrypt hashes run at once (each takes 128 MiB and about half a second); up to HASH_QUEUE more
 *   wait their turn in order, and beyond that the login answers 503 `busy` with Retry-After, rather than queueing
 *   without bound while memory and latency grow.
 */
import { ApiError } from '../http/errors'

/**
 * Counts attempts per key in a sliding window. The in-memory `RateLimiter` serves one process; a shared store
 * (PostgreSQL, for several backends behind one proxy) implements the same three calls.
 */
export interface AttemptCounter {
  /** Records one attempt unless the key is at its limit: 0 when recorded, else the seconds until one frees up. */
  take(key: string): Promise<number>
  /** Gives back the key's latest attempt (a login that succeeded does not count against anyone). */
  release(key: string): Promise<void>
  /** Attempts recorded for the key in the window. */
  count(key: string): Promise<number>
}

/** Counts events per key in the last `windowMs`; memory is bounded by pruning on use. */
export class RateLimiter implements AttemptCounter {
  private readonly hits = new Map<string, number[]>()
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until another attempt is allowed, or 0 when the key is under the limit. */
  retryAfter(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.limit) return 0
    const oldest = recent[0] ?? this.now()
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000))
  }

  /** Records one event for the key. */
  hit(key: string): void {
    const recent = this.recent(key)
    recent.push(this.now())
    this.hits.set(key, recent)
    if (this.hits.size > 10_000) this.prune()
  }

  /** Check and record in one synchronous step, so parallel callers cannot both take the last place. */
  async take(key: string): Promise<number> {
    const wait = this.retryAfter(key)
    if (wait === 0) this.hit(key)
    return wait
  }

  async release(key: string): Promise<void> {
    const recent = this.recent(key)
    recent.pop()
    if (recent.length === 0) this.hits.delete(key)
    else this.hits.set(key, recent)
  }

  async count(key: string): Promise<number> {
    return this.recent(key).length
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs
    return (this.hits.get(key) ?? []).filter((t) => t > cutoff)
  }

  private prune(): void {
    for (const key of [...this.hits.keys()]) {
      if (this.recent(key).length === 0) this.hits.delete(key)
    }
  }
}

/**
 * Makes the named counter of one limit (`limiter` names it among every node's counters, e.g. `login.pair`):
 * `NodeCoordination.counter` with its clock bound, or `inMemoryCounters`.
 */
export type CounterFactory = (limiter: string, limit: number, windowMs: number) => AttemptCounter

/** Counters in this process's memory, on the clock `now`. */
export function inMemoryCounters(now: () => number): CounterFactory {
  return (_limiter, limit, windowMs) => new RateLimiter(limit, windowMs, now)
}

/** Password hashes allowed to run at once. */
export const HASH_SLOTS = 2
/** Logins allowed to wait for a hash slot; one more answers 503 `busy`. */
export const HASH_QUEUE = 16
/** The per-user-name delay: free attempts in the window, then `baseMs` doubling per attempt, never above `capMs`. */
export const USER_DELAY = { windowMs: 15 * 60_000, freeAttempts: 5, baseMs: 500, capMs: 8_000 } as const
/** The window of the hard limits (their sizes come from Config). */
export const LOGIN_WINDOW_MS = 60_000

/** The delay before checking a password for a user name that already had `attempts` failed tries in the window. */
export function userDelayMs(attempts: number): number {
  const over = attempts - USER_DELAY.freeAttempts
  if (over < 0) return 0
  return Math.min(USER_DELAY.capMs, USER_DELAY.baseMs * 2 ** Math.min(over, 30))
}

/** The counters one login is charged to (given back together if it succeeds). */
export interface LoginAdmission {
  readonly keys: { pair: string; address: string; user: string }
  /** How long to wait before the password check (per-user delay). */
  readonly delayMs: number
}

/** FIFO semaphore over a fixed number of slots with a bounded wait list. */
class Slots {
  private busy = 0
  private readonly waiting: (() => void)[] = []
  constructor(
    private readonly slots: number,
    private readonly maxWaiting: number,
  ) {}

  /** Runs `fn` in a slot; false (and `fn` not run) when the wait list is full. */
  async run<T>(fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.busy >= this.slots) {
      if (this.waiting.length >= this.maxWaiting) return { ran: false }
      await new Promise<void>((wake) => this.waiting.push(wake))
    } else this.busy++
    try {
      return { ran: true, value: await fn() }
    } finally {
      const next = this.waiting.shift()
      // The slot passes straight to the next waiter, so `busy` never drops below what is really running.
      if (next) next()
      else this.busy--
    }
  }
}

/** Counters behind the login guard (in memory on one node, shared through the store on several). */
export interface LoginCounters {
  /** Per (address, user name): the hard limit LOGIN_RATE_LIMIT. */
  pair: AttemptCounter
  /** Per address: the hard limit LOGIN_ADDRESS_LIMIT. */
  address: AttemptCounter
  /** Per user name: no limit, only the count the delay is computed from. */
  user: AttemptCounter
}

/** Applies the login limits; one per server, built in createAppDeps. */
export class LoginGuard {
  private readonly slots = new Slots(HASH_SLOTS, HASH_QUEUE)
  constructor(
    private readonly counters: LoginCounters,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Builds the in-memory guard with the hard limits from Config. */
  static inMemory(
    limits: { perPair: number; perAddress: number },
    now: () => number,
    sleep: (ms: number) => Promise<void>,
  ): LoginGuard {
    return LoginGuard.over(inMemoryCounters(now), limits, sleep)
  }

  /** Builds the guard over counters `make` gives (in memory, or shared by several nodes: nodes/coordination.ts). */
  static over(
    make: CounterFactory,
    limits: { perPair: number; perAddress: number },
    sleep: (ms: number) => Promise<void>,
  ): LoginGuard {
    return new LoginGuard(
      {
        pair: make('login.pair', limits.perPair, LOGIN_WINDOW_MS),
        address: make('login.address', limits.perAddress, LOGIN_WINDOW_MS),
        user: make('login.user', Number.MAX_SAFE_INTEGER, USER_DELAY.windowMs),
      },
      sleep,
    )
  }

  /**
   * Counts the attempt before any password is checked. Over a hard limit: 429 with Retry-After and nothing
   * counted. Otherwise waits out the user name's delay and answers the admission to settle later.
   */
  async admit(address: string, username: string): Promise<LoginAdmission> {
    const keys = { pair: `${address}\u0000${username}`, address, user: username }
    const pairWait = await this.counters.pair.take(keys.pair)
    if (pairWait > 0) throw limited(pairWait)
    const addressWait = await this.counters.address.take(keys.address)
    if (addressWait > 0) {
      await this.counters.pair.release(keys.pair)
      throw limited(addressWait)
    }
    const earlier = await this.counters.user.count(keys.user)
    await this.counters.user.take(keys.user)
    const delayMs = userDelayMs(earlier)
    if (delayMs > 0) await this.sleep(delayMs)
    return { keys, delayMs }
  }

  /** A successful login counts against nobody. */
  async succeeded(admission: LoginAdmission): Promise<void> {
    await this.counters.pair.release(admission.keys.pair)
    await this.counters.address.release(admission.keys.address)
    await this.counters.user.release(admission.keys.user)
  }

  /** Runs a password hash in one of HASH_SLOTS slots; 503 `busy` when too many are already waiting. */
  async hashing<T>(fn: () => Promise<T>): Promise<T> {
    const outcome = await this.slots.run(fn)
    if (!outcome.ran)
      throw new ApiError(503, 'busy', 'too many logins at once; try again in a moment', {
        'Retry-After': '1',
      })
    return outcome.value
  }
}

function limited(seconds: number): ApiError {
  return new ApiError(429, 'rate_limited', `too many login attempts; try again in ${seconds} s`, {
    'Retry-After': String(seconds),
  })
}
