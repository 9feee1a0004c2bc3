/**
 * TRUST_PROXY: forwarding headers are believed only from a named proxy (the client is the right-most forwarded
 * address that is not a named proxy), and only then does `X-Forwarded-Proto: https` make the session cookie
 * `Secure` and add HSTS. Without it the plain-HTTP demo on 127.0.0.1 works as before. Also the start-up checks of
 * TRUST_PROXY and of passwords given through the environment.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../mock-backend/src/auth/passwords'
import { clientAddress, proxyTrust, requestProtocol } from '../../mock-backend/src/clientAddress'
import { loadConfig, MIN_ENV_PASSWORD_LENGTH } from '../../mock-backend/src/config'
import { STRICT_TRANSPORT_SECURITY } from '../../mock-backend/src/http/security'
import { startAuthServer } from '../fixtures/node/backend/authServer'

/** A server on 127.0.0.1 that answers what it makes of the caller, under the given TRUST_PROXY entries. */
async function echo(entries: string[]) {
  const trust = proxyTrust(entries)
  const app = new Hono().get('/', (c) =>
    c.json({ address: clientAddress(c, trust), scheme: requestProtocol(c, trust) }),
  )
  const server = await new Promise<Server>((ready) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(s as Server)) as Server
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return {
    ask: async (headers: Record<string, string> = {}) => (await fetch(url, { headers })).json(),
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}

describe('client address and scheme', () => {
  it('ignores forwarding headers when no proxy is named, or from a peer that is not one', async () => {
    for (const entries of [[], ['10.0.0.0/8']]) {
      const e = await echo(entries)
      try {
        expect(await e.ask({ 'X-Forwarded-For': '203.0.113.7', 'X-Forwarded-Proto': 'https' })).toEqual({
          address: '127.0.0.1',
          scheme: 'http',
        })
      } finally {
        await e.close()
      }
    }
  })

  it('takes the right-most address that is not a named proxy, and the proxy’s scheme', async () => {
    const e = await echo(['127.0.0.1', '10.0.0.0/8'])
    try {
      // The client wrote its own X-Forwarded-For; nginx appended the real peer; an inner proxy appended its own.
      const headers = { 'X-Forwarded-For': '192.0.2.99, 203.0.113.7, 10.1.2.3', 'X-Forwarded-Proto': 'https' }
      expect(await e.ask(headers)).toEqual({ address: '203.0.113.7', scheme: 'https' })
      expect(await e.ask({ 'X-Forwarded-For': '::ffff:198.51.100.4' })).toEqual({
        address: '198.51.100.4',
        scheme: 'http',
      })
      // Nothing but proxies: the left-most of them is the nearest thing to a client.
      expect(await e.ask({ 'X-Forwarded-For': '10.9.9.9' })).toEqual({ address: '10.9.9.9', scheme: 'http' })
      // A non-address entry stops the walk at the hop that forwarded it.
      expect(await e.ask({ 'X-Forwarded-For': '203.0.113.7, bogus' })).toEqual({
        address: '127.0.0.1',
        scheme: 'http',
      })
      expect(await e.ask({ 'X-Forwarded-Proto': 'gopher' })).toEqual({ address: '127.0.0.1', scheme: 'http' })
    } finally {
      await e.close()
    }
  })
})

describe('behind TLS', () => {
  const PASSWORD = 'a long enough password'
  let hash = ''
  beforeAll(async () => {
    hash = await hashPassword(PASSWORD)
  }, 60_000)

  async function loginAnswer(env: Record<string, string>, headers: Record<string, string>) {
    const s = await startAuthServer([{ username: 'admin', role: 'admin', passwordHash: hash }], env)
    try {
      const res = await s.login('admin', PASSWORD, headers)
      const health = await fetch(`${s.url}/api/health`, { headers })
      return {
        status: res.status,
        cookie: res.headers.get('set-cookie') ?? '',
        hsts: [res.headers.get('strict-transport-security'), health.headers.get('strict-transport-security')],
      }
    } finally {
      await s.close()
    }
  }
  const https = { 'X-Forwarded-For': '203.0.113.7', 'X-Forwarded-Proto': 'https' }

  it('sets a Secure cookie and HSTS when the named proxy says HTTPS', async () => {
    const a = await loginAnswer({ TRUST_PROXY: '127.0.0.1' }, https)
    expect(a.status).toBe(200)
    expect(a.cookie).toMatch(/^sid=[A-Za-z0-9_-]+;/)
    expect(a.cookie).toContain('; Secure')
    expect(a.hsts).toEqual([STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY])
  }, 60_000)

  it('sends neither over plain HTTP, so the 127.0.0.1 demo keeps working', async () => {
    const a = await loginAnswer({}, {})
    expect(a.status).toBe(200)
    expect(a.cookie).toMatch(/^sid=/)
    expect(a.cookie).not.toContain('Secure')
    expect(a.hsts).toEqual([null, null])
    const viaProxyHttp = await loginAnswer({ TRUST_PROXY: '127.0.0.1' }, { 'X-Forwarded-Proto': 'http' })
    expect(viaProxyHttp.cookie).not.toContain('Secure')
    expect(viaProxyHttp.hsts).toEqual([null, null])
  }, 60_000)

  it('does not believe X-Forwarded-Proto from a caller that is not a named proxy', async () => {
    const a = await loginAnswer({}, https)
    expect(a.cookie).not.toContain('Secure')
    expect(a.hsts).toEqual([null, null])
  }, 60_000)
})

describe('start-up checks', () => {
  it('reads TRUST_PROXY as addresses, ranges and loopback, and names a bad entry', () => {
    expect(loadConfig({}).trustProxy).toEqual([])
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.5 , fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      'fd00::/8',
      '127.0.0.0/8',
      '::1',
    ])
    for (const bad of ['nginx', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x', '300.1.1.1'])
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(
        `TRUST_PROXY: "${bad}" is not an IP address, CIDR range or "loopback"`,
      )
  })

  it('trusts exactly the named range', () => {
    const t = proxyTrust(loadConfig({ TRUST_PROXY: '10.0.0.0/8,::1' }).trustProxy)
    expect(['10.255.0.1', '::ffff:10.0.0.1', '::1'].map((a) => t.trusts(a))).toEqual([true, true, true])
    expect(['11.0.0.1', '127.0.0.1', 'unknown', ''].map((a) => t.trusts(a))).toEqual([
      false,
      false,
      false,
      false,
    ])
  })

  it(`stops on an ADMIN_PASSWORD, OPS_PASSWORD or HELPER_PASSWORD shorter than ${MIN_ENV_PASSWORD_LENGTH} characters, naming it`, () => {
    expect(MIN_ENV_PASSWORD_LENGTH).toBe(12)
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short-pass1' })).toThrow(
      'ADMIN_PASSWORD must be at least 12 characters (got 11)',
    )
    expect(() => loadConfig({ OPS_PASSWORD: '密码密码密码密码' })).toThrow(
      'OPS_PASSWORD must be at least 12 characters (got 8)',
    )
    expect(() => loadConfig({ HELPER_PASSWORD: 'helper-pw' })).toThrow(
      'HELPER_PASSWORD must be at least 12 characters (got 9)',
    )
    expect(
      loadConfig({ ADMIN_PASSWORD: 'twelve-chars', OPS_PASSWORD: '', HELPER_PASSWORD: 'helper-twelve' }),
    ).toMatchObject({
      adminPassword: 'twelve-chars',
      opsPassword: undefined,
      helperPassword: 'helper-twelve',
    })
  })

  it('reads ICE_SERVERS as RTCIceServer JSON and stops on anything else, naming the problem', () => {
    expect(loadConfig({}).iceServers).toEqual([])
    const turn = { urls: ['turn:turn.example.org:3478'], username: 'kiosk', credential: 'secret' }
    expect(
      loadConfig({ ICE_SERVERS: JSON.stringify([{ urls: 'stun:stun.example.org:3478' }, turn]) }).iceServers,
    ).toEqual([{ urls: 'stun:stun.example.org:3478' }, turn])
    expect(() => loadConfig({ ICE_SERVERS: '[{' })).toThrow('ICE_SERVERS is not valid JSON')
    expect(() => loadConfig({ ICE_SERVERS: '[{"urls":"https://stun.example.org"}]' })).toThrow(
      'ICE_SERVERS: 0.urls: each URL starts with stun:, turn: or turns:',
    )
  })

  it('refuses a login limit that is not a positive whole number', () => {
    expect(() => loadConfig({ LOGIN_RATE_LIMIT: '0' })).toThrow(
      'LOGIN_RATE_LIMIT must be a whole number from 1 to 1000000, got "0"',
    )
    expect(() => loadConfig({ LOGIN_ADDRESS_LIMIT: 'lots' })).toThrow(
      'LOGIN_ADDRESS_LIMIT must be a whole number from 1 to 1000000, got "lots"',
    )
  })
})
