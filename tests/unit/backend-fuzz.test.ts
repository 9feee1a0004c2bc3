import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { record } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

let port: number
const dist = mkdtempSync(join(tmpdir(), 'kiosk-fuzz-dist-'))
const tokens: Record<string, string | undefined> = {}

// Before the backend starts: the app shell it serves from DIST_DIR.
beforeAll(() => {
  mkdirSync(join(dist, 'assets'), { recursive: true })
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>kiosk</title>')
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)')
})
const backend = backendSession({ env: { DIST_DIR: dist, LOGIN_RATE_LIMIT: '1000' } })
beforeAll(() => {
  port = Number(new URL(backend.url).port)
  tokens.admin = backend.admin.token
  tokens.ops = backend.ops.token
  tokens.terminal = backend.terminal
  tokens.garbage = 'A'.repeat(43)
  tokens.none = undefined
})

afterAll(() => {
  rmSync(dist, { recursive: true, force: true })
})

/** Deterministic PRNG so a failing run can be reproduced. */
function rng(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), s | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! }
}

const ENDPOINTS: [string, string][] = [
  ['GET', '/api/health'],
  ['POST', '/api/terminals/demo-enrol'],
  ['POST', '/api/terminals/enrol'],
  ['POST', '/api/auth/login'],
  ['POST', '/api/auth/logout'],
  ['GET', '/api/auth/me'],
  ['GET', '/api/terminal/catalog'],
  ['POST', '/api/terminal/transactions'],
  ['POST', '/api/terminal/counters'],
  ['POST', '/api/terminal/heartbeat'],
  ['POST', '/api/admin/catalog/validate'],
  ['POST', '/api/admin/catalog/diff'],
  ['POST', '/api/admin/catalog/publish'],
  ['GET', '/api/admin/catalog/versions'],
  ['POST', '/api/admin/catalog/rollback'],
  ['GET', '/api/admin/catalog/current'],
  ['GET', '/api/admin/terminals'],
  ['POST', '/api/admin/terminals'],
  ['PUT', '/api/admin/terminals/T-DEMO-0001'],
  ['GET', '/api/admin/departments/faults'],
  ['PUT', '/api/admin/departments/faults'],
  ['GET', '/api/ops/daily-counts?from=2026-01-01&to=2026-01-31'],
  ['GET', '/api/ops/terminals'],
]

const PATH_TRICKS = [
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/assets/..%2f..%2fpackage.json',
  '/api/admin/terminals/..%2F..%2Fauth%2Fme',
  '/%00',
  '/%ff%fe',
  '/index.html%00.js',
  `/${'a'.repeat(6000)}`,
  '//api//health',
  '/api/health/../admin/terminals',
  '/api/ops/daily-counts?from=%ZZ&to=2026',
  "/api/ops/daily-counts?from=2026-01-01'%20OR%201=1--&to=2026-01-02",
  '/api/ops/daily-counts?from=2026-01-01&to=2026-01-02&by=<script>&format=csv',
  '/api/ops/daily-counts?from[]=1&to[]=2',
  '/admin/..%5c..%5cwindows',
  '/ops/%2e%2e%2f',
  '/api/admin/terminals/%27%3B%20DROP%20TABLE%20terminals%3B--',
  '/api/terminal/catalog?%00=1',
  '/assets/missing.js',
  '/\\..\\..\\etc\\passwd',
]

const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'); DROP TABLE transactions; --",
  '<script>alert(1)</script>',
  '=cmd|/C calc!A0',
  '\u0000\u0001\u0002',
  '\ud800',
  '𠮷'.repeat(300),
  '../../../../etc/passwd',
  '__proto__',
  `${'$'}{7*7}{{7*7}}`,
  'x'.repeat(70_000),
]

function hostileValue(r: ReturnType<typeof rng>, depth = 0): unknown {
  const kind = r.pick(['string', 'number', 'bool', 'null', 'array', 'object', 'big', 'neg'] as const)
  switch (kind) {
    case 'string':
      return r.pick(HOSTILE_STRINGS)
    case 'number':
      return r.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER])
    case 'bool':
      return r.next() < 0.5
    case 'null':
      return null
    case 'big':
      return 1.2345678901234568e29
    case 'neg':
      return -42
    case 'array':
      return depth > 3
        ? []
        : Array.from({ length: Math.floor(r.next() * 4) }, () => hostileValue(r, depth + 1))
    case 'object': {
      if (depth > 3) return {}
      const o: Record<string, unknown> = {}
      for (const k of [
        'records',
        'counters',
        'username',
        'password',
        'code',
        'candidateId',
        'version',
        'name',
        'groups',
        'departments',
        '__proto__',
        'constructor',
        'status',
      ]) {
        if (r.next() < 0.4) o[k] = hostileValue(r, depth + 1)
      }
      return o
    }
  }
}

