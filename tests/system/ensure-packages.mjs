#!/usr/bin/env node
// Makes sure the Debian packages a test phase needs are present: `node tests/system/ensure-packages.mjs chromium
// cjk-fonts`. Each name in PACKAGES has a probe; what is missing is installed in one `apt-get update` + `apt-get
// install` when running as root, else the script fails with one line saying how to install it. Playwright never
// downloads a browser here: Chromium is Debian's (or CHROMIUM_PATH).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

/** True when `command args…` runs and exits 0. */
const runs = (command, ...args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0

/**
 * Every system package a test may need: the Debian package, a probe that says whether it is usable, and
 * whether a missing one only warns (a test still runs, just less well) when it cannot be installed.
 */
const PACKAGES = {
  chromium: {
    debian: 'chromium',
    probe: () => existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium'),
    why: 'the end-to-end tests drive real Chromium',
  },
  'cjk-fonts': {
    debian: 'fonts-noto-cjk',
    probe: () => spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim() !== '',
    why: 'screenshots show Chinese rather than boxes',
    optional: true,
  },
  nginx: { debian: 'nginx', probe: () => runs('nginx', '-v'), why: 'the HTTPS reverse-proxy test' },
  openssl: { debian: 'openssl', probe: () => runs('openssl', 'version'), why: 'self-signed certificates' },
  // Ready for the issues to come: a database server, a print queue, a serial/socket relay.
  postgresql: {
    debian: 'postgresql',
    probe: () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').length > 0,
    why: 'the PostgreSQL store',
  },
  cups: { debian: 'cups', probe: () => runs('lpstat', '-r'), why: 'printing through a print queue' },
  'cups-pdf': {
    debian: 'printer-driver-cups-pdf',
    probe: () => existsSync('/usr/lib/cups/backend/cups-pdf'),
    why: 'a PDF print queue the device-agent tests print to',
  },
  'poppler-utils': {
    debian: 'poppler-utils',
    probe: () => runs('pdftotext', '-v'),
    why: 'reading printed PDFs back as text',
  },
  socat: { debian: 'socat', probe: () => runs('socat', '-V'), why: 'relaying a device port' },
}

const names = process.argv.slice(2)
const unknown = names.filter((name) => !(name in PACKAGES))
if (names.length === 0 || unknown.length > 0) {
  console.error(
    `usage: ensure-packages.mjs <${Object.keys(PACKAGES).join('|')}>… (unknown: ${unknown.join(' ') || 'none'})`,
  )
  process.exit(2)
}
if (process.env.CHROMIUM_PATH && names.includes('chromium') && !existsSync(process.env.CHROMIUM_PATH)) {
  console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist; point it at a Chromium binary.`)
  process.exit(1)
}

const missing = names.filter((name) => !PACKAGES[name].probe())
if (missing.length === 0) process.exit(0)
const debs = missing.map((name) => PACKAGES[name].debian)
const isRoot = process.getuid?.() === 0

if (!isRoot) {
  const required = missing.filter((name) => !PACKAGES[name].optional)
  for (const name of missing.filter((n) => PACKAGES[n].optional))
    console.warn(`${name} missing (${PACKAGES[name].why}): sudo apt-get install -y ${PACKAGES[name].debian}`)
  if (required.length === 0) process.exit(0)
  const line = required.map((name) => PACKAGES[name].debian).join(' ')
  console.error(
    `Missing system packages (${required.join(', ')}): run \`sudo apt-get update && sudo apt-get install -y ${line}\`.`,
  )
  process.exit(1)
}

console.log(`Installing Debian packages: ${debs.join(' ')} …`)
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...debs], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
} catch {
  console.error(
    `Installing ${debs.join(' ')} failed: run \`apt-get update && apt-get install -y ${debs.join(' ')}\`.`,
  )
  process.exit(1)
}
const still = missing.filter((name) => !PACKAGES[name].probe())
if (still.length > 0) {
  console.error(
    `Installed, but still not usable: ${still.join(', ')}${still.includes('chromium') ? ' (set CHROMIUM_PATH)' : ''}.`,
  )
  process.exit(1)
}
