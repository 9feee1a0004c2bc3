/**
 * Bundled by heap.bench.ts and injected into the kiosk page: walks resident sessions through the real
 * buttons from inside the page, so a thousand sessions take minutes instead of a Playwright round trip
 * per click. It only clicks what a resident could press and waits for what a resident would see, walking
 * the same plan (fixtures/shared/journeyPlan.ts) as the Playwright page object.
 */
import type { JourneyStep } from '../../fixtures/shared/journeyPlan'

/** One measured tap (times from the click's timeStamp, i.e. the finger lifting). */
export interface TapSample {
  /** Until the main thread has rendered and committed the frame showing the next screen's heading. */
  ms: number
  /** Until that frame was presented, per Event Timing (rounded to 8 ms by the browser). */
  presentedMs: number
  /** Event Timing reported nothing: the click took < 16 ms and `presentedMs` is that bound. */
  presentedBelowThreshold: boolean
  from: string
  to: string
}

/** The driver's calls, on `globalThis.__kioskDriver`. */
export interface KioskDriver {
  /** Runs `count` complete sessions (attract → … → attract); resolves with each session's wall time in ms. */
  runSessions(session: JourneyStep[], count: number): Promise<number[]>
  /** Starts watching for the next tap (a trusted click) and the screen change it causes. */
  armTap(): void
  /** Resolves with the armed tap's latency once the new screen has been painted. */
  tapResult(): Promise<TapSample>
}

const TIMEOUT_MS = 15_000

/** A button's accessible name as the journeys use it: aria-label, else the item tile name, else its text. */
function nameOf(button: HTMLButtonElement): string {
  return (
    button.getAttribute('aria-label') ??
    button.querySelector('.tile-name')?.textContent ??
    button.textContent ??
    ''
  ).trim()
}

function findButton(name: string): HTMLButtonElement | null {
  for (const button of document.querySelectorAll('button')) {
    if (!button.disabled && nameOf(button) === name) return button
  }
  return null
}

function heading(): string {
  return document.querySelector('main h1')?.textContent?.trim() ?? ''
}

/** Resolves with the probe's first truthy value, re-checked on every DOM change and every 25 ms. */
function waitFor<T>(probe: () => T | null | undefined | false, what: string): Promise<T> {
  const now = probe()
  if (now) return Promise.resolve(now)
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = probe()
      if (!value) return
      done()
      resolve(value)
    }
    const observer = new MutationObserver(check)
    const poll = setInterval(check, 25)
    const timer = setTimeout(() => {
      done()
      reject(new Error(`kiosk driver: timed out waiting for ${what} (screen: "${heading()}")`))
    }, TIMEOUT_MS)
    const done = () => {
      observer.disconnect()
      clearInterval(poll)
      clearTimeout(timer)
    }
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}

async function press(name: string): Promise<void> {
  const button = await waitFor(() => findButton(name), `button "${name}"`)
  button.click()
}

async function reach(title: string): Promise<void> {
  await waitFor(() => heading() === title, `heading "${title}"`)
}

/** Opens an item from its department, paging forward when it is not on the first page. */
async function openItem({
  department,
  item,
  nextPage,
}: {
  department: string
  item: string
  nextPage: string
}) {
  await press(department)
  await reach(department)
  for (let page = 0; !findButton(item); page++) {
    if (page >= 40) throw new Error(`kiosk driver: item "${item}" not found in "${department}"`)
    await press(nextPage)
  }
  await press(item)
  await reach(item)
}

/** Walks one session's steps with real clicks, waiting for each screen the plan names. */
async function walk(session: JourneyStep[]): Promise<void> {
  for (const step of session) {
    if ('tap' in step) await press(step.tap)
    else if ('see' in step) await reach(step.see)
    else if ('seeButton' in step)
      await waitFor(() => findButton(step.seeButton), `button "${step.seeButton}"`)
    else await openItem(step.open)
  }
}

/** Event Timing does not report events shorter than this (the smallest threshold the API accepts). */
const EVENT_TIMING_THRESHOLD_MS = 16
/** Event Timing durations of clicks ≥ 16 ms, by the click's timeStamp (= the entry's startTime). */
const clickDurations = new Map<number, number>()
new PerformanceObserver((list) => {
  // Cleared on every armTap(); the cap only matters if a page clicks for real without ever arming.
  if (clickDurations.size > 100) clickDurations.clear()
  for (const entry of list.getEntries())
    if (entry.name === 'click') clickDurations.set(entry.startTime, entry.duration)
}).observe({ type: 'event', durationThreshold: EVENT_TIMING_THRESHOLD_MS } as PerformanceObserverInit)

interface Armed {
  result: Promise<TapSample>
  /** Called by the click listener with the trusted click's timeStamp. */
  onClick(timeStamp: number): void
}
let armed: Armed | null = null

// Capture on window: runs before the kiosk's own handlers, so this frame callback is queued first.
window.addEventListener(
  'click',
  (event) => {
    if (event.isTrusted) armed?.onClick(event.timeStamp)
  },
  { capture: true },
)

/** Runs `then` in the first task after the next frame's rendering (rAF runs just before it). */
function afterFrame(then: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = then
    channel.port2.postMessage(null)
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The browser's Event Timing duration of the click (tap → next frame presented), or null under 16 ms. */
async function eventTiming(click: number): Promise<number | null> {
  for (let waited = 0; waited < 1000; waited += 20) {
    const duration = clickDurations.get(click)
    if (duration !== undefined) return duration
    await sleep(20)
  }
  return null
}

/**
 * Arms the next tap. The latency is from the click's timeStamp (the finger lifting) to the first task
 * after the first frame whose rendering contains the new screen's heading: style, layout, paint and the
 * commit to the compositor are done by then. Rasterising and presenting happen off the main thread and
 * are reported separately through Event Timing.
 */
function armTap(): void {
  const from = heading()
  clickDurations.clear()
  let clicked: (timeStamp: number) => void = () => {}
  const click = new Promise<number>((resolve) => {
    clicked = resolve
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`kiosk driver: no screen change after a tap on "${from}" within ${TIMEOUT_MS} ms`)),
      TIMEOUT_MS,
    )
  })
  const result = (async () => {
    const at = await Promise.race([click, timeout])
    const painted = await Promise.race([
      new Promise<number>((resolve) => {
        const check = () => (heading() !== from ? resolve(performance.now()) : afterFrame(check))
        afterFrame(check)
      }),
      timeout,
    ])
    clearTimeout(timer)
    const presented = await eventTiming(at)
    return {
      ms: painted - at,
      presentedMs: presented ?? EVENT_TIMING_THRESHOLD_MS,
      presentedBelowThreshold: presented === null,
      from,
      to: heading(),
    }
  })()
  // Rejections surface in tapResult(); never as an unhandled rejection before it is awaited.
  result.catch(() => {})
  armed = { result, onClick: (timeStamp) => clicked(timeStamp) }
}

const driver: KioskDriver = {
  armTap,
  tapResult() {
    if (!armed) return Promise.reject(new Error('kiosk driver: tapResult() without armTap()'))
    const { result } = armed
    armed = null
    return result
  },
  async runSessions(session, count) {
    const times: number[] = []
    for (let i = 0; i < count; i++) {
      const started = performance.now()
      await walk(session)
      times.push(performance.now() - started)
    }
    return times
  },
}

;(globalThis as unknown as { __kioskDriver: KioskDriver }).__kioskDriver = driver
