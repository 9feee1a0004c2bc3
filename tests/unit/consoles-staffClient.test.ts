import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ApiError,
  createStaffClient,
  parseRetryAfter,
  toApiError,
} from '../../kiosk/src/consoles/staffClient'
import { supervisionCsvUrls } from '../../kiosk/src/ops/supervisionApi'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { csvPath, routePath } from '../../mock-backend/src/contract/fetchRoute'
import { ADMIN_ROUTES, OPS_ROUTES } from '../../mock-backend/src/contract/staffRoutes'

type Call = { url: string; init: RequestInit }

function fakeFetch(answers: Record<string, () => Response>) {
  const calls: Call[] = []
  const impl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    calls.push({ url, init: init ?? {} })
    const answer = answers[`${init?.method ?? 'GET'} ${url}`]
    if (!answer) throw new TypeError('offline')
    return answer()
  }
  return { calls, impl: impl as typeof fetch }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })

const header = (call: Call | undefined, name: string) =>
  (call?.init.headers as Record<string, string> | undefined)?.[name]

describe('staffClient', () => {
  it('sends the CSRF token from login on POST but not on GET, and the API version on both', async () => {
    const { calls, impl } = fakeFetch({
      'POST /api/auth/login': () => json(200, { role: 'admin', csrfToken: 'tok-1', token: 't' }),
      'GET /api/admin/terminals': () => json(200, []),
      'POST /api/admin/terminals': () =>
        json(200, { id: 'x', enrolCode: 'ABC123', expiresAt: '2026-03-04T00:00:00Z' }),
    })
    const client = createStaffClient({ fetch: impl })
    await client.login('admin', 'pw')
    await client.call(ADMIN_ROUTES.terminals)
    await client.call(ADMIN_ROUTES.createTerminal, { body: { name: 'a', location: 'b', groups: [] } })
    expect(header(calls[1], 'X-CSRF-Token')).toBeUndefined()
    expect(header(calls[2], 'X-CSRF-Token')).toBe('tok-1')
    expect(header(calls[2], 'X-Api-Version')).toBe(String(API_VERSION))
    expect(header(calls[1], 'X-Api-Version')).toBe(String(API_VERSION))
    expect(calls[2]?.init.credentials).toBe('same-origin')
  })

  it('restores the session with /me and takes its CSRF token', async () => {
    const { calls, impl } = fakeFetch({
      'GET /api/auth/me': () => json(200, { username: 'ops', role: 'ops', csrfToken: 'tok-me' }),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    })
    const client = createStaffClient({ fetch: impl })
    expect(await client.me()).toMatchObject({ username: 'ops' })
    await client.logout()
    expect(header(calls[1], 'X-CSRF-Token')).toBe('tok-me')
  })

  it('answers null from /me when nobody is logged in', async () => {
    const { impl } = fakeFetch({
      'GET /api/auth/me': () => json(401, { error: 'unauthorized', message: 'no session' }),
    })
    expect(await createStaffClient({ fetch: impl }).me()).toBeNull()
  })

  it('reports 429 with the Retry-After delay', async () => {
    const { impl } = fakeFetch({
      'POST /api/auth/login': () =>
        json(429, { error: 'rate_limited', message: 'slow down' }, { 'Retry-After': '42' }),
    })
    const error = await createStaffClient({ fetch: impl })
      .login('a', 'b')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(429)
    expect((error as ApiError).retryAfterSec).toBe(42)
  })

  it('tells listeners when a staff call answers 401, but not for a failed login', async () => {
    const { impl } = fakeFetch({
      'POST /api/auth/login': () => json(401, { error: 'bad_credentials', message: 'no' }),
      'GET /api/ops/terminals': () => json(401, { error: 'unauthorized', message: 'expired' }),
    })
    const client = createStaffClient({ fetch: impl })
    let fired = 0
    client.onUnauthorized(() => fired++)
    await client.login('a', 'b').catch(() => {})
    expect(fired).toBe(0)
    const error = await client.call(OPS_ROUTES.fleet).catch((e: unknown) => e)
    expect(fired).toBe(1)
    expect((error as ApiError).code).toBe('unauthorized')
  })

  it('turns a network failure into status 0', async () => {
    const { impl } = fakeFetch({})
    const error = await createStaffClient({ fetch: impl })
      .call(OPS_ROUTES.fleet)
      .catch((e: unknown) => e)
    expect((error as ApiError).status).toBe(0)
    expect((error as ApiError).code).toBe('network')
  })

  it('builds a route call from the table: method, filled-in path, query and headers', async () => {
    const { calls, impl } = fakeFetch({
      'POST /api/auth/login': () => json(200, { role: 'ops', csrfToken: 'tok-3' }),
      'POST /api/ops/supervision/follow-ups/7': () => json(200, { id: 7 }),
      'GET /api/ops/supervision/summary?threshold=2&from=2026-01-01': () =>
        json(200, { today: '2026-03-02' }),
    })
    const client = createStaffClient({ fetch: impl })
    await client.login('ops', 'pw')
    expect(
      await client.call(OPS_ROUTES.updateFollowUp, { params: { id: 7 }, body: { contactNote: '已联系' } }),
    ).toEqual({ id: 7 })
    // Undefined query fields are left out; the rest keep their order.
    await client.call(OPS_ROUTES.supervisionSummary, {
      query: { threshold: 2, from: '2026-01-01', to: undefined },
    })
    const [, post, get] = calls
    expect(post?.url).toBe('/api/ops/supervision/follow-ups/7')
    expect(post?.init.method).toBe('POST')
    expect(post?.init.body).toBe(JSON.stringify({ contactNote: '已联系' }))
    expect(post?.init.headers).toEqual({
      'X-Api-Version': String(API_VERSION),
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-CSRF-Token': 'tok-3',
    })
    expect(get?.url).toBe('/api/ops/supervision/summary?threshold=2&from=2026-01-01')
    expect(get?.init.method).toBe('GET')
    expect(get?.init.body).toBeUndefined()
    expect(get?.init.headers).toEqual({ 'X-Api-Version': String(API_VERSION), Accept: 'application/json' })
  })

  it('URL-encodes path parameters and refuses a route call that leaves one out', () => {
    expect(routePath(ADMIN_ROUTES.updateTerminal, { id: 'a/b c' })).toBe('/api/admin/terminals/a%2Fb%20c')
    // @ts-expect-error: the path names :id, so the parameters must too
    expect(() => routePath(ADMIN_ROUTES.updateTerminal, {})).toThrow(':id')
    // @ts-expect-error: the fleet route reads no query
    routePath(OPS_ROUTES.fleet, undefined, { all: 1 })
  })

  it('builds the CSV download links from the route table', () => {
    expect(csvPath(OPS_ROUTES.dailyCounts, { from: '2026-03-01', to: '2026-03-07', by: 'item' })).toBe(
      '/api/ops/daily-counts?from=2026-03-01&to=2026-03-07&by=item&format=csv',
    )
    expect(
      supervisionCsvUrls({
        warnings: { threshold: 1, rows: [], byDepartment: [] },
        yellowCards: {
          from: '2026-01',
          to: '2026-03',
          rows: [],
          byDepartmentMonth: [],
          byDepartment: [],
          byChannel: [],
        },
        ratings: {
          from: '2026-01-01',
          to: '2026-03-02',
          figures: {} as Parameters<typeof supervisionCsvUrls>[0]['ratings']['figures'],
          byChannel: [],
        },
      }),
    ).toEqual({
      warnings: '/api/ops/supervision/warnings?threshold=1&format=csv',
      yellowCards: '/api/ops/supervision/yellow-cards?from=2026-01&to=2026-03&format=csv',
      ratings: '/api/ops/supervision/ratings?from=2026-01-01&to=2026-03-02&format=csv',
      followUps: '/api/ops/supervision/follow-ups?status=all&format=csv',
    })
  })

  it('uploads with XMLHttpRequest, reporting progress and the percent-encoded file name', async () => {
    const headers: Record<string, string> = {}
    const progress: unknown[] = []
    let sent: unknown = null
    class FakeXhr {
      status = 0
      responseText = ''
      upload: { onprogress: ((e: unknown) => void) | null; onload: (() => void) | null } = {
        onprogress: null,
        onload: null,
      }
      onload: (() => void) | null = null
      onerror: (() => void) | null = null
      open(method: string, url: string) {
        headers[':request'] = `${method} ${url}`
      }
      setRequestHeader(name: string, value: string) {
        headers[name] = value
      }
      getResponseHeader() {
        return null
      }
      send(body: unknown) {
        sent = body
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 })
        this.upload.onload?.()
        this.status = 200
        this.responseText = JSON.stringify({ ok: true, candidateId: 'c1' })
        this.onload?.()
      }
    }
    const { impl } = fakeFetch({
      'POST /api/auth/login': () => json(200, { role: 'admin', csrfToken: 'tok-2' }),
    })
    const client = createStaffClient({
      fetch: impl,
      createXhr: () => new FakeXhr() as unknown as XMLHttpRequest,
    })
    await client.login('admin', 'pw')
    const file = new Blob(['code,name'], { type: 'text/csv' })
    const answer = await client.upload(ADMIN_ROUTES.validate, file, {
      fileName: '事项.csv',
      contentType: 'text/csv',
      onProgress: (p) => progress.push(p),
    })
    expect(answer.candidateId).toBe('c1')
    expect(sent).toBe(file)
    expect(headers[':request']).toBe('POST /api/admin/catalog/validate')
    expect(headers['X-CSRF-Token']).toBe('tok-2')
    expect(headers['X-File-Name']).toBe(encodeURIComponent('事项.csv'))
    expect(headers['Content-Type']).toBe('text/csv')
    expect(progress).toEqual([
      { phase: 'uploading', fraction: 0 },
      { phase: 'uploading', fraction: 0.5 },
      { phase: 'validating' },
    ])
  })
})

