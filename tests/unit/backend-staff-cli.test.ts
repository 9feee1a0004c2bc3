/**
 * `npm run staff` as an operator runs it: a child process on the DATA_DIR database, with the console's rules
 * (exact refusals, the last admin kept), every change audited as `cli`, and the account it creates logging in
 * to the real backend started on the same folder afterwards.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { databasePath } from '../../mock-backend/src/db/sqlite/open'
import { call, login, ROOT, spawnBackend } from '../fixtures/node/backend/server'

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-staff-cli-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** Runs the CLI; answers its exit code and output. */
async function staff(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'mock-backend/src/staffCli.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir } },
    )
    return { code: 0, out: stdout, err: stderr }
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string }
    return { code: failed.code, out: failed.stdout, err: failed.stderr }
  }
}

describe('staff CLI', () => {
  it('creates, scopes, disables, enables and resets accounts on the DATA_DIR database', async () => {
    const created = await staff('create', 'admin', 'admin')
    expect(created.code).toBe(0)
    const made = await staff('create', 'clerk.li', 'ops', 'village,town-centre')
    expect(made.out.split('\n')[0]).toBe('clerk.li\tops\tvillage,town-centre\tactive')
    const password = /shown once\): (\S+)/.exec(made.out)?.[1] ?? ''
    expect(password).toHaveLength(16)
    expect((await staff('scope', 'clerk.li', 'village')).out).toBe('clerk.li\tops\tvillage\tactive\n')
    expect((await staff('disable', 'clerk.li')).out).toBe('clerk.li\tops\tvillage\tdisabled\n')
    expect((await staff('enable', 'clerk.li')).out).toBe('clerk.li\tops\tvillage\tactive\n')
    expect((await staff('list')).out).toBe('admin\tadmin\tall\tactive\nclerk.li\tops\tvillage\tactive\n')
    const reset = await staff('reset', 'clerk.li')
    const newPassword = /shown once\): (\S+)/.exec(reset.out)?.[1] ?? ''
    expect(newPassword).not.toBe(password)

    const db = new Database(databasePath(dataDir), { readonly: true })
    try {
      const rows = db.prepare('SELECT actor_kind, actor, action, target FROM audit_log ORDER BY id').all()
      expect(rows.map((r) => Object.values(r as object).join(' '))).toEqual([
        'cli cli account.create admin',
        'cli cli account.create clerk.li',
        'cli cli account.update clerk.li',
        'cli cli account.disable clerk.li',
        'cli cli account.enable clerk.li',
        'cli cli account.reset clerk.li',
      ])
    } finally {
      db.close()
    }

    const server = await spawnBackend({ dataDir })
    try {
      const s = await login(server.url, 'clerk.li', newPassword)
      expect((await call(server.url, 'GET', '/api/ops/terminals', { token: s.token })).status).toBe(200)
    } finally {
      expect(await server.stop()).toBe(0)
    }
  }, 90_000)

  it('refuses with the exact problem and a non-zero exit code', async () => {
    expect(await staff('disable', 'admin')).toEqual({
      code: 1,
      out: '',
      err: 'staff: last_admin: admin is the last active admin: enable or create another admin first\n',
    })
    expect((await staff('create', 'clerk.li', 'ops')).err).toBe(
      'staff: account_exists: an account clerk.li already exists\n',
    )
    expect((await staff('create', 'X', 'ops')).err).toBe(
      'staff: validation: username: username must be 2–32 of a-z 0-9 . _ -, starting with a letter\n',
    )
    expect((await staff('role', 'nobody', 'ops')).err).toBe('staff: account_not_found: no account nobody\n')
    const usage = await staff('frobnicate')
    expect([usage.code, usage.err.split('\n')[0]]).toEqual([2, 'staff: unknown command frobnicate'])
  }, 90_000)
})
