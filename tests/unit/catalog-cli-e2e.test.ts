/**
 * The catalog CLI as IT staff run it — `npm run catalog -- …` in a shell — against a real backend process:
 * local validation of the shipped JSON and a GBK spreadsheet, then publish / versions / rollback over HTTP.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, call, login, ROOT, type SpawnedBackend } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const run = promisify(execFile)

/** Runs `npm run catalog -- ARGS` from the repository root; resolves with exit code and both streams. */
async function catalogCli(...args: string[]) {
  try {
    const { stdout, stderr } = await run('npm', ['run', 'catalog', '--', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ADMIN_PASSWORD: '' },
      timeout: 60_000,
    })
    return { code: 0, out: stdout, err: stderr }
  } catch (e) {
    const failed = e as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? -1, out: failed.stdout ?? '', err: failed.stderr ?? '' }
  }
}

// Seeded with the small fixture catalog as version 1.
const backend = backendSession({ signIn: [] })
let server: SpawnedBackend
let auth: string[]
beforeAll(() => {
  server = backend.server
  auth = ['--server', server.url, '--user', 'admin', '--password', ADMIN_PASSWORD]
})

async function currentItemCount(): Promise<{ version: string | null; items: number }> {
  const { token } = await login(server.url, 'admin', ADMIN_PASSWORD)
  const res = await call(server.url, 'GET', '/api/admin/catalog/current', { token })
  return { version: res.headers.get('x-catalog-version'), items: res.body.items.length }
}

describe('npm run catalog (spawned CLI)', () => {
  it('validate: the shipped catalog.json passes (exit 0)', async () => {
    const r = await catalogCli('validate', 'services-catalog/data/catalog.json')
    expect(r.err).toBe('')
    expect(r.out).toMatch(/通过：\d+ 个事项/)
    expect(r.code).toBe(0)
  }, 60_000)

  it('validate: the 300-row GBK spreadsheet passes (exit 0)', async () => {
    const r = await catalogCli('validate', 'tests/fixtures/catalog/district-300.gbk.csv')
    expect(r.out).toContain('通过：300 个事项')
    expect(r.code).toBe(0)
  }, 60_000)

  it('publish → versions → rollback against the backend, with exit codes and output', async () => {
    const before = await currentItemCount()
    expect(before.version).toBe('1')

    const published = await catalogCli(
      'publish',
      'services-catalog/data/catalog.json',
      '--note',
      'CLI e2e',
      ...auth,
    )
    expect(published.out).toMatch(/已发布版本 2 \/ published version 2/)
    expect(published.code).toBe(0)
    const after = await currentItemCount()
    expect(after.version).toBe('2')
    expect(after.items).toBeGreaterThan(before.items)

    const listed = await catalogCli('versions', ...auth)
    expect(listed.code).toBe(0)
    expect(listed.out).toMatch(new RegExp(`^\\* v2 .* admin +${after.items} 项 items +CLI e2e$`, 'm'))
    expect(listed.out).toMatch(new RegExp(`^  v1 .* ${before.items} 项 items`, 'm'))

    const rolled = await catalogCli('rollback', '1', ...auth)
    expect(rolled.out).toContain('已将版本 1 重新发布为版本 3 / republished version 1 as version 3')
    expect(rolled.code).toBe(0)
    expect(await currentItemCount()).toEqual({ version: '3', items: before.items })

    const relisted = await catalogCli('versions', ...auth)
    expect(relisted.out).toMatch(/^\* v3 .*回滚至版本 1$/m)
    expect(relisted.out).toMatch(/^ {2}v2 /m)
  }, 120_000)

  it('refuses a wrong password (exit 3), a bad file (exit 1) and a missing version (exit 1)', async () => {
    const wrong = await catalogCli('versions', '--server', server.url, '--password', 'not-the-password')
    expect(wrong.code).toBe(3)
    expect(wrong.err).toContain('401')

    const bad = await catalogCli('publish', 'tests/fixtures/catalog/bad/unknown-kind.csv', ...auth)
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('办理类型')
    expect(bad.err).toContain('not published')

    const missing = await catalogCli('rollback', '99', ...auth)
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('404')
    expect((await currentItemCount()).version).toBe('3')
  }, 120_000)
})
