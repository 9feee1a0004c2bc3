#!/usr/bin/env node
// A throwaway PostgreSQL cluster for the tests, started by the project as it starts Chromium: Debian's binaries
// (/usr/lib/postgresql/<newest>/bin), `initdb` in a fresh temporary folder, a free loopback port, the unix socket
// in that folder. initdb refuses root, so as root the folder is given to the `postgres` user and every server
// command runs through `runuser -u postgres --`; as any other user they run directly.
// `node tests/system/postgres.mjs` starts one, prints its URL and keeps it until Ctrl-C (for a manual run).
import { spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where Debian installs each PostgreSQL major version's server binaries. */
const DEBIAN_ROOT = '/usr/lib/postgresql'

/** The user that owns the cluster's folder and runs the server when the tests run as root. */
const SERVER_USER = 'postgres'

/**
 * Settings for a test cluster only: small, and fast because nothing here must survive a crash. fsync, full-page
 * writes and synchronous commit are OFF, which is fine for a throwaway cluster whose folder is deleted afterwards
 * and never for a real server. max_connections leaves room for vitest's parallel workers, each with its own pool.
 */
const TEST_SETTINGS = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  full_page_writes: 'off',
  synchronous_commit: 'off',
  shared_buffers: '32MB',
  max_connections: '200',
  // The tests compare timings of their own, not the planner's: keep autovacuum out of their way.
  autovacuum: 'off',
}

/**
 * What a bench cluster changes (`startCluster({ durable: true })`): every commit reaches the disk as on a real
 * server (fsync, full-page writes, synchronous commit on, as SQLite's synchronous = FULL in the same bench), a
 * buffer cache that holds a bench's month of rollups, and autovacuum on, so a bulk-seeded table gets its
 * statistics before it is queried.
 */
const DURABLE_SETTINGS = {
  fsync: 'on',
  full_page_writes: 'on',
  synchronous_commit: 'on',
  shared_buffers: '256MB',
  autovacuum: 'on',
}

/** The newest installed major version's bin folder, or undefined when the `postgresql` package is missing. */
export function findPostgresBin() {
  if (!existsSync(DEBIAN_ROOT)) return undefined
  const majors = readdirSync(DEBIAN_ROOT)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(DEBIAN_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return majors[0] ? join(DEBIAN_ROOT, majors[0], 'bin') : undefined
}

/** A TCP port free on loopback right now (the kernel's pick). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Runs a server binary as the right user; throws with its output when it fails. */
function run(bin, command, args) {
  const asRoot = process.getuid?.() === 0
  const [file, argv] = asRoot
    ? ['runuser', ['-u', SERVER_USER, '--', join(bin, command), ...args]]
    : [join(bin, command), args]
  const result = spawnSync(file, argv, { encoding: 'utf8' })
  if (result.status !== 0)
    throw new Error(`${command} failed (${result.status}): ${(result.stderr || result.stdout || '').trim()}`)
}

/**
 * Starts a fresh cluster and returns `{ url, seconds, stop }`: `url` reaches the `postgres` database as the
 * `postgres` superuser over loopback, `stop()` stops the server (`pg_ctl stop -m fast`) and removes its folder.
 * `stop` also runs when the process exits or is interrupted, so a failing or aborted run leaves nothing behind.
 * `durable: true` (the benches) commits to disk like a real server (DURABLE_SETTINGS); the tests' default does not.
 */
export async function startCluster({ durable = false } = {}) {
  const started = performance.now()
  const bin = findPostgresBin()
  if (!bin)
    throw new Error(
      'PostgreSQL is not installed: run `apt-get install -y postgresql` (or set TEST_DATABASE_URL to an existing server).',
    )
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-pg-'))
  const data = join(folder, 'data')
  if (process.getuid?.() === 0) {
    const uid = Number(spawnSync('id', ['-u', SERVER_USER], { encoding: 'utf8' }).stdout.trim())
    const gid = Number(spawnSync('id', ['-g', SERVER_USER], { encoding: 'utf8' }).stdout.trim())
    chownSync(folder, uid, gid)
  }
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    process.off('exit', stop)
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(signal, onSignal)
    if (existsSync(join(data, 'postmaster.pid'))) {
      try {
        run(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      } catch (error) {
        console.error(String(error))
      }
    }
    rmSync(folder, { recursive: true, force: true })
  }
  const onSignal = (signal) => {
    stop()
    process.kill(process.pid, signal)
  }
  process.on('exit', stop)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, onSignal)
  try {
    // C collation: text sorts and compares byte-wise, as SQLite's BINARY collation does, so both stores order
    // ISO days, codes and keys identically.
    run(bin, 'initdb', [
      '-D',
      data,
      '--auth=trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ])
    const port = await freePort()
    const options = [
      `-p ${port}`,
      `-k ${folder}`,
      ...Object.entries({ ...TEST_SETTINGS, ...(durable ? DURABLE_SETTINGS : {}) }).map(
        ([k, v]) => `-c ${k}=${v}`,
      ),
    ]
    run(bin, 'pg_ctl', ['-D', data, '-o', options.join(' '), '-l', join(folder, 'server.log'), '-w', 'start'])
    const seconds = (performance.now() - started) / 1000
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, seconds, stop }
  } catch (error) {
    stop()
    throw error
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cluster = await startCluster()
  console.log(`PostgreSQL up in ${cluster.seconds.toFixed(1)} s: TEST_DATABASE_URL=${cluster.url}`)
  console.log('Ctrl-C stops it and removes its folder.')
  setInterval(() => {}, 1 << 30)
}
