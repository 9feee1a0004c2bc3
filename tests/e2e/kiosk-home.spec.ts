/**
 * The resident home and browsing screens at 1080×1920: every department on one page, elder mode
 * (type ≥ 1.5× larger, fewer tiles per page), pinyin-initials search, touch-target sizes and gaps,
 * no links leaving the terminal, zoom allowed to assistive tools but pinch blocked, and the README
 * screenshots.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { defaultCatalog, pickItem } from '../fixtures/node/catalog'
import { drivable, Kiosk, nameIn, UI } from '../fixtures/playwright/kioskJourney'

const ARTIFACTS = join(import.meta.dirname, '../artifacts/screenshots')
const README_SHOTS = join(import.meta.dirname, '../screenshots')
mkdirSync(ARTIFACTS, { recursive: true })

const catalog = defaultCatalog()
const activeDepartments = catalog.departments.filter((d) =>
  catalog.items.some((i) => i.department === d.code && i.status === '有效'),
)

/** Computed font size (px) of the first department tile. */
const tileFontSize = (page: Page) =>
  page
    .locator('.dept-tile')
    .first()
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))

test('home shows every department at once, bigger in elder mode with fewer per page', async ({ page }) => {
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.open()
  await kiosk.start()
  const tiles = page.locator('.dept-tile')
  await expect(tiles).toHaveCount(activeDepartments.length)
  for (const d of activeDepartments) await expect(kiosk.button(d.name.zh)).toBeVisible()
  // All of them inside the first screen, with the hot items below.
  const lastTile = await tiles.last().boundingBox()
  expect(lastTile && lastTile.y + lastTile.height).toBeLessThan(1920)
  await expect(page.getByRole('heading', { level: 2, name: '热门事项' })).toBeVisible()
  await expect(page.locator('.btn-search svg')).toBeVisible()
  await expect(kiosk.button(UI.zh.search)).not.toContainText('🔍')
  const normal = await tileFontSize(page)
  await page.screenshot({ path: join(ARTIFACTS, 'home-zh.png') })

  await kiosk.toggleElder()
  await expect(kiosk.button(UI.zh.elder)).toHaveAttribute('aria-pressed', 'true')
  const elder = await tileFontSize(page)
  expect(elder / normal).toBeGreaterThanOrEqual(1.5)
  const perPage = await tiles.count()
  expect(perPage).toBeLessThan(activeDepartments.length)
  expect(perPage).toBeLessThanOrEqual(6)
  await expect(kiosk.button(UI.zh.nextPage).first()).toBeEnabled()
  await page.screenshot({ path: join(ARTIFACTS, 'elder-zh.png') })
  copyFileSync(join(ARTIFACTS, 'elder-zh.png'), join(README_SHOTS, 'kiosk-elder.png'))
  // Paging reaches the last department.
  const last = activeDepartments.at(-1)?.name.zh ?? ''
  for (let i = 0; i < 10 && !(await kiosk.button(last).isVisible()); i++)
    await kiosk.button(UI.zh.nextPage).first().click()
  await expect(kiosk.button(last)).toBeVisible()
})

test('home in English', async ({ page }) => {
  const kiosk = new Kiosk(page, 'en')
  await kiosk.open()
  await kiosk.start()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  for (const d of activeDepartments) await expect(kiosk.button(nameIn(d.name, 'en'))).toBeVisible()
  await page.screenshot({ path: join(ARTIFACTS, 'home-en.png') })
})

test('pinyin initials "sbk" find a 社保卡 item and open its guide', async ({ page }) => {
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.open()
  await kiosk.start()
  await kiosk.button(UI.zh.search).click()
  const keyboard = page.getByRole('group', { name: '搜索内容', exact: true })
  for (const ch of 'sbk') await keyboard.getByRole('button', { name: ch, exact: true }).click()
  await expect(page.getByRole('textbox', { name: '搜索内容' })).toHaveValue('sbk')
  const hit = page
    .getByRole('region', { name: '搜索事项' })
    .getByRole('button')
    .filter({ hasText: '社保卡' })
    .first()
  await expect(hit).toBeVisible()
  const name = ((await hit.locator('.tile-name').textContent()) ?? '').trim()
  expect(catalog.items.some((i) => i.name.zh === name && i.status === '有效')).toBe(true)
  await page.screenshot({ path: join(ARTIFACTS, 'search-zh.png') })
  await hit.click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(kiosk.button(UI.zh.guideStart)).toBeVisible()
})

