import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { runCli } from '../../services-catalog/src/cli'

const root = resolve(import.meta.dirname, '../..')
const fixture = (name: string) => resolve(root, 'tests/fixtures/catalog', name)

/** Runs the real CLI the way `npm run catalog --` does. */
function cli(...args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'services-catalog/src/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ADMIN_PASSWORD: '' },
    timeout: 60_000,
  })
  return { code: res.status, out: res.stdout, err: res.stderr }
}

describe('catalog CLI (spawned)', () => {
  it('validate: exit 0 for the clean 300-row GBK file', () => {
    const r = cli('validate', fixture('district-300.gbk.csv'))
    expect(r.err).toBe('')
    expect(r.out).toContain('300')
    expect(r.code).toBe(0)
  }, 60_000)

  it('validate: exit 1 and one line per problem for a bad file', () => {
    const r = cli('validate', fixture('bad/unknown-kind.csv'))
    expect(r.code).toBe(1)
    expect(r.err).toContain('row 4, 办理类型: 未知的办理类型 “办证” / unknown kind "办证"')
  }, 60_000)

  it('validate --json prints a machine-readable report', () => {
    const r = cli('validate', '--json', fixture('bad/script-tag.csv'))
    expect(r.code).toBe(0)
    const report = JSON.parse(r.out)
    expect(report.ok).toBe(true)
    expect(report.problems[0].code).toBe('looks_like_html')
  }, 60_000)

  it('exit 2 for usage errors: missing file, unknown command, no arguments', () => {
    expect(cli('validate', 'no/such/file.csv').code).toBe(2)
    expect(cli('frobnicate').code).toBe(2)
    expect(cli().code).toBe(2)
    const help = cli('--help')
    expect(help.code).toBe(0)
    expect(help.out).toContain('validate FILE')
  }, 60_000)
})

type Call = { method: string; url: string; headers: Record<string, string>; body: unknown }

/** A fake admin API recording what the CLI sends. */
function fakeServer(reportOk = true) {
  const calls: Call[] = []
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input)
    const headers = Object.fromEntries(new Headers(init?.headers).entries())
    const raw = init?.body
    const body =
      raw instanceof Uint8Array ? new TextDecoder().decode(raw) : raw ? JSON.parse(String(raw)) : null
    calls.push({ method: init?.method ?? 'GET', url, headers, body })
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } })
    const path = new URL(url).pathname
    if (path === '/api/auth/login')
      return body.password === 'secret'
        ? json(200, { role: 'admin', csrfToken: 'c', token: 'tok-1' })
        : json(401, { error: 'login', message: 'bad credentials' })
    if (headers.authorization !== 'Bearer tok-1') return json(401, { error: 'auth', message: 'no token' })
    switch (path) {
      case '/api/admin/catalog/validate':
        return json(200, {
          ok: reportOk,
          candidateId: 'cand-7',
          problems: reportOk
            ? []
            : [
                {
                  severity: 'error',
                  row: 3,
                  column: '办理类型',
                  code: 'unknown_kind',
                  message: { zh: '未知的办理类型 “办证”', en: 'unknown kind "办证"' },
                },
              ],
          summary: {
            rows: 2,
            items: reportOk ? 2 : 0,
            errors: reportOk ? 0 : 1,
            warnings: 0,
            departmentsCreated: [],
            unknownColumns: [],
          },
        })
      case '/api/admin/catalog/diff':
        return json(200, {
          added: [{ code: 'A-0001', name: '新事项' }],
          removed: [],
          changed: [],
          departmentsAdded: [],
          departmentsRemoved: [],
          unchanged: 1,
        })
      case '/api/admin/catalog/publish':
        return json(200, { version: 4, publishedAt: '2026-11-27T10:00:00Z', publishedBy: 'admin' })
      case '/api/admin/catalog/versions':
        return json(200, [
          {
            version: 4,
            publishedAt: '2026-11-27T10:00:00Z',
            publishedBy: 'admin',
            note: '年度更新',
            itemCount: 262,
            active: true,
          },
        ])
      case '/api/admin/catalog/rollback':
        return json(200, { version: 5, publishedAt: '2026-11-27T10:05:00Z', publishedBy: 'admin' })
    }
    return json(404, { error: 'not_found', message: path })
  }) as typeof fetch
  return { calls, fetchFn }
}

