#!/usr/bin/env node
// Finds Chromium for the end-to-end tests: CHROMIUM_PATH, else /usr/bin/chromium, else (as root) installs
// Debian's package. Also makes sure a CJK font exists, so screenshots show Chinese rather than boxes.
// Playwright never downloads a browser here.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const isRoot = process.getuid?.() === 0
const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const missing = []

if (!existsSync(wanted)) {
  if (process.env.CHROMIUM_PATH) {
    console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist; point it at a Chromium binary.`)
    process.exit(1)
  }
  if (!isRoot) {
    console.error('Chromium not found: run `sudo apt-get install -y chromium` or set CHROMIUM_PATH.')
    process.exit(1)
  }
  missing.push('chromium')
}

const cjkFonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' })
if (cjkFonts.status !== 0 || cjkFonts.stdout.trim() === '') {
  if (isRoot) missing.push('fonts-noto-cjk')
  else
    console.warn(
      'No CJK font found: screenshots will show boxes. `sudo apt-get install fonts-noto-cjk` fixes it.',
    )
}

if (missing.length > 0) {
  console.log(`Installing Debian packages: ${missing.join(' ')} …`)
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  } catch {
    console.error(`Installing ${missing.join(' ')} failed: run \`apt-get install -y ${missing.join(' ')}\`.`)
    process.exit(1)
  }
  if (!existsSync(wanted)) {
    console.error('chromium was installed but /usr/bin/chromium is missing; set CHROMIUM_PATH.')
    process.exit(1)
  }
}
