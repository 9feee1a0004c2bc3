/**
 * Offline fault matrix, case 6: a new service worker found in the middle of a resident's session
 * waits; the page is not reloaded under the resident, and the new version takes over at attract.
 */
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import {
  copyDist,
  disposeKioskBackend,
  ensureControlled,
  expectDeliveredExactlyOnce,
  type KioskBackend,
  QUERY_ITEM,
  Resident,
  removeDist,
  startKioskBackend,
  Tally,
} from '../fixtures/playwright/offlineE2e'

let distDir: string | undefined
let backend: KioskBackend | undefined

test.afterEach(async () => {
  await disposeKioskBackend(backend)
  removeDist(distDir)
})

/** Appended to the served sw.js: new bytes (so the browser installs a new version) that can say who they are. */
const NEW_BUILD_PROBE = `
;self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'E2E_BUILD') event.ports[0]?.postMessage('build-2')
})
`

/** Asks the controlling service worker which build it is (the first build does not answer). */
const askBuild = () =>
  new Promise<string | null>((resolve) => {
    const controller = navigator.serviceWorker.controller
    if (!controller) return resolve(null)
    const channel = new MessageChannel()
    channel.port1.onmessage = (event) => resolve(String(event.data))
    controller.postMessage({ type: 'E2E_BUILD' }, [channel.port2])
    setTimeout(() => resolve(null), 2000)
  })

const waitingState = async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null

test('6 · a service-worker update found mid-session waits for attract, then takes over', async ({ page }) => {
  test.setTimeout(120_000)
  distDir = copyDist()
  backend = await startKioskBackend({ distDir })
  const tally = new Tally()
  const resident = new Resident(page)
  await resident.open(backend.url)
  await ensureControlled(page)
  await resident.waitAttract()
  expect(await page.evaluate(askBuild)).toBeNull()

  // This document's marker: any reload loses it.
  await page.evaluate(() => {
    ;(window as unknown as { __e2eDocument: string }).__e2eDocument = 'session-page'
  })
  const marker = () =>
    page
      .evaluate(() => (window as unknown as { __e2eDocument?: string }).__e2eDocument ?? null)
      .catch(() => 'navigating')

  await resident.begin('query')
  // A new version is deployed while the resident is busy …
  appendFileSync(join(distDir, 'sw.js'), NEW_BUILD_PROBE)
  // … and the terminal's update check runs (every 30 min in production; the test asks now).
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update()
  })
  await expect.poll(() => page.evaluate(waitingState), { timeout: 15_000 }).toBe('installed')
  // The kiosk knows (workbox-window fires 'waiting' 200 ms after install); give it time to misbehave.
  await page.waitForTimeout(2000)

  const slip = await resident.finishFlow('query')
  expect(slip.state).toBe('done')
  expect(await marker(), 'the page was not reloaded during the session').toBe('session-page')
  expect(await page.evaluate(waitingState), 'the update is still waiting').toBe('installed')
  expect(await page.evaluate(askBuild)).toBeNull()

  // The session ends at attract: now the new version takes control and the page reloads once.
  await resident.rateAndFinish(5)
  tally.add(QUERY_ITEM.item.code, 5)
  tally.references.push(slip.reference)
  await expect.poll(marker, { timeout: 15_000 }).toBeNull()
  await resident.waitAttract()
  expect(await page.evaluate(askBuild)).toBe('build-2')
  expect(await page.evaluate(waitingState)).toBeNull()

  await expectDeliveredExactlyOnce(page, backend, tally)
})
