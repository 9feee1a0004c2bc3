/**
 * The attract screen paints from index.html before any script runs (#18: first contentful paint does not wait
 * for the entry module), and the app takes over those very elements: same markup, none replaced, so there is no
 * flash and no layout shift. A tap before the catalog is there is not taken (the button is disabled).
 */
import { expect, test } from '@playwright/test'
import { UI } from '../fixtures/shared/journeyPlan'

/**
 * #app's markup with what the first start changes left out: the button's readiness and its call to action, the
 * network status, and the live region (the app announces the heading there).
 */
const comparable = (html: string) =>
  html
    .replace(/ disabled(="")?/g, '')
    .replace(/<span class="attract-cta">[^<]*<\/span>/, '<span class="attract-cta"></span>')
    .replace(/<p class="net net-o(n|ff)">[^<]*<\/p>/, '<p class="net"></p>')
    .replace(/(aria-live="polite" role="status">)[^<]*/, '$1')

test('without JavaScript the attract screen is there, its button disabled', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('政务服务自助终端')
  await expect(page.locator('.attract-touch')).toBeDisabled()
  await expect(page.locator('.attract-cta')).toHaveText('正在加载服务目录，请稍候…')
  await expect(page.getByRole('button', { name: UI.zh.elder })).toBeVisible()
  await context.close()
})

test('the app takes over the first frame: same markup, no element of it replaced', async ({
  page,
  request,
}) => {
  const served = await (await request.get('/')).text()
  const staticApp = /<div id="app">([\s\S]*?)<\/div>\s*<noscript>/.exec(served)?.[1] ?? ''
  expect(staticApp).toContain('attract-touch')
  // Before any page script: note every element removed from #app's first frame.
  await page.addInitScript(() => {
    const removed: string[] = []
    ;(window as unknown as { __removed: string[] }).__removed = removed
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.removedNodes)
          if (node instanceof Element) removed.push(node.outerHTML.slice(0, 80))
    }).observe(document, { subtree: true, childList: true })
  })
  await page.goto('/')
  await expect(page.locator('.attract-touch')).toBeEnabled()
  const liveApp = await page.locator('#app').innerHTML()
  expect(comparable(liveApp)).toBe(comparable(staticApp))
  expect(await page.evaluate(() => (window as unknown as { __removed: string[] }).__removed)).toEqual([])
})
