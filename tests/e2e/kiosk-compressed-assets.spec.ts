/**
 * The terminal over compressed static files (issue 18 item 1), in real Chromium against the real backend: the
 * page gets the build's precompressed copies in the coding its own Accept-Encoding prefers, and the service
 * worker's precache (workbox fetches with its own request headers) installs every kiosk file, each body equal
 * to the built file once decoded.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Response, test } from '@playwright/test'
import { acceptedCodings, isCompressible, suffixOf } from '../../mock-backend/src/staticEncodings'
import { ROOT } from '../fixtures/node/backend/server'
import { ensureControlled } from '../fixtures/playwright/offlineE2e'

const DIST = process.env.DIST_DIR ?? join(ROOT, 'dist')

test('the page loads precompressed files and the precache holds the built bytes', async ({ page }) => {
  // The first load, from the network: later loads come from the service worker's cache.
  const seen: Response[] = []
  const record = (res: Response) => {
    const path = new URL(res.url()).pathname
    if (!res.fromServiceWorker() && (path === '/' || path.startsWith('/assets/'))) seen.push(res)
  }
  page.on('response', record)
  await page.goto('/')
  await expect(page.locator('.attract-touch')).toBeVisible()
  page.off('response', record)

  const files = seen.map((res) => {
    const path = new URL(res.url()).pathname
    return { res, file: join(DIST, path === '/' ? 'index.html' : path) }
  })
  const compressible = files.filter(({ file }) => isCompressible(file))
  expect(compressible.length).toBeGreaterThan(2)
  let compressed = 0
  for (const { res, file } of compressible) {
    const request = await res.request().allHeaders()
    const headers = await res.allHeaders()
    const best = acceptedCodings(request['accept-encoding'])[0]
    expect(best, 'Chromium accepts at least gzip').toBeDefined()
    // Files too small to gain from compression have no copy and go out as they are.
    const hasCopy = existsSync(file + suffixOf(best!))
    if (hasCopy) compressed++
    expect(headers['content-encoding'], res.url()).toBe(hasCopy ? best : undefined)
    expect(headers.vary, res.url()).toBe('Accept-Encoding')
  }
  expect(compressed, 'the shell, the entry chunk and its CSS at least').toBeGreaterThan(2)

  await ensureControlled(page)

  // Every kiosk file in the precache decodes to the bytes the build wrote.
  const cached = await page.evaluate(async () => {
    const out: { path: string; bytes: number[] }[] = []
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      for (const request of await cache.keys()) {
        const path = new URL(request.url).pathname
        if (!path.startsWith('/assets/')) continue
        const body = new Uint8Array(await (await cache.match(request))!.arrayBuffer())
        out.push({ path, bytes: Array.from(body) })
      }
    }
    return out
  })
  const manifest = readFileSync(join(DIST, 'sw.js'), 'utf8')
  const precached = [...manifest.matchAll(/"url":"(assets\/[^"]+)"/g)].map((m) => m[1]!)
  expect(precached.length).toBeGreaterThan(2)
  expect(cached.map((c) => c.path.slice(1)).sort()).toEqual([...new Set(precached)].sort())
  for (const { path, bytes } of cached) {
    expect(Buffer.from(bytes).equals(readFileSync(join(DIST, path))), path).toBe(true)
  }
})