async function run(
  args: string[],
  fetchFn: typeof fetch,
  env: Record<string, string> = { ADMIN_PASSWORD: 'secret' },
) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
    fetch: fetchFn,
    cwd: root,
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('catalog CLI against the admin API', () => {
  it('publish: logs in, uploads with the bearer token, publishes the candidate with the note', async () => {
    const { calls, fetchFn } = fakeServer()
    const r = await run(
      ['publish', fixture('bad/missing-en-name.csv'), '--note', '年度更新', '--server', 'http://backend:9'],
      fetchFn,
    )
    expect(r.code).toBe(0)
    expect(r.out).toContain('published version 4')
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      'POST /api/auth/login',
      'POST /api/admin/catalog/validate',
      'POST /api/admin/catalog/publish',
    ])
    expect(calls[0]!.body).toEqual({ username: 'admin', password: 'secret' })
    expect(calls[1]!.headers['content-type']).toBe('text/csv')
    expect(calls[1]!.headers['x-file-name']).toBe('missing-en-name.csv')
    expect(String(calls[1]!.body)).toContain('社区事务受理地址查询')
    expect(calls[2]!.body).toEqual({ candidateId: 'cand-7', note: '年度更新' })
    expect(calls.every((c) => c.headers['x-api-version'] === String(API_VERSION))).toBe(true)
  })

  it('publish: exit 1 and nothing published when the server reports errors', async () => {
    const { calls, fetchFn } = fakeServer(false)
    const r = await run(['publish', fixture('bad/unknown-kind.csv')], fetchFn)
    expect(r.code).toBe(1)
    expect(r.err).toContain('row 3, 办理类型: 未知的办理类型 “办证” / unknown kind "办证"')
    expect(calls.some((c) => c.url.endsWith('/publish'))).toBe(false)
  })

  it('versions, rollback and server diff use the admin routes', async () => {
    const { calls, fetchFn } = fakeServer()
    const versions = await run(['versions', '--user', 'root'], fetchFn)
    expect(versions.code).toBe(0)
    expect(versions.out).toContain('v4')
    expect(calls[0]!.body).toEqual({ username: 'root', password: 'secret' })
    const rollback = await run(['rollback', '2'], fetchFn)
    expect(rollback.code).toBe(0)
    expect(calls.at(-1)!.body).toEqual({ version: 2 })
    const diff = await run(['diff', fixture('bad/missing-en-name.csv'), '--json'], fetchFn)
    expect(diff.code).toBe(0)
    expect(JSON.parse(diff.out).added).toEqual([{ code: 'A-0001', name: '新事项' }])
    expect(calls.at(-1)!.body).toEqual({ candidateId: 'cand-7' })
  })

  it('exit 3 on bad credentials, exit 2 without a password or with a bad version number', async () => {
    const { fetchFn } = fakeServer()
    expect((await run(['versions', '--password', 'wrong'], fetchFn)).code).toBe(3)
    expect((await run(['versions'], fetchFn, {})).code).toBe(2)
    expect((await run(['rollback', 'latest'], fetchFn)).code).toBe(2)
  })

  it('exit 3 when the server cannot be reached', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8080') })
    }) as typeof fetch
    const r = await run(['versions'], refused)
    expect(r.code).toBe(3)
    expect(r.err).toContain('ECONNREFUSED')
  })

  it('diff --against compares two local files without a server', async () => {
    const { calls, fetchFn } = fakeServer()
    const r = await run(
      ['diff', fixture('bad/missing-en-name.csv'), '--against', fixture('bad/script-tag.csv'), '--json'],
      fetchFn,
    )
    expect(r.code).toBe(0)
    const diff = JSON.parse(r.out)
    expect(diff.added.map((a: { code: string }) => a.code)).toEqual(['RS-CX-0001', 'MZ-CX-0001'])
    expect(diff.removed.map((a: { code: string }) => a.code)).toEqual(['MZ-YY-0001'])
    expect(calls).toEqual([])
  })
})
