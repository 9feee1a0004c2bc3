/**
 * Kiosk responsiveness figure: tap → next screen painted, over 50 real touch taps between real screens
 * (attract → home → department → item guide → back → back → search → home …) in Chromium with 4× CPU
 * throttling. Measured inside the page (browser/kioskDriver.ts) from the click's timeStamp to the first
 * task after the frame that renders the new screen's heading; Event Timing's presentation time is kept as
 * a second view. The same taps on a minimal page in the same browser give the floor this machine imposes.
 */
import { type Browser, chromium, type Locator, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH, KIOSK_CONTEXT } from '../fixtures/playwright/e2e'
import { UI } from '../fixtures/shared/journeyPlan'
import { withBackend } from './backendProcess'
import type { KioskDriver, TapSample } from './browser/kioskDriver'
import { ensureDist } from './chromium.bench'
import { atMost, type Figure, median, percentile, round } from './figures'
import { driverBundle } from './heap.bench'

const TAPS = 50
/** Fresh page loads whose first tap (attract → home, the session's chunks fetched then) is measured. */
const ATTRACT_LOADS = 5
/** Installed terminals (service worker in control) started afresh, whose first tap is measured: issue 18's figure. */
const INSTALLED_LOADS = 5
/** The session chunks an installed terminal warms from its precache before the first tap (ui/sessionWarmup.ts). */
const WARMED_CHUNKS = [/\/sessionScreens-[^/]+\.js$/, /\/sessionActors-[^/]+\.js$/, /\/zhSession-[^/]+\.js$/]
/** Quiet time after the warmed chunks arrived, for their evaluation to end before the tap. */
const WARMED_SETTLE_MS = 1000
/** Issue 18's targets, against the floor page's tap in the same run. */
const TAP_OF_FLOOR_LIMIT = 1.25
const ATTRACT_OF_FLOOR_LIMIT = 2
/** Taps of one home → … → home cycle; one cycle warms up (JIT, lazy chunks, fonts) before measuring. */
const CYCLE = 6
const CPU_SLOWDOWN = 4
const FLOOR_PATH = '/__bench/tap-floor'

/**
 * The floor: a page with the kiosk's viewport, one h1 and a 3-column grid of 16 CJK tiles whose click
 * swaps the heading and the tiles (DOM calls only). Whatever it costs is the browser and the machine.
 */
