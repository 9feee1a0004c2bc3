/**
 * A terminal offline at its very first tap, before its service worker took control (so the session's screens
 * are neither loaded nor in a cache this page can reach): the attract screen says why nothing opened and what
 * to do, in Chinese, in English and in elder mode, and the first tap once the network is back opens the home
 * screen. The service worker is blocked, as on a terminal whose worker has not installed yet.
 */
import { expect, type Page, test } from '@playwright/test'
import { UI } from '../fixtures/shared/journeyPlan'

const ZH_ALERT = /网络不可用.*暂时无法开始办理/
const EN_ALERT = /The network is down.*cannot start yet/
const ZH_TITLE = '政务服务自助终端'
const EN_TITLE = 'Government Self-Service Terminal'
const SESSION_CHUNK = /\/assets\/sessionScreens-[\w-]+\.js$/

const fontSizeOf = (page: Page) =>
  page.getByRole('alert').evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize))

test.use({ serviceWorkers: 'block' })

test('offline before the service worker: the first tap says why, in zh, elder mode and en; online again it opens', async ({
  page,
  context,
}) => {
  const sessionRequests: string[] = []
  page.on('request', (request) => {
    if (SESSION_CHUNK.test(new URL(request.url()).pathname)) sessionRequests.push(request.url())
  })
  await page.goto('/')
  const touch = page.locator('.attract-touch')
  await expect(touch).toBeEnabled()
  await expect(page.getByRole('alert')).toHaveCount(0)

  await context.setOffline(true)
  await touch.click()
  await expect(page.getByRole('alert')).toHaveText(ZH_ALERT)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ZH_TITLE)
  expect(sessionRequests.length).toBeGreaterThan(0)
  const plainSize = await fontSizeOf(page)

  // Elder mode: the same message, in the larger type (and read aloud).
  await page.getByRole('button', { name: UI.zh.elder }).click()
  await expect(page.locator('html')).toHaveClass(/elder/)
  await touch.click()
  await expect(page.getByRole('alert')).toHaveText(ZH_ALERT)
  expect(await fontSizeOf(page)).toBeGreaterThan(plainSize)
  await page.getByRole('button', { name: UI.zh.elder }).click()

  // English (its dictionary fetched while the link was up): the message in English.
  await context.setOffline(false)
  await page.getByRole('button', { name: /English/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN_TITLE)
  await context.setOffline(true)
  await touch.click()
  await expect(page.getByRole('alert')).toHaveText(EN_ALERT)

  // The network is back: the next tap opens the session, and the message is gone.
  await context.setOffline(false)
  await touch.click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(UI.en.homeTitle)
  await expect(page.getByRole('alert')).toHaveCount(0)
})
