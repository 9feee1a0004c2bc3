/**
 * Browser figures in real Chromium on an on-disk profile, on the kiosk page served by the real backend
 * from ./dist: strict-durability outbox writes (the kiosk's own `enqueueRecord`) and per-keystroke search.
 */

import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_TERMINAL_GROUPS } from '../../mock-backend/src/demoTerminal'
import { makeDataDir, withBackend } from './backendProcess'
import { benchRecords, loadDefaultCatalog, ROOT, submittableItems } from './benchData'
import type { KioskBenchApi } from './browser/kioskBenchEntry'
import { openKioskProfile, pageBundle } from './browserPage'
import { atMost, type Figure, percentile, round } from './figures'
import { keystrokes, syntheticEntries } from './search.bench'

const ENQUEUES = 200
const WARM_UP_ENQUEUES = 10
const SEARCH_ROUNDS = 5

/** The kiosk storage and search modules as one script the page can run (CSP is bypassed for the bench only). */
async function kioskBundle(): Promise<string> {
  return pageBundle('kioskBenchEntry.ts')
}

/** Builds ./dist when it is missing (e.g. `--only kiosk.browser` without the build bench). */
export function ensureDist(): void {
  if (existsSync(join(ROOT, 'dist/index.html'))) return
  console.error('  dist/ is missing: running vite build')
  const run = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (run.status !== 0) throw new Error('vite build failed')
}

type BenchWindow = { __kioskBench: KioskBenchApi }

/** Launches Chromium on a temporary on-disk profile against a fresh backend and measures the kiosk page. */
export async function chromiumFigures(): Promise<Figure[]> {
  ensureDist()
  const bundle = await kioskBundle()
  const items = submittableItems(loadDefaultCatalog(), DEMO_TERMINAL_GROUPS)
  const records = benchRecords(items, WARM_UP_ENQUEUES + ENQUEUES)
  const entries = syntheticEntries()
  const strokes = keystrokes()
  const profile = makeDataDir('kiosk-bench-chromium-')
  try {
    return await withBackend(async ({ url }) => {
      const { context, page } = await openKioskProfile(profile, url, bundle)
      try {
        const enqueueMs = await page.evaluate(
          (a) => (globalThis as unknown as BenchWindow).__kioskBench.timeEnqueues(a.records, a.warmUp),
          { records, warmUp: WARM_UP_ENQUEUES },
        )
        console.error(`  idb enqueue: p50 ${percentile(enqueueMs, 50).toFixed(2)} ms`)
        const searchMs = await page.evaluate(
          (a) =>
            (globalThis as unknown as BenchWindow).__kioskBench.timeSearch(a.entries, a.strokes, a.rounds),
          { entries, strokes, rounds: SEARCH_ROUNDS },
        )
        return [
          atMost(
            'kiosk.idb.enqueue.p95',
            round(percentile(enqueueMs, 95), 2),
            'ms',
            20,
            `kiosk enqueueRecord (durability strict) on the kiosk page, on-disk profile, ${ENQUEUES} sequential single-record transactions after ${WARM_UP_ENQUEUES} warm-up; p50 ${round(percentile(enqueueMs, 50), 2)} ms, max ${round(Math.max(...enqueueMs), 2)} ms`,
          ),
          atMost(
            'kiosk.search.p95.chromium',
            round(percentile(searchMs, 95), 2),
            'ms',
            10,
            `Chromium; ${searchMs.length} keystrokes over ${entries.length} entries; median ${round(percentile(searchMs, 50), 2)} ms`,
          ),
        ]
      } finally {
        await context.close()
      }
    })
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}
