/**
 * The ops console's supervision panel (kiosk/src/ops/SupervisionPanel.tsx) over the seeded year, in Chromium: from
 * the summary's data received (its Resource Timing `responseEnd`) to its last row painted (the panel's four cards
 * in the DOM with every row, then the first task after the next animation frame: that frame is painted), median of
 * fresh page loads. One more load is traced (Chromium's Performance trace): main-thread self time between the
 * summary's ResourceFinish and the painted mark, as scripting / style+layout / paint. Nothing is added to the page's
 * own code: an init script observes the DOM and sets the `sv:painted` user-timing mark.
 */
import { chromium, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/playwright/e2e'
import { opsContext, signInOps } from './browserPage'
import { ensureDist } from './chromium.bench'
import type { Figure } from './figures'
import { median, round } from './figures'
import type { SupervisionYear } from './supervisionYear'

/** The summary's query as the panel sends it on opening (its default warning threshold). */
export const SUMMARY_QUERY = { threshold: '1' } as const
/** Fresh page loads timed; BENCH_SUPERVISION_RENDERS=N (1 … 50) changes it. */
const RENDERS = Math.max(1, Math.min(50, Number(process.env.BENCH_SUPERVISION_RENDERS) || 7))
/** A load must show the panel within this long, or the sample fails. */
const RENDER_TIMEOUT_MS = 60_000
const SUMMARY_URL_PART = '/api/ops/supervision/summary'
const PAINTED_MARK = 'sv:painted'

/** What the init script records in the page (page time, ms). */
interface PanelTimes {
  dataAt: number | null
  domAt: number | null
  paintedAt: number | null
  nodes: number
  rows: number
}

/**
 * Runs in the page before its own scripts: watches for the panel's rendered data and marks its painting. */
export function watchPanel(marks: { summary: string; painted: string }): void {
  const times: PanelTimes = { dataAt: null, domAt: null, paintedAt: null, nodes: 0, rows: 0 }
  ;(window as unknown as { __svBench: PanelTimes }).__svBench = times
  // No named function inside (tsx would wrap it in a `__name` helper the page does not have).
  const observer = new MutationObserver(() => {
    const panel = document.querySelector('section.supervision')
    const rendered =
      panel?.getAttribute('aria-busy') !== 'true' && panel?.querySelectorAll('section.card').length === 4
    if (times.domAt !== null || !panel || !rendered) return
    times.domAt = performance.now()
    times.nodes = panel.querySelectorAll('*').length
    times.rows = panel.querySelectorAll('tbody tr').length
    observer.disconnect()
    requestAnimationFrame(() =>
      setTimeout(() => {
        times.paintedAt = performance.now()
        performance.mark(marks.painted)
        const entries = performance
          .getEntriesByType('resource')
          .filter(
            (e) =>
              e.name.includes(marks.summary) && (e as PerformanceResourceTiming).responseEnd <= times.domAt!,
          )
        const last = entries.at(-1) as PerformanceResourceTiming | undefined
        times.dataAt = last ? last.responseEnd : null
      }, 0),
    )
  })
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true }),
  )
}

/** One fresh load of /ops/, timed by the init script. */
async function timedLoad(page: Page, url: string): Promise<PanelTimes> {
  await page.goto(`${url}/ops/`)
  await page.waitForFunction(
    () => (window as unknown as { __svBench?: PanelTimes }).__svBench?.paintedAt != null,
    undefined,
    { timeout: RENDER_TIMEOUT_MS },
  )
  const times = await page.evaluate(() => (window as unknown as { __svBench: PanelTimes }).__svBench)
  if (times.dataAt === null)
    throw new Error('the panel painted, but no Resource Timing entry of its summary request')
  return times
}

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string; data?: { url?: string; requestId?: string } }
}

const SCRIPTING =
  /^(FunctionCall|EvaluateScript|TimerFire|EventDispatch|RunMicrotasks|FireAnimationFrame|MinorGC|MajorGC|v8\.|V8\.|BlinkGC|XHR)/
const LAYOUT =
  /^(UpdateLayoutTree|Layout|RecalculateStyles|HitTest|PrePaint|UpdateLayerTree|IntersectionObserver)/
