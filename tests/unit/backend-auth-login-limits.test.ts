/**
 * The login limits, on a simulated clock with recorded delays: attempts are counted before the password check, so
 * parallel guesses cannot outrun the limit; hard limits are per (address, user name) and per address, and behind a
 * same-host proxy named in TRUST_PROXY the address is the forwarded one; a user name alone only earns a capped
 * delay, so the real user still gets in; at most two hashes run at once.
 */
import { describe, expect, it } from 'vitest'
import {
  HASH_QUEUE,
  HASH_SLOTS,
  LOGIN_WINDOW_MS,
  LoginGuard,
  USER_DELAY,
  userDelayMs,
} from '../../mock-backend/src/auth/rateLimit'
import { ApiError } from '../../mock-backend/src/http/errors'
import { legacyHash, startAuthServer } from '../fixtures/node/backend/authServer'

const PASSWORD = 'the real password'

const users = () => [
  { username: 'admin', role: 'admin' as const, passwordHash: legacyHash(PASSWORD) },
  { username: 'clerk', role: 'ops' as const, passwordHash: legacyHash(PASSWORD) },
]
const from = (address: string) => ({ 'X-Forwarded-For': address })

/** Wraps the guard's hash slot to count the hashes run and the most at once. */
function countHashes(guard: LoginGuard) {
  const seen = { calls: 0, running: 0, peak: 0 }
  const original = guard.hashing.bind(guard)
  guard.hashing = <T>(fn: () => Promise<T>) => {
    seen.calls++
    return original(async () => {
      seen.running++
      seen.peak = Math.max(seen.peak, seen.running)
      try {
        return await fn()
      } finally {
        seen.running--
      }
    })
  }
  return seen
}

describe('login limits', () => {
  it('evaluates at most LOGIN_RATE_LIMIT hashes for 20 parallel wrong passwords, two at a time', async () => {
    const s = await startAuthServer(users())
    try {
      const seen = countHashes(s.deps.loginGuard)
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => s.login('admin', `guess-${i}`)))
      const statuses = answers.map((a) => a.status).sort()
      expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)])
      expect(seen.calls).toBe(5)
      expect(seen.peak).toBeLessThanOrEqual(HASH_SLOTS)
      const refused = answers.find((a) => a.status === 429)
      expect(Number(refused?.headers.get('retry-after'))).toBe(60)
      expect(await refused?.json()).toEqual({
        error: 'rate_limited',
        message: 'too many login attempts; try again in 60 s',
      })
    } finally {
      await s.close()
    }
  }, 60_000)

  it('behind a same-host proxy named in TRUST_PROXY, five failures from one address do not lock out another', async () => {
    const s = await startAuthServer(users(), { TRUST_PROXY: 'loopback' })
    try {
      for (let i = 0; i < 5; i++)
        expect((await s.login('admin', `guess-${i}`, from('203.0.113.7'))).status).toBe(401)
      expect((await s.login('admin', PASSWORD, from('203.0.113.7'))).status).toBe(429)
      expect((await s.login('admin', PASSWORD, from('198.51.100.9'))).status).toBe(200)
      // The window runs on the clock: a minute later the first address may try again.
      s.clock.ms += LOGIN_WINDOW_MS + 1
      expect((await s.login('admin', PASSWORD, from('203.0.113.7'))).status).toBe(200)
    } finally {
      await s.close()
    }
  }, 60_000)

  it('without TRUST_PROXY the forwarded address is ignored, so a stranger cannot pick a fresh one', async () => {
    const s = await startAuthServer(users())
    try {
      for (let i = 0; i < 5; i++)
        expect((await s.login('admin', `guess-${i}`, from('203.0.113.7'))).status).toBe(401)
      expect((await s.login('admin', PASSWORD, from('198.51.100.9'))).status).toBe(429)
    } finally {
      await s.close()
    }
  }, 60_000)

  it('limits one address across user names (LOGIN_ADDRESS_LIMIT)', async () => {
    const s = await startAuthServer(users(), { LOGIN_ADDRESS_LIMIT: '3' })
    try {
      for (const name of ['a1', 'b2', 'c3']) expect((await s.login(name, 'guess')).status).toBe(401)
      expect((await s.login('admin', PASSWORD)).status).toBe(429)
    } finally {
      await s.close()
    }
  }, 60_000)

  it('does not count a successful login against anyone', async () => {
    const s = await startAuthServer(users())
    try {
      for (let i = 0; i < 4; i++) expect((await s.login('admin', `guess-${i}`)).status).toBe(401)
      expect((await s.login('admin', PASSWORD)).status).toBe(200)
      expect((await s.login('admin', 'guess-4')).status).toBe(401)
      expect((await s.login('admin', PASSWORD)).status).toBe(429)
    } finally {
      await s.close()
    }
  }, 60_000)

  it('only delays a guessed user name, capped, and the real user still logs in from their own address', async () => {
    const s = await startAuthServer(users(), { TRUST_PROXY: '127.0.0.1' })
    try {
      for (let i = 0; i < 15; i++) {
        expect((await s.login('clerk', `guess-${i}`, from(`203.0.113.${i + 1}`))).status).toBe(401)
      }
      expect(s.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000])
      expect((await s.login('clerk', PASSWORD, from('192.0.2.50'))).status).toBe(200)
      expect(s.sleeps.at(-1)).toBe(USER_DELAY.capMs)
    } finally {
      await s.close()
    }
  }, 60_000)

  it('grows the per-user delay from 0 to the cap and never past it', () => {
    const delays = Array.from({ length: 200 }, (_, n) => userDelayMs(n))
    expect(delays.slice(0, USER_DELAY.freeAttempts)).toEqual(Array(USER_DELAY.freeAttempts).fill(0))
    expect(Math.max(...delays)).toBe(USER_DELAY.capMs)
    expect(delays.every((d, i) => i === 0 || d >= (delays[i - 1] ?? 0))).toBe(true)
    expect(userDelayMs(Number.MAX_SAFE_INTEGER)).toBe(USER_DELAY.capMs)
  })

  it('runs two hashes at once, queues HASH_QUEUE more in order, and answers 503 busy beyond that', async () => {
    const guard = LoginGuard.inMemory(
      { perPair: 100, perAddress: 100 },
      () => 0,
      async () => {},
    )
    let release = () => {}
    const gate = new Promise<void>((open) => {
      release = open
    })
    const started: number[] = []
    const jobs = Array.from({ length: HASH_SLOTS + HASH_QUEUE }, (_, i) =>
      guard.hashing(async () => {
        started.push(i)
        await gate
        return i
      }),
    )
    await new Promise((r) => setTimeout(r, 10))
    expect(started).toEqual([0, 1])
    const refused = await guard.hashing(async () => 'ran').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused).toMatchObject({ status: 503, code: 'busy', headers: { 'Retry-After': '1' } })
    release()
    expect(await Promise.all(jobs)).toEqual(Array.from({ length: HASH_SLOTS + HASH_QUEUE }, (_, i) => i))
    expect(started).toEqual(Array.from({ length: HASH_SLOTS + HASH_QUEUE }, (_, i) => i))
  })
})
