/**
 * The idle-reset privacy sweep for 申请材料, for each way a material arrives: a capture of the document camera and
 * an 电子证照 reused on a record sent online, and captures queued offline in the outbox. The resident walks away
 * on the result screen (60 s without a touch and the 20 s countdown, on Playwright's fake clock); afterwards the
 * captures' object URLs are revoked and no <img> shows one, nothing of a licence is on the page, no store of
 * IndexedDB but the outbox holds image bytes (the outbox only the queued record, sealed, until it is delivered),
 * and Cache Storage holds no answer of the materials' or licences' calls.
 */
import { expect, type Page, test } from '@playwright/test'
import { zh } from '../../kiosk/src/i18n/zh'
import { pickItem } from '../fixtures/node/catalog'
import { Kiosk, readBrowserKept } from '../fixtures/playwright/kioskJourney'
import { beginOffline } from '../fixtures/playwright/offlineE2e'

/** 公共租赁住房申请: 家庭成员户口簿 and 婚姻状况证明 held as 电子证照 by the demo card; 家庭收入证明 to capture. */
const HOUSING = pickItem('housing', (i) => i.code === 'ZJ-SB-0001')
/** What the demo resident's licences show: masked numbers and issuers. */
const LICENCE_TRACES = [
  '4416*******3456',
  'J441***********4321',
  '河源市公安局源城分局',
  '河源市源城区民政局',
]
/** Base64 of any JPEG begins so (FF D8 FF): a capture's bytes wherever they are kept as text. */
const JPEG_BASE64 = '/9j/'
const MATERIAL_CALLS = /\/api\/terminal\/(materials|licences)/

/** Whether the page can still load `url` as an image (a revoked object URL cannot be). */
const readable = (page: Page, url: string) =>
  page.evaluate(
    (src) =>
      new Promise<boolean>((done) => {
        const image = new Image()
        image.onload = () => done(true)
        image.onerror = () => done(false)
        image.src = src
      }),
    url,
  )

/** Captures `material` with the simulated document camera and answers its preview's object URL. */
async function capture(page: Page, material: string): Promise<string> {
  const card = page.locator(`.material-card[data-material="${material}"]`)
  await card.getByRole('button', { name: zh.materialCapture }).click()
  const preview = card.locator('.material-preview')
  await expect(preview).toBeVisible()
  const url = (await preview.getAttribute('src')) ?? ''
  expect(url).toMatch(/^blob:/)
  expect(await readable(page, url)).toBe(true)
  return url
}

/** The resident walks away: the idle dialog, its countdown, then the attract screen. */
async function walkAway(page: Page, kiosk: Kiosk) {
  await page.clock.fastForward(61_000)
  await expect(page.getByRole('alertdialog', { name: kiosk.t.idleTitle })).toBeVisible()
  for (let s = 0; s < 21; s++) await page.clock.fastForward(1_000)
  await expect(page.getByRole('button', { name: kiosk.t.start })).toBeVisible()
}

/** What the sweep must leave: no capture in memory or on screen, no licence shown, no material call cached. */
async function expectSwept(page: Page, urls: readonly string[]) {
  for (const url of urls) expect(await readable(page, url), `${url} still readable`).toBe(false)
  await expect(page.locator('img[src^="blob:"]')).toHaveCount(0)
  const html = await page.content()
  for (const trace of LICENCE_TRACES) expect(html, `page still shows ${trace}`).not.toContain(trace)
  const kept = await readBrowserKept(page)
  expect(kept.caches.filter((c) => MATERIAL_CALLS.test(c.url)).map((c) => c.url)).toEqual([])
  return kept
}

test('online: the capture and the 电子证照 reused leave nothing behind after the idle reset on the result', async ({
  page,
}) => {
  await page.clock.install()
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.beginItem(HOUSING.department, HOUSING.item)
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(HOUSING.item)
  await expect(page.getByRole('heading', { level: 1, name: zh.materialsTitle })).toBeVisible()
  await expect(page.getByText(LICENCE_TRACES[0]!)).toBeVisible()
  const url = await capture(page, '家庭收入证明')
  await kiosk.button(kiosk.t.next).click()
  await kiosk.submit()
  expect(await kiosk.resultReference()).toMatch(/^[A-Z]{2}\d{13}$/)
  // Delivered: the outbox lets go of the record with its materials once the backend has it.
  await expect
    .poll(async () => (await readBrowserKept(page)).indexedDb.filter((r) => r.store === 'outbox').length)
    .toBe(0)

  await walkAway(page, kiosk)
  const kept = await expectSwept(page, [url])
  const holding = kept.indexedDb.filter(
    (r) => r.value.includes(JPEG_BASE64) || LICENCE_TRACES.some((t) => r.value.includes(t)),
  )
  expect(holding.map((r) => `${r.db}/${r.store}`)).toEqual([])
})

test('offline: captures queued in the outbox stay only there, sealed, and leave memory at the idle reset', async ({
  page,
  context,
}) => {
  await page.clock.install()
  const kiosk = new Kiosk(page, 'zh')
  await beginOffline(kiosk, context, HOUSING)
  await expect(page.getByRole('heading', { level: 1, name: zh.materialsTitle })).toBeVisible()
  const urls = [await capture(page, '家庭成员户口簿'), await capture(page, '家庭收入证明')]
  await kiosk.button(kiosk.t.next).click()
  await kiosk.button(kiosk.t.submit).click()
  await page.clock.fastForward(9_000) // the flow waits 8 s for an answer before saying "queued"
  await expect(page.getByText(zh.resultQueued)).toBeVisible()

  await walkAway(page, kiosk)
  const kept = await expectSwept(page, urls)
  // The captures wait with their record, in the outbox only; the entry keeps them sealed (its plain JSON holds
  // no image: readBrowserKept adds the opened text to the value it reports, so count the raw rows apart).
  const withImages = kept.indexedDb.filter((r) => r.value.includes(JPEG_BASE64))
  expect(withImages.map((r) => r.store)).toEqual(['outbox'])
  const raw = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('kiosk')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction('outbox', 'readonly').objectStore('outbox').getAll()
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    db.close()
    return JSON.stringify(rows)
  })
  expect(raw).not.toContain(JPEG_BASE64)
  expect(raw).not.toContain('家庭收入证明')
})
