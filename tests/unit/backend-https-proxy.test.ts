/**
 * The backend behind Debian's nginx, as the README's "Deploying behind HTTPS" sets it up: the repository's own
 * mock-backend/deploy/nginx.conf.template with a self-signed certificate, the real backend process with
 * TRUST_PROXY=127.0.0.1 and DEMO_TERMINAL left unset (the product's default). Through HTTPS:
 * - the demo terminal's key is handed to nobody, through the deployment config and through nginx's default
 *   proxy config (a bare proxy_pass: loopback socket, upstream Host, no X-Forwarded-*) to a backend without
 *   TRUST_PROXY;
 * - a staff login gets a `Secure` cookie, and answers carry HSTS;
 * - a terminal the admin created through nginx enrols with its one-time code and sends a heartbeat;
 * - WebSocket upgrade headers reach the upstream (`nginx -t` passes on the rendered config).
 */
import { request as httpsRequest } from 'node:https'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { ADMIN_PASSWORD, type SpawnedBackend, spawnBackend } from '../fixtures/node/backend/server'
import { type RunningNginx, startNginx } from '../fixtures/node/proxy/nginx'
import { startUpgradeSpy, type UpgradeSpy } from '../fixtures/node/proxy/upgradeSpy'

let proxied: SpawnedBackend
let bare: SpawnedBackend
let spy: UpgradeSpy
let nginx: RunningNginx

/** One answer through nginx. */
interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  // biome-ignore lint/suspicious/noExplicitAny: answers of many shapes
  body: any
}

/** An HTTPS request to nginx on `port`, trusting only the test's certificate. */
function send(
  port: number,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'x-api-version': String(API_VERSION), ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
  if (payload) headers['content-type'] = 'application/json'
  return new Promise((done, fail) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port, method, path, headers, ca: nginx.cert, servername: 'localhost' },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => {
          text += d
        })
        res.on('end', () => {
          let body: unknown = text
          try {
            body = JSON.parse(text)
          } catch {}
          done({ status: res.statusCode ?? 0, headers: res.headers, body })
        })
      },
    )
    req.on('error', fail)
    req.end(payload)
  })
}

beforeAll(async () => {
  ;[proxied, bare] = await Promise.all([
    spawnBackend({ env: { TRUST_PROXY: '127.0.0.1' }, unset: ['DEMO_TERMINAL'] }),
    spawnBackend({ unset: ['DEMO_TERMINAL'] }),
  ])
  spy = await startUpgradeSpy(proxied.url)
  nginx = await startNginx({ backend: `127.0.0.1:${spy.port}`, defaultBackend: new URL(bare.url).host })
}, 20_000)

afterAll(async () => {
  // Everything started is stopped, even when a start above failed part-way.
  await nginx?.stop()
  await spy?.close()
  for (const backend of [proxied, bare]) {
    if (!backend) continue
    await backend.stop()
    backend.cleanup()
  }
})

describe('behind nginx with TLS', () => {
  it('the rendered deployment config passes nginx -t', () => {
    expect(nginx.configTest).toMatch(/syntax is ok/)
    expect(nginx.configTest).toMatch(/test is successful/)
  })

  it('hands the demo key to nobody, through the deployment config or nginx’s default proxy config', async () => {
    for (const port of [nginx.httpsPort, nginx.defaultPort as number]) {
      const answer = await send(port, 'POST', '/api/terminals/demo-enrol')
      expect(answer.status, `port ${port}`).toBe(404)
      expect(answer.body, `port ${port}`).toEqual({ error: 'demo_off', message: expect.any(String) })
    }
  })

  it('gives staff a Secure cookie and answers with HSTS', async () => {
    const login = await send(nginx.httpsPort, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    })
    expect(login.status).toBe(200)
    const cookie = [login.headers['set-cookie'] ?? []].flat().join('\n')
    expect(cookie).toMatch(/;\s*Secure/i)
    expect(login.headers['strict-transport-security']).toMatch(/max-age=\d+/)
    // The backend saw the client's address and scheme from nginx.
    const seen = spy.seen.find((s) => s.path === '/api/auth/login')
    expect(seen?.headers['x-forwarded-proto']).toBe('https')
    expect(seen?.headers['x-forwarded-for']).toBe('127.0.0.1')
  })

  it('enrols a terminal with a one-time code the admin made through nginx, which then sends a heartbeat', async () => {
    const admin = await send(nginx.httpsPort, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    })
    const created = await send(nginx.httpsPort, 'POST', '/api/admin/terminals', {
      token: admin.body.token,
      body: { name: '远程村委终端', location: '石桥村', groups: [] },
    })
    expect(created.status).toBe(201)
    const enrolled = await send(nginx.httpsPort, 'POST', '/api/terminals/enrol', {
      body: { code: created.body.enrolCode },
    })
    expect(enrolled.status).toBe(200)
    expect(enrolled.body.terminalId).toBe(created.body.id)
    const heartbeat = await send(nginx.httpsPort, 'POST', '/api/terminal/heartbeat', {
      token: enrolled.body.token,
      body: {
        status: 'idle',
        queueLength: 0,
        oldestUnsentAt: null,
        lastSyncAt: null,
        storage: { usage: 1, quota: 2, persisted: true },
        printer: 'ok',
        appVersion: '1.0.0',
        catalogVersion: 1,
      },
    })
    expect(heartbeat.status).toBe(200)
    expect(heartbeat.body.ok).toBe(true)
  })

  it('passes WebSocket upgrade headers to the backend', async () => {
    const status = await new Promise<number>((done, fail) => {
      const req = httpsRequest({
        host: '127.0.0.1',
        port: nginx.httpsPort,
        path: '/api/terminal/live',
        ca: nginx.cert,
        servername: 'localhost',
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13' },
      })
      req.on('upgrade', (res, socket) => {
        socket.destroy()
        done(res.statusCode ?? 0)
      })
      req.on('response', (res) => done(res.statusCode ?? 0))
      req.on('error', fail)
      req.end()
    })
    expect(status).toBe(101)
    const seen = spy.seen.find((s) => s.path === '/api/terminal/live')
    expect(seen).toMatchObject({ upgrade: true, headers: { upgrade: 'websocket', connection: 'upgrade' } })
  })
})