/** Every visible button is ≥ 64×64 and ≥ 12 px from its neighbours; no link leaves the origin. */
async function checkTargets(page: Page, screen: string) {
  const found = await page.evaluate(() => {
    const boxes = Array.from(document.querySelectorAll('button'))
      .filter((b) => b.checkVisibility() && b.getClientRects().length > 0)
      .map((b) => {
        const r = b.getBoundingClientRect()
        return {
          name: (b.getAttribute('aria-label') ?? b.textContent ?? '').trim(),
          x: r.x,
          y: r.y,
          w: r.width,
          h: r.height,
        }
      })
    const links = Array.from(document.querySelectorAll('a[href]')).map((a) => (a as HTMLAnchorElement).href)
    return { boxes, links, origin: location.origin }
  })
  expect(found.boxes.length, `${screen}: no buttons found`).toBeGreaterThan(0)
  const small = found.boxes.filter((b) => b.w < 64 || b.h < 64).map((b) => `${b.name} ${b.w}×${b.h}`)
  expect(small, `${screen}: targets under 64×64`).toEqual([])
  const tight: string[] = []
  found.boxes.forEach((a, i) => {
    for (const b of found.boxes.slice(i + 1)) {
      const gapX = Math.max(b.x - (a.x + a.w), a.x - (b.x + b.w))
      const gapY = Math.max(b.y - (a.y + a.h), a.y - (b.y + b.h))
      // Neighbours overlap on one axis; their distance on the other must be ≥ 12 px (0.5 px rounding).
      const gap = Math.max(gapX, gapY)
      if (gap < 11.5) tight.push(`${a.name} ↔ ${b.name}: ${gap.toFixed(1)} px`)
    }
  })
  expect(tight, `${screen}: targets closer than 12 px`).toEqual([])
  const leaving = found.links.filter((href) => new URL(href).origin !== found.origin)
  expect(leaving, `${screen}: links leaving the terminal`).toEqual([])
}

for (const elder of [false, true]) {
  test(`touch targets ≥ 64 px with ≥ 12 px gaps on the main screens${elder ? ' (elder mode)' : ''}`, async ({
    page,
  }) => {
    const { department, item } = pickItem('hrss', (i) => i.kind === '预约' && drivable(i) && i.needsPhone)
    const kiosk = new Kiosk(page, 'zh')
    await kiosk.open()
    if (elder) await kiosk.toggleElder()
    await checkTargets(page, 'attract')
    await kiosk.start()
    await checkTargets(page, 'home')
    await kiosk.button(UI.zh.search).click()
    await checkTargets(page, 'search')
    await kiosk.button(UI.zh.home).click()
    await kiosk.openItem(department, item)
    await checkTargets(page, 'guide')
    await kiosk.button(UI.zh.back).click()
    await checkTargets(page, 'department')
    await kiosk.button(UI.zh.home).click()
    await kiosk.openItem(department, item)
    await kiosk.button(UI.zh.guideStart).click()
    await checkTargets(page, 'notice')
    await kiosk.button(UI.zh.agree).click()
    await checkTargets(page, 'identify')
    await kiosk.swipeCard()
    await checkTargets(page, 'phone')
    await kiosk.phoneAndSms(item)
    await kiosk.fillFields(item, (key) => checkTargets(page, `field ${key}`))
    await checkTargets(page, 'confirm')
    await kiosk.submit()
    await checkTargets(page, 'result')
    await kiosk.button(UI.zh.skip).click()
    await checkTargets(page, 'thanks')
  })
}

test('zoom is allowed to assistive tools, pinch zoom stays blocked on the terminal', async ({ page }) => {
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.open()
  const viewport = await page.locator('meta[name="viewport"]').getAttribute('content')
  expect(viewport).toContain('width=device-width')
  expect(viewport).not.toMatch(/user-scalable|maximum-scale/)
  const guards = await page.evaluate(() => {
    const ctrlWheel = new WheelEvent('wheel', {
      ctrlKey: true,
      deltaY: -100,
      bubbles: true,
      cancelable: true,
    })
    const gesture = new Event('gesturestart', { bubbles: true, cancelable: true })
    document.body.dispatchEvent(ctrlWheel)
    document.body.dispatchEvent(gesture)
    const button = document.querySelector('button')
    return {
      html: getComputedStyle(document.documentElement).touchAction,
      body: getComputedStyle(document.body).touchAction,
      button: button ? getComputedStyle(button).touchAction : '',
      ctrlWheelBlocked: ctrlWheel.defaultPrevented,
      gestureBlocked: gesture.defaultPrevented,
    }
  })
  expect(guards).toEqual({
    html: 'pan-x pan-y',
    body: 'pan-x pan-y',
    button: 'manipulation',
    ctrlWheelBlocked: true,
    gestureBlocked: true,
  })
})
