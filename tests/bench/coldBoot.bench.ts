/**
 * Cold offline boot (issue 18 item 4): from navigation to the attract screen's handling of its first tap, with
 * the backend dead and the network off, so the page comes from the service worker and its data from IndexedDB
 * only, at 4× CPU, median of 10 browser launches on the same on-disk profile. Beside it, a floor in the same
 * runs, interleaved: a minimal page (one button, one IndexedDB read, one heading swap) served cache-first by a
 * service worker that precached it, on its own origin. The tap is a click dispatched in the page as soon as the
 * button is enabled; "handled" is the first task after the frame that renders the next screen's heading.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH, KIOSK_CONTEXT } from '../fixtures/playwright/e2e'
import { UI } from '../fixtures/shared/journeyPlan'
import { startBackend } from './backendProcess'
import { ensureDist } from './chromium.bench'
import { atMost, type Figure, median, round } from './figures'

const RUNS = 10
const CPU_SLOWDOWN = 4
/** Cold boot to a handled first tap may take at most this many times the floor's. */
const OF_FLOOR_LIMIT = 1.5

/** What the in-page probe records, in ms since navigation start (performance.timeOrigin). */
interface BootTimes {
  /** The button is in the DOM (the first screen rendered, maybe still waiting for its data). */
  shownAt: number
  /** The button is enabled (the data it needs read from IndexedDB) and is clicked. */
  readyAt: number
  handledAt: number
}

/**
 * Installed before any page script: clicks `button` once it is enabled and notes when the frame showing a
 * heading that reads `after` has been rendered.
 */
function probeScript(button: string, after: string): string {
  return `(() => {
  if (location.protocol !== 'http:') return
  const done = (key, value) => { window.__coldBoot = { ...(window.__coldBoot || {}), [key]: value } }
  let tapped = false
  const look = () => {
    const b = document.querySelector(${JSON.stringify(button)})
    if (b && !(window.__coldBoot || {}).shownAt) done('shownAt', performance.now())
    if (!tapped && b && !b.disabled) {
      tapped = true
      done('readyAt', performance.now())
      b.click()
    }
    const h = document.querySelector('h1')
    if (tapped && h && h.textContent.trim() === ${JSON.stringify(after)} && !(window.__coldBoot || {}).seen) {
      done('seen', true)
      requestAnimationFrame(() => setTimeout(() => done('handledAt', performance.now()), 0))
    }
  }
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
})()`
}

const FLOOR_AFTER = '已开始'
const FLOOR_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>floor</title></head><body><main><h1>政务服务自助终端</h1><button id="start" type="button" disabled>点击屏幕开始</button></main>
<script type="module" src="/floor.js"></script></body></html>`
/** The floor's page script: reads one IndexedDB record (written online on the first load), then enables the button. */
const FLOOR_JS = `const open = indexedDB.open('floor', 1)
open.onupgradeneeded = () => open.result.createObjectStore('meta')
open.onsuccess = () => {
  const tx = open.result.transaction('meta', 'readwrite')
  const store = tx.objectStore('meta')
  const read = store.get('catalog')
  read.onsuccess = () => {
    if (!read.result) store.put({ version: 1 }, 'catalog')
    const button = document.getElementById('start')
    button.addEventListener('click', () => { document.querySelector('h1').textContent = ${JSON.stringify(FLOOR_AFTER)} })
    button.disabled = false
  }
}
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/floor-sw.js')`
/** Precache on install, cache-first on fetch: what the kiosk's workbox precache does, minus workbox. */
const FLOOR_SW = `const FILES = ['/', '/floor.js']
self.addEventListener('install', (e) => e.waitUntil(caches.open('floor').then((c) => c.addAll(FILES)).then(() => self.skipWaiting())))
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()))
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url)
  e.respondWith(caches.match(url.pathname === '/index.html' ? '/' : url.pathname).then((hit) => hit || fetch(e.request)))
})`

/** The floor's origin: node:http serving the three files. */
function serveFloorPage(): Promise<{ url: string; server: Server }> {
  const files: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', FLOOR_HTML],
    '/floor.js': ['text/javascript; charset=utf-8', FLOOR_JS],
    '/floor-sw.js': ['text/javascript; charset=utf-8', FLOOR_SW],
  }
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname]
    if (!file) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-cache' }).end(file[1])
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = address && typeof address === 'object' ? address.port : 0
      resolve({ url: `http://127.0.0.1:${port}`, server })
    }),
  )
}

