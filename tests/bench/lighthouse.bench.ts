/**
 * Lighthouse 12.2.3 scores of the kiosk home (`/` as loaded: the attract screen a resident touches first),
 * in Debian's Chromium against the real backend serving the production build. Nothing leaves 127.0.0.1:
 * Chromium runs with the closed-network flags and Lighthouse only loads the page under test.
 */
import { launch } from 'chrome-launcher'
import lighthouse from 'lighthouse'
import * as constants from 'lighthouse/core/config/constants.js'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/playwright/e2e'
import { withBackend } from './backendProcess'
import { ensureDist } from './chromium.bench'
import { atLeast, type Figure } from './figures'

/** The terminal's screen: a 1080×1920 portrait touch panel at device pixel ratio 1. */
const KIOSK_SCREEN = { mobile: false, width: 1080, height: 1920, deviceScaleFactor: 1, disabled: false }

/**
 * The scored settings: a terminal is a PC-class box on a wired LAN, so Lighthouse's desktop throttling
 * (simulated 40 ms RTT, 10 Mbit/s, no CPU slowdown) on the kiosk's own screen size. Lighthouse requires
 * `mobile: false` emulation with the desktop form factor, so touch is not emulated (the score does not use it).
 */
const KIOSK_SETTINGS = {
  formFactor: 'desktop' as const,
  throttling: constants.throttling.desktopDense4G,
  screenEmulation: KIOSK_SCREEN,
  emulatedUserAgent: constants.userAgents.desktop,
}

interface Scores {
  performance: number
  accessibility: number
  /** Audits that cost points, for the log (ids with their score or savings). */
  losses: string[]
  metrics: string
}

/** Runs one Lighthouse navigation of `url` in a fresh Chromium and returns the two category scores. */
async function runLighthouse(url: string, settings: object | null): Promise<Scores> {
  const chrome = await launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROMIUM_ARGS,
    logLevel: 'silent',
  })
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error' },
      {
        extends: 'lighthouse:default',
        settings: { onlyCategories: ['performance', 'accessibility'], ...(settings ?? {}) },
      },
    )
    if (!result) throw new Error('Lighthouse returned no result')
    const { lhr } = result
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100)
    const losses: string[] = []
    for (const id of ['performance', 'accessibility']) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id]
        if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue
        losses.push(`${id}/${ref.id}=${audit.score}${audit.displayValue ? ` (${audit.displayValue})` : ''}`)
      }
    }
    const metric = (id: string) => lhr.audits[id]?.displayValue ?? '?'
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      losses,
      metrics: `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}`,
    }
  } finally {
    chrome.kill()
  }
}

/** Lighthouse's own advice for noisy machines: score several runs and take the median. */
const RUNS = 3

/** Scores the kiosk home with the kiosk settings (median of RUNS), and once with the default mobile preset. */
export async function lighthouseFigures(): Promise<Figure[]> {
  ensureDist()
  return withBackend(async ({ url }) => {
    const runs: Scores[] = []
    for (let i = 0; i < RUNS; i++) runs.push(await runLighthouse(`${url}/`, KIOSK_SETTINGS))
    const mobile = await runLighthouse(`${url}/`, null)
    for (const [name, s] of [
      ...runs.map((r, i) => [`kiosk #${i + 1}`, r] as const),
      ['mobile', mobile] as const,
    ])
      console.error(
        `  lighthouse ${name}: perf ${s.performance}, a11y ${s.accessibility}; ${s.metrics}; losses: ${s.losses.join(', ') || 'none'}`,
      )
    const byScore = [...runs].sort((a, b) => a.performance - b.performance)
    const mid = byScore[Math.floor(RUNS / 2)]!
    const setting =
      'URL / as loaded (attract screen), desktop throttling (40 ms RTT, 10 Mbit/s, CPU 1×) on a 1080×1920 DPR 1 screen'
    return [
      atLeast(
        'kiosk.lighthouse.performance',
        mid.performance,
        '',
        95,
        `median of ${RUNS} runs (${runs.map((r) => r.performance).join(', ')}); ${setting}; median run ${mid.metrics}`,
      ),
      atLeast(
        'kiosk.lighthouse.accessibility',
        Math.min(...runs.map((r) => r.accessibility)),
        '',
        100,
        `lowest of ${RUNS} runs; ${setting}`,
      ),
      {
        name: 'kiosk.lighthouse.performance.mobilePreset',
        value: mobile.performance,
        unit: '',
        note: `diagnostic, 1 run: Lighthouse default mobile (slow 4G, CPU 4×, 412×823); ${mobile.metrics}; a11y ${mobile.accessibility}`,
      },
    ]
  })
}
