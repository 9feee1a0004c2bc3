/**
 * Kiosk memory figure: JS heap growth over many complete resident sessions (attract → query item →
 * ID card → submit → finish) in real Chromium against the real backend, measured after forced GC.
 * Through Playwright a session takes ~1.5 s on this machine, so the default run does 30 sessions;
 * BENCH_HEAP_SESSIONS=1000 runs the full thousand (~25 min).
 */
import { chromium } from '@playwright/test'
import { pickItem } from '../fixtures/catalog'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/e2e'
import { Kiosk } from '../fixtures/kioskJourney'
import { withBackend } from './backendProcess'
import { ensureDist } from './chromium.bench'
import { type Figure, round } from './figures'

const SESSIONS = Math.max(10, Math.min(1000, Number(process.env.BENCH_HEAP_SESSIONS) || 30))
/** Sessions run before the baseline is taken (JIT, caches, first catalog render). */
const WARM_UP = 5
/** Sessions stop after this long (at least WARM_UP + 5 are run) unless BENCH_HEAP_SESSIONS asked for more. */
const TIME_BOX_MS = process.env.BENCH_HEAP_SESSIONS ? Number.POSITIVE_INFINITY : 90_000

/** Runs the sessions and reports the heap after session WARM_UP versus after the last one. */
export async function heapFigures(): Promise<Figure[]> {
  ensureDist()
  const { department, item } = pickItem(
    'medicare',
    (i) => i.kind === '查询' && i.fields.length === 0 && i.identity.join() === '身份证' && !i.needsPhone,
  )
  return withBackend(async ({ url }) => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    try {
      const context = await browser.newContext({
        baseURL: url,
        viewport: { width: 1080, height: 1920 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        hasTouch: true,
      })
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      const heapBytes = async () => {
        await cdp.send('HeapProfiler.collectGarbage')
        return (await cdp.send('Runtime.getHeapUsage')).usedSize
      }
      const kiosk = new Kiosk(page, 'zh')
      await kiosk.open()
      let baseline = 0
      let sessions = 0
      const started = performance.now()
      for (let session = 1; session <= SESSIONS; session++) {
        if (session > WARM_UP + 5 && performance.now() - started > TIME_BOX_MS) break
        await kiosk.start()
        await kiosk.openItem(department, item)
        await kiosk.beginFlow()
        await kiosk.swipeCard()
        await kiosk.submit()
        await kiosk.skipRatingAndFinish()
        if (session === WARM_UP) baseline = await heapBytes()
        sessions = session
        if (session % 10 === 0) console.error(`  heap: ${session}/${SESSIONS} sessions`)
      }
      const end = await heapBytes()
      const perSession = (end - baseline) / (sessions - WARM_UP)
      const seconds = (performance.now() - started) / 1000
      return [
        {
          name: 'kiosk.heap.growth.perSession',
          value: round(perSession / 1024, 1),
          unit: 'kB',
          note: `used JS heap after forced GC, session ${WARM_UP} → ${sessions} (${round(baseline / 1048576, 2)} → ${round(end / 1048576, 2)} MB) in ${round(seconds, 0)} s; ≈ ${round((perSession * 1000) / 1048576, 1)} MB per 1000 sessions if linear (BENCH_HEAP_SESSIONS=1000 measures it)`,
        },
      ]
    } finally {
      await browser.close()
    }
  })
}
