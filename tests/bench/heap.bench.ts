/**
 * Kiosk memory figure: JS heap growth over 1,000 complete resident sessions (attract → query item →
 * ID card → submit → skip rating → attract) in one page lifetime, in real Chromium against the real
 * backend, measured after forced GC. The sessions are walked by a driver injected into the page
 * (browser/kioskDriver.ts) that presses the real buttons, so the thousand take minutes, not half an hour.
 */
import { chromium } from '@playwright/test'
import { identifiedByCard, pickItem } from '../fixtures/node/catalog'
import { CHROMIUM_ARGS, CHROMIUM_PATH, KIOSK_CONTEXT } from '../fixtures/playwright/e2e'
import { cardOnlySession, UI } from '../fixtures/shared/journeyPlan'
import { withBackend } from './backendProcess'
import type { KioskDriver } from './browser/kioskDriver'
import { pageBundle } from './browserPage'
import { ensureDist } from './chromium.bench'
import { atMost, type Figure, median, percentile, round } from './figures'

/** Sessions measured after the warm-up (BENCH_HEAP_SESSIONS overrides, 10 … 5000). */
const SESSIONS = Math.max(10, Math.min(5000, Number(process.env.BENCH_HEAP_SESSIONS) || 1000))
/** Sessions run before the baseline is taken (JIT, caches, first catalog render, lazy chunks). */
const WARM_UP = 20
/** Heap is sampled after every chunk, so the note shows whether growth is linear or levels off. */
const CHUNK = 100

type DriverWindow = { __kioskDriver: KioskDriver }

/** The in-page driver (browser/kioskDriver.ts) as one script, for the heap and tap benches. */
export async function driverBundle(): Promise<string> {
  return pageBundle('kioskDriver.ts')
}

/** Runs the sessions and reports the heap after the warm-up versus after the last session. */
export async function heapFigures(): Promise<Figure[]> {
  ensureDist()
  const { department, item } = pickItem(
    'medicare',
    (i) => i.kind === '查询' && i.fields.length === 0 && identifiedByCard(i) && !i.needsPhone,
  )
  const session = cardOnlySession('zh', department.name.zh, item.name.zh)
  const script = await driverBundle()
  return withBackend(async ({ url }) => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    try {
      const context = await browser.newContext({
        baseURL: url,
        ...KIOSK_CONTEXT,
        // The page's CSP forbids inline scripts; only this bench's driver is let in.
        bypassCSP: true,
      })
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      const heapBytes = async () => {
        await cdp.send('HeapProfiler.collectGarbage')
        await cdp.send('HeapProfiler.collectGarbage')
        return (await cdp.send('Runtime.getHeapUsage')).usedSize
      }
      await page.goto('/?simDelayMs=0')
      await page.getByRole('button', { name: UI.zh.start }).and(page.locator(':enabled')).waitFor()
      await page.addScriptTag({ content: script })
      const run = (count: number) =>
        page.evaluate(
          (a) => (globalThis as unknown as DriverWindow).__kioskDriver.runSessions(a.session, a.count),
          { session, count },
        )
      await run(WARM_UP)
      const baseline = await heapBytes()
      const curve: string[] = []
      const times: number[] = []
      const started = performance.now()
      for (let done = 0; done < SESSIONS; ) {
        const count = Math.min(CHUNK, SESSIONS - done)
        times.push(...(await run(count)))
        done += count
        const heap = await heapBytes()
        curve.push(`${done}:${round((heap - baseline) / 1024, 0)}`)
        console.error(`  heap: ${done}/${SESSIONS} sessions, +${round((heap - baseline) / 1024, 0)} kB`)
      }
      const end = await heapBytes()
      const seconds = (performance.now() - started) / 1000
      const growthMb = (end - baseline) / 1048576
      return [
        atMost(
          `kiosk.heap.growth.${SESSIONS}sessions`,
          round(growthMb, 2),
          'MB',
          2,
          `used JS heap after forced GC, after ${WARM_UP} warm-up sessions → after ${SESSIONS} more (${round(baseline / 1048576, 2)} → ${round(end / 1048576, 2)} MB); kB growth by session count ${curve.join(' ')}`,
        ),
        {
          name: 'kiosk.session.driven.median',
          value: round(median(times), 0),
          unit: 'ms',
          note: `wall time of one complete query session driven in-page (real buttons, real backend), p95 ${round(percentile(times, 95), 0)} ms; ${SESSIONS} sessions in ${round(seconds, 0)} s`,
        },
      ]
    } finally {
      await browser.close()
    }
  })
}
