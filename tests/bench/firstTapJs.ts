/**
 * The JS the resident page fetches before its first tap (issue 18 item 2): a fresh Chromium opens `/` from the
 * real backend serving the build, waits for the attract screen to be ready for a tap and for the page to stay
 * quiet, and sums what it fetched, as gzip −9 of each file (the figure a mobile link pays). The service worker's
 * own fetches (its script and precache) are not the page's and are not counted.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/playwright/e2e'
import { withBackend } from './backendProcess'

/** The most JS (KiB, gzip −9, every file) the page may fetch before the first tap; later features must keep it. */
export const FIRST_TAP_JS_BUDGET_KIB = 40

/** How long the page must fetch nothing more before the count is taken. */
const QUIET_MS = 3000
/** The latest the count is taken after the attract screen is ready, quiet or not. */
const QUIET_LIMIT_MS = 15_000

/** One JS file the page fetched before its first tap, with its gzip −9 size in bytes. */
export interface FetchedJs {
  file: string
  gzBytes: number
}

/** Opens the kiosk once, as a terminal's first boot, and lists the JS it fetched before the first tap. */
export async function jsBeforeFirstTap(dist: string): Promise<FetchedJs[]> {
  return withBackend(
    async ({ url }) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
      try {
        const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' })
        const fetched = new Set<string>()
        let lastFetch = performance.now()
        page.on('request', (request) => {
          const path = new URL(request.url()).pathname
          if (request.resourceType() !== 'script' && !/\.m?js$/.test(path)) return
          fetched.add(path)
          lastFetch = performance.now()
        })
        await page.goto(`${url}/`)
        await page.locator('.attract-touch:enabled').waitFor({ timeout: 30_000 })
        const ready = performance.now()
        while (performance.now() - lastFetch < QUIET_MS && performance.now() - ready < QUIET_LIMIT_MS) {
          await page.waitForTimeout(250)
        }
        return [...fetched].sort().map((path) => ({
          file: path.slice(1),
          gzBytes: gzipSync(readFileSync(join(dist, path)), { level: 9 }).length,
        }))
      } finally {
        await browser.close()
      }
    },
    { env: { DIST_DIR: dist } },
  )
}