const PAINT = /^(Paint|PaintImage|Layerize|Commit|CompositeLayers|UpdateLayer|RasterTask|Decode)/

/** Main-thread self time between the summary's ResourceFinish and the painted mark, by kind, in ms. */
export function traceProfile(events: TraceEvent[]): string {
  const mark = events.find((e) => e.name === PAINTED_MARK)
  if (!mark) return 'trace: no painted mark'
  const main = events.find(
    (e) => e.name === 'thread_name' && e.pid === mark.pid && e.args?.name === 'CrRendererMain',
  )
  const requestIds = new Set(
    events
      .filter((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.includes(SUMMARY_URL_PART))
      .map((e) => e.args?.data?.requestId),
  )
  const finish = events
    .filter((e) => e.name === 'ResourceFinish' && requestIds.has(e.args?.data?.requestId) && e.ts <= mark.ts)
    .at(-1)
  if (!main || !finish) return 'trace: no main thread or no ResourceFinish of the summary'
  const slices = events
    .filter(
      (e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.ts >= finish.ts && e.ts < mark.ts,
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const self = new Map<TraceEvent, number>()
  const stack: TraceEvent[] = []
  for (const e of slices) {
    while (stack.length > 0 && stack.at(-1)!.ts + (stack.at(-1)!.dur ?? 0) <= e.ts) stack.pop()
    const parent = stack.at(-1)
    if (parent) self.set(parent, (self.get(parent) ?? 0) - (e.dur ?? 0))
    self.set(e, (self.get(e) ?? 0) + (e.dur ?? 0))
    stack.push(e)
  }
  const sums = { scripting: 0, layout: 0, paint: 0, other: 0 }
  for (const [e, us] of self) {
    const kind = SCRIPTING.test(e.name)
      ? 'scripting'
      : LAYOUT.test(e.name)
        ? 'layout'
        : PAINT.test(e.name)
          ? 'paint'
          : 'other'
    sums[kind] += us / 1000
  }
  const window = (mark.ts - finish.ts) / 1000
  return `traced load ${window.toFixed(1)} ms from ResourceFinish to painted: scripting ${sums.scripting.toFixed(1)}, style+layout ${sums.layout.toFixed(1)}, paint ${sums.paint.toFixed(1)}, other main-thread ${sums.other.toFixed(1)} ms (self time)`
}

/** The panel figures against the running bench backend at `url` (seeded with `year`). */
export async function supervisionPanelFigures(url: string, year: SupervisionYear): Promise<Figure[]> {
  ensureDist()
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    const context = await opsContext(browser)
    await context.addInitScript(watchPanel, { summary: SUMMARY_URL_PART, painted: PAINTED_MARK })
    const page = await context.newPage()
    await signInOps(page, url)
    await page.locator('section.supervision section.card').first().waitFor({ timeout: RENDER_TIMEOUT_MS })
    await timedLoad(page, url)
    const samples: PanelTimes[] = []
    for (let s = 0; s < RENDERS; s++) samples.push(await timedLoad(page, url))
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'v8.execute',
      ],
    })
    await timedLoad(page, url)
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }
    const profile = traceProfile(trace.traceEvents)
    const total = samples.map((t) => t.paintedAt! - t.dataAt!)
    const toDom = samples.map((t) => t.domAt! - t.dataAt!)
    console.error(
      `  supervision panel: data → painted ${total.map((x) => x.toFixed(0)).join(', ')} ms; ${profile}`,
    )
    const last = samples.at(-1)!
    return [
      {
        name: 'ops.supervision.panel.render',
        value: round(median(total), 1),
        unit: 'ms',
        note: `/ops/ in Chromium (1920×1080), ${RENDERS} fresh loads after one warm-up: summary's responseEnd → its last row painted, median (data → rows in the DOM ${median(toDom).toFixed(1)} ms); panel of ${last.nodes} elements, ${last.rows} table rows, over ${year.cases + year.intakeCases} cases; ${profile}`,
      },
    ]
  } finally {
    await browser.close()
  }
}
