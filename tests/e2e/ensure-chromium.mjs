#!/usr/bin/env node
// Finds Chromium for the end-to-end tests: CHROMIUM_PATH, else /usr/bin/chromium, else (as root) installs
// Debian's package. Playwright never downloads a browser here.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (existsSync(wanted)) process.exit(0)
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist; point it at a Chromium binary.`)
  process.exit(1)
}
if (process.getuid?.() !== 0) {
  console.error('Chromium not found: run `sudo apt-get install -y chromium` or set CHROMIUM_PATH.')
  process.exit(1)
}
console.log('Chromium not found: installing Debian package "chromium" (about 30 s)…')
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
} catch {
  console.error('Installing chromium failed: run `apt-get install -y chromium` or set CHROMIUM_PATH.')
  process.exit(1)
}
if (!existsSync(wanted)) {
  console.error('chromium was installed but /usr/bin/chromium is missing; set CHROMIUM_PATH.')
  process.exit(1)
}
