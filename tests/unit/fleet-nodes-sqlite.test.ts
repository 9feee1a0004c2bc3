/**
 * Several nodes need a shared store: asked for more than one node on SQLite (one process's file), the fleet
 * simulator stops at once with a one-line message naming what is needed.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../fixtures/node/backend/server'

describe('several nodes need a shared store', () => {
  it('the fleet with --nodes 2 on SQLite stops with a one-line message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-'))
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'mock-backend/src/fleet/main.ts', '--profile', 'district-2023', '--nodes', '2'],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir } },
      )
      let err = ''
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString()
      })
      const code = await new Promise<number | null>((done) => child.once('exit', done))
      expect(code).toBe(1)
      expect(err).toBe(
        'fleet: --nodes above 1 needs a shared store (DATABASE_URL, PostgreSQL); SQLite in DATA_DIR runs one node\n',
      )
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 30_000)
})
