#!/usr/bin/env node
// `npm test`: runs each phase in order, stops at the first that fails, and prints every phase's time, so a slow
// phase is seen in CI's log rather than guessed from the total.
import { spawnSync } from 'node:child_process'

/**
 * The phases of `npm test`, in order: each is an npm script, run after making sure the Debian packages it needs
 * are present (tests/system/ensure-packages.mjs: installs them as root, else says how).
 */
const PHASES = [
  { phase: 'typecheck', packages: [] },
  { phase: 'lint', packages: [] },
  // The HTTPS reverse-proxy test runs nginx with a self-signed certificate.
  { phase: 'test:unit', packages: ['nginx', 'openssl'] },
  // Its npm script ensures chromium and cjk-fonts itself, so `npm run test:e2e` alone works too.
  { phase: 'test:e2e', packages: [] },
]

const times = []
let failed = null
for (const { phase, packages } of PHASES) {
  const started = performance.now()
  console.log(`\n── ${phase} ──`)
  const ensured =
    packages.length === 0 ||
    spawnSync(process.execPath, ['tests/system/ensure-packages.mjs', ...packages], { stdio: 'inherit' })
      .status === 0
  const run = ensured ? spawnSync('npm', ['run', '--silent', phase], { stdio: 'inherit' }) : { status: 1 }
  const seconds = (performance.now() - started) / 1000
  times.push([phase, seconds, run.status === 0])
  if (run.status !== 0) {
    failed = phase
    break
  }
}

console.log('\nphase          time')
for (const [phase, seconds, ok] of times)
  console.log(`${phase.padEnd(14)} ${seconds.toFixed(1).padStart(6)} s${ok ? '' : '  FAILED'}`)
const total = times.reduce((sum, [, seconds]) => sum + seconds, 0)
console.log(`${'total'.padEnd(14)} ${total.toFixed(1).padStart(6)} s`)
if (failed) {
  console.error(`npm test: phase ${failed} failed`)
  process.exit(1)
}