const FLOOR_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>body{margin:0;font:22px "Noto Sans CJK SC",sans-serif}main{padding:24px}.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:12px}
button{min-height:120px;font:inherit;border:1px solid #c9d0da;border-radius:12px;background:#fff}</style></head>
<body><main><h1>屏幕 0</h1><div class="grid"></div></main><script>
let n = 0
function show() {
  document.querySelector('h1').textContent = '屏幕 ' + n
  const grid = document.querySelector('.grid')
  grid.replaceChildren()
  for (let i = 0; i < 16; i++) {
    const b = document.createElement('button')
    b.type = 'button'
    b.textContent = '社会保障卡申领 ' + n + '-' + i
    b.addEventListener('click', () => { n++; show() })
    grid.append(b)
  }
}
show()
</script></body></html>`

type DriverWindow = { __kioskDriver: KioskDriver }

/** Taps the target for real (CDP touch through Playwright) and returns what the driver measured. */
async function measuredTap(page: Page, target: Locator): Promise<TapSample> {
  await target.waitFor()
  await page.evaluate(() => (globalThis as unknown as DriverWindow).__kioskDriver.armTap())
  await target.tap()
  return page.evaluate(() => (globalThis as unknown as DriverWindow).__kioskDriver.tapResult())
}

/** One cycle from home back to home: department → item guide → back → back → search → home. */
function cycle(page: Page, department: number): Array<() => Locator> {
  const t = UI.zh
  const button = (name: string) => page.getByRole('button', { name, exact: true })
  return [
    () => page.locator('main .dept-tile').nth(department),
    () => page.locator('main .item-tile').first(),
    () => button(t.back),
    () => button(t.back),
    () => button(t.search),
    () => button(t.home),
  ]
}

/** A page in the shared context with the given CPU slowdown. */
async function throttledPage(browser: Browser, url: string, script: string) {
  const context = await browser.newContext({ baseURL: url, ...KIOSK_CONTEXT })
  // Installed before the page's own scripts, so the kiosk's CSP does not have to be bypassed.
  await context.addInitScript({ content: script })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  return { page, throttle: (rate: number) => cdp.send('Emulation.setCPUThrottlingRate', { rate }) }
}

/** Runs kiosk taps and floor taps interleaved cycle by cycle, so both see the same machine load. */
export async function tapFigures(): Promise<Figure[]> {
  ensureDist()
  const script = await driverBundle()
  return withBackend(async ({ url }) => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    try {
      const kiosk = await throttledPage(browser, url, script)
      const floor = await throttledPage(browser, url, script)
      const start = (page: Page) =>
        page.getByRole('button', { name: UI.zh.start }).and(page.locator(':enabled'))
      await floor.page.route(`**${FLOOR_PATH}`, (route) =>
        route.fulfill({ contentType: 'text/html; charset=utf-8', body: FLOOR_HTML }),
      )
      await floor.page.goto(FLOOR_PATH)
      await kiosk.page.goto('/')
      await start(kiosk.page).waitFor()
      await kiosk.throttle(CPU_SLOWDOWN)
      await floor.throttle(CPU_SLOWDOWN)
      const attractTaps = [await measuredTap(kiosk.page, start(kiosk.page))]
      const departments = await kiosk.page.locator('main .dept-tile').count()
      const samples: TapSample[] = []
      const floorSamples: TapSample[] = []
      for (let n = 0; samples.length < TAPS + CYCLE; n++) {
        for (const target of cycle(kiosk.page, n % departments))
          samples.push(await measuredTap(kiosk.page, target()))
        for (let i = 0; i < CYCLE; i++)
          floorSamples.push(await measuredTap(floor.page, floor.page.locator('main button').nth(i)))
      }
      // More first taps, each on a fresh page in a fresh context (nothing cached but what a new visitor has).
      while (attractTaps.length < ATTRACT_LOADS) {
        const fresh = await throttledPage(browser, url, script)
        try {
          await fresh.page.goto('/')
          await start(fresh.page).waitFor()
          await fresh.throttle(CPU_SLOWDOWN)
          attractTaps.push(await measuredTap(fresh.page, start(fresh.page)))
        } finally {
          await fresh.page.context().close()
        }
      }
      // An installed terminal as it starts every morning: its service worker in control from the navigation on,
      // the session's code warmed from the precache while the attract screen stood idle.
      const installedTaps: TapSample[] = []
      while (installedTaps.length < INSTALLED_LOADS) {
        const terminal = await throttledPage(browser, url, script)
        try {
          await terminal.page.goto('/')
          await start(terminal.page).waitFor()
          await terminal.page.evaluate(async () => {
            await navigator.serviceWorker.ready
          })
          // A page the worker claimed midway did not start controlled: the terminal's next start does.
          await terminal.page.reload()
          await start(terminal.page).waitFor()
          if (!(await terminal.page.evaluate(() => navigator.serviceWorker.controller !== null)))
            throw new Error('the reloaded kiosk is not controlled by its service worker')
          await terminal.throttle(CPU_SLOWDOWN)
          await terminal.page.waitForFunction(
            (sources) =>
              sources.every((source) =>
                performance
                  .getEntriesByType('resource')
                  .some((entry) => new RegExp(source).test(new URL(entry.name).pathname)),
              ),
            WARMED_CHUNKS.map((pattern) => pattern.source),
            { timeout: 30_000 },
          )
          await terminal.page.waitForTimeout(WARMED_SETTLE_MS)
          installedTaps.push(await measuredTap(terminal.page, start(terminal.page)))
        } finally {
          await terminal.page.context().close()
        }
      }
      const attractMs = median(attractTaps.map((t) => t.ms))
      const installedMs = median(installedTaps.map((t) => t.ms))
      const measured = samples.slice(CYCLE, CYCLE + TAPS)
      const floorMeasured = floorSamples.slice(CYCLE, CYCLE + TAPS)
      const ms = measured.map((s) => s.ms)
      const floorMs = floorMeasured.map((s) => s.ms)
      const presented = measured.map((s) => s.presentedMs)
      const slowest = measured.reduce((a, b) => (b.ms > a.ms ? b : a))
      const floorMedian = median(floorMs)
      return [
        {
          name: 'kiosk.tap.latency.median',
          value: round(median(ms), 1),
          unit: 'ms',
          note: `${TAPS} touch taps, CPU ${CPU_SLOWDOWN}×, 1080×1920, click timeStamp → first task after the frame rendering the next screen's h1 (home/department/guide/search cycle, 1 warm-up cycle); slowest ${round(slowest.ms, 0)} ms (${slowest.from} → ${slowest.to})`,
        },
        atMost(
          'kiosk.tap.ofFloor',
          round(median(ms) / floorMedian, 2),
          '×',
          TAP_OF_FLOOR_LIMIT,
          `median tap against the floor page's (${round(floorMedian, 1)} ms), measured alongside, interleaved cycle by cycle`,
        ),
        {
          name: 'kiosk.tap.attractToHome.median',
          value: round(installedMs, 0),
          unit: 'ms',
          note: `the first tap of ${INSTALLED_LOADS} installed terminals started afresh (service worker in control, the session's code warmed from its precache while the attract screen stood idle), CPU ${CPU_SLOWDOWN}×: ${installedTaps.map((t) => round(t.ms, 0)).join(', ')} ms`,
        },
        atMost(
          'kiosk.tap.attractToHome.ofFloor',
          round(installedMs / floorMedian, 2),
          '×',
          ATTRACT_OF_FLOOR_LIMIT,
          `attract → home on an installed terminal against the floor page's median tap (${round(floorMedian, 1)} ms) in the same run`,
        ),
        {
          name: 'kiosk.tap.attractToHome.firstVisit.median',
          value: round(attractMs, 0),
          unit: 'ms',
          note: `reported: the first tap of ${ATTRACT_LOADS} first visits (nothing installed; the session's screens and text fetched over the network at that tap), CPU ${CPU_SLOWDOWN}×: ${attractTaps.map((t) => round(t.ms, 0)).join(', ')} ms; ${round(attractMs / floorMedian, 1)}× the floor's tap`,
        },
        {
          name: 'kiosk.tap.latency.p95',
          value: round(percentile(ms, 95), 1),
          unit: 'ms',
          note: `same ${TAPS} taps; floor page p95 ${round(percentile(floorMs, 95), 1)} ms`,
        },
        {
          name: 'kiosk.tap.presented.median',
          value: round(median(presented), 1),
          unit: 'ms',
          note: `same taps, Event Timing click duration (to frame presentation, software compositing in headless; 8 ms granularity, < 16 ms counted as 16: ${measured.filter((s) => s.presentedBelowThreshold).length}×); p95 ${round(percentile(presented, 95), 1)} ms; floor page median ${round(median(floorMeasured.map((s) => s.presentedMs)), 1)} ms`,
        },
        {
          name: 'kiosk.tap.floor.median',
          value: round(floorMedian, 1),
          unit: 'ms',
          note: `diagnostic: the same measurement on a minimal 16-tile page in the same browser, interleaved with the kiosk taps, CPU ${CPU_SLOWDOWN}× (what this machine's load and the browser cost)`,
        },
      ]
    } finally {
      await browser.close()
    }
  })
}