function hostileBody(r: ReturnType<typeof rng>): Buffer | undefined {
  // Oversized bodies are few (2 %): each one is megabytes on the wire.
  if (r.next() < 0.02) return Buffer.alloc(r.pick([1_100_000, 6 * 1024 * 1024]), 0x61)
  const kind = r.pick([
    'none',
    'broken',
    'value',
    'badUtf8',
    'deep',
    'mutatedRecord',
    'empty',
    'notJson',
  ] as const)
  switch (kind) {
    case 'none':
      return undefined
    case 'empty':
      return Buffer.alloc(0)
    case 'broken':
      return Buffer.from(
        r.pick([
          '{',
          '{"records":[',
          '{"a":1,}',
          'nul',
          '[1,2',
          '{"username":"admin""password":1}',
          '\uFEFF{}',
        ]),
      )
    case 'value':
      return Buffer.from(JSON.stringify(hostileValue(r)) ?? 'null')
    case 'badUtf8':
      return Buffer.concat([
        Buffer.from('{"username":"'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]),
        Buffer.from('","password":"x"}'),
      ])
    case 'deep':
      return Buffer.from(`${'['.repeat(20_000)}${']'.repeat(20_000)}`)
    case 'mutatedRecord': {
      const rec: Record<string, unknown> = record()
      const field = r.pick(Object.keys(rec))
      rec[field] = hostileValue(r)
      return Buffer.from(
        JSON.stringify({
          records: [rec],
          counters: [
            { day: rec.createdAt, itemCode: rec.itemCode, metric: 'sessions', value: rec.catalogVersion },
          ],
        }),
      )
    }
    case 'notJson':
      return Buffer.from('username=admin&password=x')
  }
}

let lastError = ''
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<number> {
  // Frame every body explicitly: Node's client sends a DELETE body unframed, which no server can parse.
  if (body) headers['content-length'] = String(body.length)
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers, timeout: 15_000, agent: false },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', () => resolve(-1))
      },
    )
    req.on('error', (e) => {
      lastError = String(e)
      resolve(-1)
    })
    req.on('timeout', () => {
      req.destroy()
      resolve(-2)
    })
    if (body) req.end(body)
    else req.end()
  })
}

describe('fuzz', () => {
  it('survives 1,200 malformed and hostile requests without a single 5xx', async () => {
    const r = rng(20261127)
    const statuses = new Map<number, number>()
    const failures: string[] = []
    const TOTAL = 1200
    let sent = 0
    const worker = async () => {
      while (sent < TOTAL) {
        sent += 1
        const [method0, path0] = r.pick(ENDPOINTS)
        const method = r.next() < 0.1 ? r.pick(['DELETE', 'PATCH', 'OPTIONS', 'PUT', 'GET', 'POST']) : method0
        const path = r.next() < 0.2 ? r.pick(PATH_TRICKS) : path0
        const who = r.pick(['admin', 'ops', 'terminal', 'garbage', 'none'])
        const headers: Record<string, string> = {}
        const token = tokens[who]
        if (token) headers.authorization = `Bearer ${token}`
        if (r.next() < 0.1)
          headers.authorization = r.pick([
            'Bearer',
            'Basic YWRtaW46YWRtaW4=',
            "Bearer ' OR 1=1",
            'Bearer <script>',
          ])
        if (r.next() < 0.8)
          headers['content-type'] = r.pick([
            'application/json',
            'text/csv',
            'application/octet-stream',
            'text/plain',
            'application/json; charset=gbk',
          ])
        if (r.next() < 0.05) headers['x-api-version'] = r.pick(['0', '2', 'abc', ''])
        if (r.next() < 0.05) headers['if-none-match'] = r.pick(['*', '"v1"', 'x'.repeat(4000)])
        if (r.next() < 0.05)
          headers['x-file-name'] = r.pick(['%E0%A4%A', '../../etc/passwd', '%E7%9B%AE%E5%BD%95.csv'])
        if (r.next() < 0.05)
          headers.cookie = r.pick(['sid=', 'sid=../../x', `sid=${'A'.repeat(43)}`, 'sid=%00'])
        const body = method === 'GET' ? undefined : hostileBody(r)
        const status = await send(method, path, headers, body)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        // An oversized upload may be cut off by the server's early 413 + close while the client is still writing.
        const refusedEarly =
          status === -1 && (body?.length ?? 0) > 1024 * 1024 && /EPIPE|ECONNRESET/.test(lastError)
        if (status >= 500 || (status < 0 && !refusedEarly)) {
          failures.push(
            `${status} ${method} ${path.slice(0, 80)} as ${who} body ${body?.length} ${lastError}`,
          )
        }
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    expect(sent).toBeGreaterThanOrEqual(TOTAL)
    expect(failures.slice(0, 20)).toEqual([])
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
    expect(statuses.get(400) ?? 0).toBeGreaterThan(50)
    const health = await send('GET', '/api/health', {})
    expect(health).toBe(200)
  }, 60_000)
})
