/**
 * An installed terminal warms the session's code before the first tap (ui/sessionWarmup.ts): started under its
 * service worker, it loads the session's screens, child machines and Chinese text from the precache while the
 * attract screen stands idle, so nothing of it crosses the network, and the first tap finds it there (it works
 * with the network gone). A first visit, which no worker controls yet, loads none of it before the tap.
 */
import { expect, type Page, type Response, test } from '@playwright/test'
import { SESSION_WARMUP_DELAY_MS } from '../../kiosk/src/ui/sessionWarmup'
import { UI } from '../fixtures/playwright/kioskJourney'
import { ensureControlled } from '../fixtures/playwright/offlineE2e'

const SESSION_CODE = [
  /\/assets\/sessionScreens-[\w-]+\.js$/,
  /\/assets\/sessionActors-[\w-]+\.js$/,
  /\/assets\/zhSession-[\w-]+\.js$/,
]

/** The responses for the session's code the page receives from now on. */
function sessionCodeResponses(page: Page): Response[] {
  const seen: Response[] = []
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname
    if (SESSION_CODE.some((pattern) => pattern.test(path))) seen.push(response)
  })
  return seen
}

test('an installed terminal loads the session from its precache before the first tap; a first visit does not', async ({
  page,
  context,
}) => {
  const firstVisit = sessionCodeResponses(page)
  await page.goto('/')
  await expect(page.locator('.attract-touch')).toBeEnabled()
  // Longer than the warm-up's delay and its idle wait: a page no worker controlled at its start loads nothing.
  await page.waitForTimeout(SESSION_WARMUP_DELAY_MS + 2000)
  expect(firstVisit.map((response) => response.url())).toEqual([])

  await ensureControlled(page)
  await page.reload()
  const installed = sessionCodeResponses(page)
  await expect(page.locator('.attract-touch')).toBeEnabled()
  await expect.poll(() => installed.length, { timeout: 15_000 }).toBe(SESSION_CODE.length)
  expect(installed.every((response) => response.fromServiceWorker())).toBe(true)

  // The warmed code needs nothing more: with the network gone, the first tap opens the home screen.
  await context.setOffline(true)
  await page.locator('.attract-touch').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(UI.zh.homeTitle)
  expect(installed).toHaveLength(SESSION_CODE.length)
})
