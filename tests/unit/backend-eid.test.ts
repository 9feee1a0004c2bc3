/**
 * 电子身份证 (粤省事 QR) identification against the real backend process, on both stores: the demo issuer's code
 * identifies 李明 once; the same code again is refused as replayed, on the same node and (PostgreSQL) on another
 * node sharing the store; an expired code, one signed by another key, a tampered one and one naming another
 * algorithm are refused with their own codes; every attempt is counted per outcome for ops, and neither the
 * code nor the resident's number reaches the answer of ops or the log.
 */
import { spawnSync } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ID_CARD } from '../../kiosk/src/devices/simulated'
import { EID_ROUTES } from '../../mock-backend/src/contract/eid'
import {
  DEMO_RESIDENT,
  demoIssuerPrivateKey,
  demoIssuerPublicKey,
  isDemoIssuer,
} from '../../mock-backend/src/identity/demoIssuer'
import { checkEidCode, issueEidCode, readIssuerKey } from '../../mock-backend/src/identity/eidCode'
import { shanghaiDay } from '../../mock-backend/src/time'
import { STORES } from '../fixtures/node/backend/postgresStores'
import {
  call,
  demoToken,
  login,
  OPS_PASSWORD,
  type SpawnedBackend,
  spawnBackend,
} from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const present = (url: string, token: string, code: string) =>
  call(url, 'POST', EID_ROUTES.identify.path, { token, body: { code } })

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('the demo issuer', () => {
  it('issues for the demo card holder, and its key is the default issuer key', () => {
    expect(DEMO_RESIDENT).toEqual(DEMO_ID_CARD)
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey
    expect(isDemoIssuer(other)).toBe(false)
    const der = other.export({ format: 'der', type: 'spki' }).toString('base64')
    expect(readIssuerKey(der, 'EID_PUBLIC_KEY').equals(other)).toBe(true)
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey
    expect(() =>
      readIssuerKey(rsa.export({ format: 'pem', type: 'spki' }).toString(), 'EID_PUBLIC_KEY'),
    ).toThrow('EID_PUBLIC_KEY: must be an EC P-256 key (ES256)')
    expect(() => readIssuerKey('not a key', 'EID_PUBLIC_KEY')).toThrow('EID_PUBLIC_KEY: not a public key')
  })
})

describe('npm run eid:code', () => {
  it('prints a fresh code of the demo issuer for 李明 that the default key accepts', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'mock-backend/src/identity/eidCodeCli.ts'], {
      cwd: join(import.meta.dirname, '../..'),
      encoding: 'utf8',
    })
    expect(run.status).toBe(0)
    const check = checkEidCode(run.stdout.trim(), demoIssuerPublicKey(), Date.now())
    expect(check.ok && { sub: check.claims.sub, name: check.claims.name }).toEqual({
      sub: DEMO_RESIDENT.idNumber,
      name: DEMO_RESIDENT.name,
    })
  })
})