describe('error parsing', () => {
  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('30')).toBe(30)
    expect(
      parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2026, 0, 1)),
    ).toBe(10)
    expect(parseRetryAfter(null)).toBeNull()
    expect(parseRetryAfter('soon')).toBeNull()
  })
  it('keeps the backend code and message, and survives non-JSON bodies', () => {
    const e = toApiError(409, JSON.stringify({ error: 'has_errors', message: 'row 3: code missing' }), null)
    expect(e.code).toBe('has_errors')
    expect(e.message).toBe('row 3: code missing')
    expect(toApiError(502, '<html>bad gateway</html>', null).code).toBe('http_502')
  })
})

describe('route table split', () => {
  /** Every source file under a folder. */
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    )
  it('keeps the staff routes out of the terminal: only console code (admin, ops, the helper console) imports them', () => {
    const root = join(import.meta.dirname, '../..')
    const terminalSide = [
      ...sources(join(root, 'kiosk/src')).filter((f) => !/kiosk\/src\/(admin|ops|consoles|helper)\//.test(f)),
      join(root, 'mock-backend/src/contract/routes.ts'),
      join(root, 'mock-backend/src/contract/fetchRoute.ts'),
    ]
    const offenders = terminalSide
      .filter((f) => /from '[^']*staffRoutes'/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
    expect(offenders).toEqual([])
    expect(terminalSide.length).toBeGreaterThan(20)
  })
})
