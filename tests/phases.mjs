#!/usr/bin/env node
// `npm test`: runs each phase in order, stops at the first that fails, and prints every phase's time, so a slow
// phase is seen in CI's log rather than guessed from the total.
import { spawnSync } from 'node:child_process'
import { startCluster } from './system/postgres.mjs'

/**
 * The phases of `npm test`, in order: each is an npm script, run after making sure the Debian packages it needs
 * are present (tests/system/ensure-packages.mjs: installs them as root, else says how). A phase with `postgres`
 * gets TEST_DATABASE_URL: the server it names when the caller set it, else one throwaway cluster started before
 * the first such phase and stopped when `npm test` ends (tests/system/postgres.mjs).
 */
const PHASES = [
  { phase: 'typecheck', packages: [] },
  { phase: 'lint', packages: [] },
  // The HTTPS reverse-proxy test runs nginx with a self-signed certificate; the storage suite runs on PostgreSQL.
  {
    phase: 'test:unit',
    packages: ['nginx', 'openssl', 'postgresql', 'socat', 'cups', 'cups-pdf', 'poppler-utils'],
    postgres: true,
  },
  // Its npm script ensures chromium and cjk-fonts itself, so `npm run test:e2e` alone works too.
  { phase: 'test:e2e', packages: [] },
]

const times = []
let failed = null
/** The throwaway cluster, once a phase needed one (undefined with TEST_DATABASE_URL set by the caller). */
let cluster
for (const { phase, packages, postgres } of PHASES) {
  const started = performance.now()
  console.log(`\n── ${phase} ──`)
  const ensured =
    packages.length === 0 ||
    spawnSync(process.execPath, ['tests/system/ensure-packages.mjs', ...packages], { stdio: 'inherit' })
      .status === 0
  const env = { ...process.env }
  let ready = ensured
  if (ready && postgres && !process.env.TEST_DATABASE_URL) {
    try {
      if (!cluster) {
        cluster = await startCluster()
        times.push(['postgres start', cluster.seconds, true])
      }
      env.TEST_DATABASE_URL = cluster.url
    } catch (error) {
      console.error(String(error))
      ready = false
    }
  }
  const run = ready ? spawnSync('npm', ['run', '--silent', phase], { stdio: 'inherit', env }) : { status: 1 }
  const seconds = (performance.now() - started) / 1000
  times.push([phase, seconds, run.status === 0])
  if (run.status !== 0) {
    failed = phase
    break
  }
}

cluster?.stop()

console.log('\nphase          time')
for (const [phase, seconds, ok] of times)
  console.log(`${phase.padEnd(14)} ${seconds.toFixed(1).padStart(6)} s${ok ? '' : '  FAILED'}`)
// The cluster's start is inside its phase's time: it is shown, not added twice.
const total = times.reduce((sum, [phase, seconds]) => sum + (phase === 'postgres start' ? 0 : seconds), 0)
console.log(`${'total'.padEnd(14)} ${total.toFixed(1).padStart(6)} s`)
if (failed) {
  console.error(`npm test: phase ${failed} failed`)
  process.exit(1)
}