describe.each(STORES)('电子身份证 codes on %s', (store) => {
  const backend = backendSession({ store })

  it('identifies the demo resident once; the same code again is refused as replayed', async () => {
    const issued = await call(backend.url, 'POST', EID_ROUTES.demoCode.path, {
      token: backend.terminal,
      body: {},
    })
    expect(issued.status).toBe(200)
    const code = issued.body.code as string
    const first = await present(backend.url, backend.terminal, code)
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ idNumber: DEMO_RESIDENT.idNumber, name: DEMO_RESIDENT.name })
    const again = await present(backend.url, backend.terminal, code)
    expect(again.status).toBe(422)
    expect(again.body).toEqual({
      error: 'eid_replayed',
      message: 'the code has already been used: refresh it on the phone and show the new one',
    })
  })

  it('refuses expired, foreign-signed, tampered and algorithm-swapped codes with their own codes', async () => {
    const expired = issueEidCode(demoIssuerPrivateKey(), DEMO_RESIDENT, Date.now() - 61_000)
    expect((await present(backend.url, backend.terminal, expired)).body.error).toBe('eid_expired')

    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
    const foreign = issueEidCode(stranger, DEMO_RESIDENT, Date.now())
    const refused = await present(backend.url, backend.terminal, foreign)
    expect(refused.status).toBe(422)
    expect(refused.body).toEqual({
      error: 'eid_forged',
      message: 'the code was not issued by the e-ID issuer: its signature does not verify',
    })

    // Another resident's number put into a genuine code: the signature no longer covers it.
    const [header, payload, signature] = issueEidCode(
      demoIssuerPrivateKey(),
      DEMO_RESIDENT,
      Date.now(),
    ).split('.')
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString())
    const tampered = `${header}.${b64({ ...claims, sub: '11010519491231002X' })}.${signature}`
    expect((await present(backend.url, backend.terminal, tampered)).body.error).toBe('eid_forged')
    const unsigned = `${b64({ alg: 'none' })}.${payload}.${randomBytes(8).toString('base64url')}`
    expect((await present(backend.url, backend.terminal, unsigned)).body.error).toBe('eid_forged')
    expect((await present(backend.url, backend.terminal, 'not-a-code')).body.error).toBe('eid_forged')

    const empty = await present(backend.url, backend.terminal, '')
    expect(empty.status).toBe(400)
  })

  it('counts every attempt per outcome for ops, without the code or the number', async () => {
    const today = shanghaiDay(Date.now())
    const path = `${EID_ROUTES.attempts.path}?from=${today}&to=${today}`
    expect((await call(backend.url, 'GET', path, { token: backend.terminal })).status).toBe(403)
    const res = await call(backend.url, 'GET', path, { token: backend.ops.token })
    expect(res.status).toBe(200)
    const byOutcome = Object.fromEntries(
      (res.body.rows as { outcome: string; count: number; day: string }[]).map((r) => [r.outcome, r.count]),
    )
    expect(byOutcome).toEqual({ accepted: 1, replayed: 1, expired: 1, forged: 4 })
    expect(res.text).not.toContain(DEMO_RESIDENT.idNumber)
    expect(backend.server.output()).not.toContain(DEMO_RESIDENT.idNumber)
    expect(backend.server.output()).not.toContain('eyJ')
    const bad = await call(backend.url, 'GET', `${EID_ROUTES.attempts.path}?from=2026-13-01&to=${today}`, {
      token: backend.ops.token,
    })
    expect(bad.status).toBe(400)
  })
})

describe('a code shown on two nodes sharing PostgreSQL', () => {
  const FINGERPRINT_KEY = randomBytes(32).toString('base64url')
  const nodes: SpawnedBackend[] = []
  beforeAll(async () => {
    const first = await spawnBackend({ store: 'postgres', env: { FINGERPRINT_KEY } })
    nodes.push(first)
    nodes.push(await spawnBackend({ env: { FINGERPRINT_KEY, DATABASE_URL: first.databaseUrl! } }))
  }, 60_000)
  afterAll(async () => {
    for (const node of [...nodes].reverse()) {
      await node.stop()
      await node.cleanup()
    }
  })

  it('identifies on the first node and is refused as replayed on the second', async () => {
    const [a, b] = [nodes[0]!, nodes[1]!]
    const token = await demoToken(a.url)
    const code = issueEidCode(demoIssuerPrivateKey(), DEMO_RESIDENT, Date.now())
    expect((await present(a.url, token, code)).status).toBe(200)
    const onB = await present(b.url, token, code)
    expect(onB.status).toBe(422)
    expect(onB.body.error).toBe('eid_replayed')
    const ops = await login(b.url, 'ops', OPS_PASSWORD)
    const today = shanghaiDay(Date.now())
    const counts = await call(b.url, 'GET', `${EID_ROUTES.attempts.path}?from=${today}&to=${today}`, {
      token: ops.token,
    })
    expect(
      counts.body.rows.map((r: { outcome: string; count: number }) => [r.outcome, r.count]).sort(),
    ).toEqual([
      ['accepted', 1],
      ['replayed', 1],
    ])
  })
})
