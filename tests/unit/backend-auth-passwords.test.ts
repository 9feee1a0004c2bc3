/**
 * scrypt hashes carry their own (N, r, p): new ones at today's OWASP cost, legacy `scrypt$N$salt$key` hashes still
 * verify and are rewritten at login, tampered parameters are refused without running (or crashing) scrypt, and an
 * unknown user name is checked against a hash of today's cost.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CURRENT_PARAMS,
  DUMMY_HASH,
  hashPassword,
  isReadableHash,
  needsRehash,
  verifyPassword,
} from '../../mock-backend/src/auth/passwords'
import { legacyHash, startAuthServer } from '../fixtures/node/backend/authServer'

const PASSWORD = 'correct horse battery'

let current = ''
beforeAll(async () => {
  current = await hashPassword(PASSWORD)
}, 60_000)

describe('password hashes', () => {
  it('writes today’s parameters into every new hash, and reads them back', async () => {
    expect(CURRENT_PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 })
    expect(current).toMatch(/^scrypt\$N=131072,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(await verifyPassword(PASSWORD, current)).toBe(true)
    expect(await verifyPassword('wrong horse battery', current)).toBe(false)
    expect(needsRehash(current)).toBe(false)
  }, 60_000)

  it('verifies a legacy hash and marks it for rewriting', async () => {
    const old = legacyHash(PASSWORD)
    expect(await verifyPassword(PASSWORD, old)).toBe(true)
    expect(await verifyPassword('nope nope nope', old)).toBe(false)
    expect(needsRehash(old)).toBe(true)
  })

  it('refuses tampered parameters cleanly: false, no exception, no huge allocation', async () => {
    const [, , salt, key] = current.split('$')
    const tampered = [
      `scrypt$N=1073741824,r=8,p=1$${salt}$${key}`, // 128 GiB
      `scrypt$N=131072,r=64,p=1$${salt}$${key}`, // 1 GiB
      `scrypt$N=131072,r=8,p=100000$${salt}$${key}`, // hours of CPU
      `scrypt$N=100000,r=8,p=1$${salt}$${key}`, // not a power of two
      `scrypt$N=2,r=8,p=1$${salt}$${key}`, // below the legacy floor: a cheap hash to brute-force
      `scrypt$N=131072,r=0,p=1$${salt}$${key}`,
      `scrypt$N=131072,r=8,p=1,x=1$${salt}$${key}`,
      `scrypt$2$${salt}$${key}`,
      `scrypt$N=131072,r=8,p=1$${salt}$${key?.slice(0, 20)}`, // key cut short
      `bcrypt$N=131072,r=8,p=1$${salt}$${key}`,
      '',
    ]
    for (const stored of tampered) {
      expect(isReadableHash(stored), stored).toBe(false)
      const started = performance.now()
      await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(false)
      expect(performance.now() - started, stored).toBeLessThan(50)
      expect(needsRehash(stored)).toBe(false)
    }
  })

  it('checks unknown user names against a hash of today’s cost', () => {
    expect(isReadableHash(DUMMY_HASH)).toBe(true)
    expect(needsRehash(DUMMY_HASH)).toBe(false)
    expect(DUMMY_HASH.split('$')[1]).toBe(current.split('$')[1])
  })
})

describe('login with stored hashes', () => {
  it('rewrites a legacy hash at today’s cost on a successful login, and the new one works', async () => {
    const s = await startAuthServer([{ username: 'clerk', role: 'ops', passwordHash: legacyHash(PASSWORD) }])
    try {
      expect((await s.login('clerk', 'wrong password!!')).status).toBe(401)
      expect((await s.store.staff.getUser('clerk'))?.passwordHash).toMatch(/^scrypt\$16384\$/)
      expect((await s.login('clerk', PASSWORD)).status).toBe(200)
      const rewritten = (await s.store.staff.getUser('clerk'))?.passwordHash ?? ''
      expect(rewritten).toMatch(/^scrypt\$N=131072,r=8,p=1\$/)
      expect((await s.store.staff.getUser('clerk'))?.role).toBe('ops')
      expect(await verifyPassword(PASSWORD, rewritten)).toBe(true)
      expect((await s.login('clerk', PASSWORD)).status).toBe(200)
      expect((await s.store.staff.getUser('clerk'))?.passwordHash).toBe(rewritten)
    } finally {
      await s.close()
    }
  }, 60_000)

  it('the upgrade at login is no password change: it ends no session', async () => {
    const s = await startAuthServer([{ username: 'clerk', role: 'ops', passwordHash: legacyHash(PASSWORD) }])
    try {
      const first = (await (await s.login('clerk', PASSWORD)).json()) as { token: string }
      // The hash is old again (restored from a backup, say), so the next login rewrites it once more.
      await s.store.staff.rehashPassword('clerk', legacyHash(PASSWORD))
      expect((await s.login('clerk', PASSWORD)).status).toBe(200)
      expect((await s.store.staff.getUser('clerk'))?.passwordHash).toMatch(/^scrypt\$N=131072,r=8,p=1\$/)
      expect((await s.store.staff.getUser('clerk'))?.passwordChangedAt).toBeNull()
      const me = await fetch(`${s.url}/api/auth/me`, { headers: { authorization: `Bearer ${first.token}` } })
      expect(me.status).toBe(200)
    } finally {
      await s.close()
    }
  }, 60_000)

  it('answers a tampered stored hash with 401, not 500, and logs it without the password', async () => {
    const [, , salt, key] = current.split('$')
    const s = await startAuthServer([
      { username: 'clerk', role: 'ops', passwordHash: `scrypt$N=1073741824,r=8,p=1$${salt}$${key}` },
    ])
    try {
      const res = await s.login('clerk', PASSWORD)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ error: 'bad_credentials', message: 'wrong username or password' })
      expect(s.logs.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
        'stored password hash unreadable',
      ])
      expect(JSON.stringify(s.logs)).not.toContain(PASSWORD)
    } finally {
      await s.close()
    }
  }, 60_000)
})
