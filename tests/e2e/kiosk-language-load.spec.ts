/**
 * English is fetched when a resident chooses it, not before (issue 18 item 2): the switch waits for the
 * dictionary, so an English screen is never shown in Chinese, shows a spinner when the wait passes 300 ms, and
 * offline the dictionary comes from the service worker's precache.
 */
import { expect, type Page, test } from '@playwright/test'
import { ensureControlled } from '../fixtures/playwright/offlineE2e'

const EN_CHUNK = /\/assets\/en-[\w-]+\.js$/
const EN_TITLE = 'Government Self-Service Terminal'
const ZH_TITLE = '政务服务自助终端'

const switchButton = (page: Page) => page.getByRole('button', { name: /English|简体中文/ })

/** Records, on every DOM change, whether the page says English while its heading is still Chinese. */
async function watchForChineseUnderEnglish(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __chineseUnderEnglish: number }
    w.__chineseUnderEnglish = 0
    const check = () => {
      const heading = document.querySelector('main h1')?.textContent ?? ''
      if (document.documentElement.lang === 'en' && /[\u4e00-\u9fff]/.test(heading)) w.__chineseUnderEnglish++
    }
    new MutationObserver(check).observe(document.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    })
  })
}

test.describe('without the service worker (every request seen by the test)', () => {
  test.use({ serviceWorkers: 'block' })

  test('English loads only when chosen; the switch waits for it, with a spinner past 300 ms', async ({
    page,
  }) => {
    const enRequests: string[] = []
    page.on('request', (request) => {
      if (EN_CHUNK.test(new URL(request.url()).pathname)) enRequests.push(request.url())
    })
    // A slow link: the dictionary takes 1.2 s to arrive.
    await page.route(EN_CHUNK, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1200))
      await route.continue()
    })
    await page.goto('/')
    await expect(page.locator('.attract-touch')).toBeEnabled()
    // The old build fetched it one second after the first render; nothing asks for it now.
    await page.waitForTimeout(2000)
    expect(enRequests).toEqual([])

    await watchForChineseUnderEnglish(page)
    await switchButton(page).click()
    await expect(switchButton(page)).toHaveAttribute('aria-busy', 'true')
    expect(enRequests).toHaveLength(1)
    // Under 300 ms no spinner flickers; the page still says Chinese, in Chinese.
    await expect(page.locator('.spinner-inline')).toHaveCount(0)
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await expect(page.locator('.spinner-inline')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ZH_TITLE)

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN_TITLE)
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.locator('.spinner-inline')).toHaveCount(0)
    await expect(switchButton(page)).toHaveAttribute('aria-busy', 'false')
    expect(
      await page.evaluate(
        () => (window as unknown as { __chineseUnderEnglish: number }).__chineseUnderEnglish,
      ),
    ).toBe(0)

    // Back to Chinese and to English again: the dictionary is there now, so no second fetch and no wait.
    await switchButton(page).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ZH_TITLE)
    await switchButton(page).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN_TITLE)
    expect(enRequests).toHaveLength(1)
  })
})

test('offline, English comes from the service worker’s precache', async ({ page, context }) => {
  await page.goto('/')
  await ensureControlled(page)
  await expect(page.locator('.attract-touch')).toBeEnabled()
  await context.setOffline(true)
  await switchButton(page).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN_TITLE)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await context.setOffline(false)
})