/** Launches Chromium on `profile` (the terminal's on-disk profile, so the service worker and IndexedDB survive). */
function launch(profile: string, offline: boolean): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    offline,
    ...KIOSK_CONTEXT,
  })
}

/** First, online boot: the service worker installs its precache and the page stores what it reads later. */
async function installOnline(profile: string, url: string, ready: string): Promise<void> {
  const context = await launch(profile, false)
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(url)
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await page.locator(ready).waitFor({ timeout: 30_000 })
  } finally {
    await context.close()
  }
}

/** One cold offline boot: a fresh browser on the profile, CPU throttled before navigating, the probe's times. */
async function coldBoot(profile: string, url: string, probe: string): Promise<BootTimes> {
  const context = await launch(profile, true)
  try {
    await context.addInitScript({ content: probe })
    const page = context.pages()[0] ?? (await context.newPage())
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
    await page.goto(url)
    const handle = await page.waitForFunction(
      () => {
        const times = (window as unknown as { __coldBoot?: BootTimes }).__coldBoot
        return times?.handledAt !== undefined ? times : null
      },
      undefined,
      { timeout: 60_000 },
    )
    return (await handle.jsonValue()) as BootTimes
  } finally {
    await context.close()
  }
}

/** Runs the kiosk's and the floor's cold offline boots interleaved, RUNS each. */
export async function coldBootFigures(): Promise<Figure[]> {
  ensureDist()
  const kioskProfile = mkdtempSync(join(tmpdir(), 'kiosk-bench-coldboot-'))
  const floorProfile = mkdtempSync(join(tmpdir(), 'kiosk-bench-coldboot-floor-'))
  const floor = await serveFloorPage()
  try {
    const backend = await startBackend()
    const kioskUrl = `${backend.url}/`
    try {
      await installOnline(kioskProfile, kioskUrl, '.attract-touch:enabled')
    } finally {
      // From here on the backend is dead: the terminal boots from its service worker and IndexedDB alone.
      await backend.stop()
    }
    await installOnline(floorProfile, `${floor.url}/`, '#start:enabled')
    const kioskProbe = probeScript('.attract-touch', UI.zh.homeTitle)
    const floorProbe = probeScript('#start', FLOOR_AFTER)
    const kiosk: BootTimes[] = []
    const floorRuns: BootTimes[] = []
    for (let i = 0; i < RUNS; i++) {
      kiosk.push(await coldBoot(kioskProfile, kioskUrl, kioskProbe))
      floorRuns.push(await coldBoot(floorProfile, `${floor.url}/`, floorProbe))
    }
    const kioskMs = median(kiosk.map((t) => t.handledAt))
    const floorMs = median(floorRuns.map((t) => t.handledAt))
    const kioskReady = median(kiosk.map((t) => t.readyAt))
    const floorReady = median(floorRuns.map((t) => t.readyAt))
    const kioskShown = median(kiosk.map((t) => t.shownAt))
    const spread = (runs: BootTimes[]) =>
      `${round(Math.min(...runs.map((t) => t.handledAt)), 0)}–${round(Math.max(...runs.map((t) => t.handledAt)), 0)} ms`
    return [
      {
        name: 'kiosk.coldBoot.offline.median',
        value: round(kioskMs, 0),
        unit: 'ms',
        note: `${RUNS} launches on one profile, backend dead, network off, CPU ${CPU_SLOWDOWN}×: navigation → home painted after the first tap (${spread(kiosk)}); attract screen rendered at ${round(kioskShown, 0)} ms, its button enabled (catalog read) at ${round(kioskReady, 0)} ms (medians)`,
      },
      {
        name: 'kiosk.coldBoot.floor.median',
        value: round(floorMs, 0),
        unit: 'ms',
        note: `the floor page in the same runs, interleaved (${spread(floorRuns)}); its button enabled at ${round(floorReady, 0)} ms (median)`,
      },
      atMost(
        'kiosk.coldBoot.ofFloor',
        round(kioskMs / floorMs, 2),
        '×',
        OF_FLOOR_LIMIT,
        `cold offline boot to a handled first tap against the floor's; to the attract button enabled alone ${round(kioskReady / floorReady, 2)}×`,
      ),
    ]
  } finally {
    floor.server.close()
    rmSync(kioskProfile, { recursive: true, force: true })
    rmSync(floorProfile, { recursive: true, force: true })
  }
}
