/**
 * 申请材料 in real Chromium against the real backend, in Chinese and English: the demo resident's 电子证照
 * (户口簿, 结婚证) are offered first and need no capture; the required income certificate comes from the
 * simulated document camera (a drawn page, compressed in the browser), with a preview and a retake; the
 * application goes through and the backend holds the capture under the record's key, sealed in a 0600 file. axe
 * finds nothing on the step in zh, en and elder mode, nor with the paper-only list (请携带原件到窗口). Offline, the
 * captures wait with the record and reach the backend before it, once, when the network returns.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import { MOBILE_STRINGS } from '../../kiosk/src/mobile/strings'
import { MATERIAL_TARGET_BYTES } from '../../mock-backend/src/contract/materials'
import { pickItem } from '../fixtures/node/catalog'
import { axeClean } from '../fixtures/playwright/a11y'
import { queryBackend, storedRecordMaterials } from '../fixtures/playwright/backendDb'
import { E2E_DATA_DIR } from '../fixtures/playwright/e2e'
import { Kiosk, LANGS, nameIn, readBrowserKept } from '../fixtures/playwright/kioskJourney'
import { beginOffline, nudgeSync, queuedReference } from '../fixtures/playwright/offlineE2e'
import { decodeQr, PHONE } from '../fixtures/playwright/phone'

/** 公共租赁住房申请: 家庭成员户口簿 and 婚姻状况证明 held as 电子证照 by the demo card; 家庭收入证明 to capture. */
const HOUSING = pickItem('housing', (i) => i.code === 'ZJ-SB-0001')
/** 教师资格认定申请: two captures and a paper-only 体检表. */
const TEACHER = pickItem('edu', (i) => i.code === 'JY-SB-0003')

/** Guide → notice → card → phone/SMS → the materials step. */
async function toMaterials(kiosk: Kiosk, item: typeof HOUSING, text: Record<'materialsTitle', string>) {
  await kiosk.beginItem(item.department, item.item)
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(item.item)
  await expect(kiosk.page.getByRole('heading', { level: 1, name: text.materialsTitle })).toBeVisible()
}

for (const lang of LANGS) {
  test(`a material from the simulated document camera and 电子证照 reused (${lang})`, async ({
    page,
    browser,
  }) => {
    const text = lang === 'zh' ? zh : en
    const kiosk = new Kiosk(page, lang)
    const materials = HOUSING.item.materials
    const card = (zhName: string) => page.locator(`.material-card[data-material="${zhName}"]`)
    await toMaterials(kiosk, HOUSING, text)

    // Held as 电子证照: no capture asked, the licence named with its number masked.
    for (const held of ['家庭成员户口簿', '婚姻状况证明']) {
      await expect(card(held)).toContainText(text.materialLicence)
      await expect(card(held).getByRole('button')).toHaveCount(0)
    }
    await expect(card('家庭成员户口簿')).toContainText('4416*******3456')
    await axeClean(page, `materials (${lang})`)

    // The required one is missing: the way on is closed with the reason.
    await kiosk.button(kiosk.t.next).click()
    await expect(page.getByRole('alert')).toHaveText(text.errMaterials)

    const income = card('家庭收入证明')
    const incomeName = nameIn(materials.find((m) => m.name.zh === '家庭收入证明')!.name, lang)
    await expect(income).toContainText(incomeName)
    await income.getByRole('button', { name: text.materialCapture }).click()
    const preview = income.getByRole('img', { name: text.materialPreview.replace('{name}', incomeName) })
    await expect(preview).toBeVisible()
    expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500)
    await axeClean(page, `materials captured (${lang})`)
    // A retake replaces the capture.
    await income.getByRole('button', { name: text.materialRetake }).click()
    await expect(preview).toBeVisible()

    await kiosk.button(kiosk.t.next).click()
    await expect(page.locator('.confirm-row', { hasText: text.confirmMaterials })).toContainText(
      text.confirmMaterialsCount.replace('{count}', '3'),
    )
    await kiosk.submit()
    const reference = await kiosk.resultReference()
    expect(reference).toMatch(/^[A-Z]{2}\d{13}$/)

    // The backend holds exactly the capture, under the record's key, sealed in a 0600 file, and knows which
    // 电子证照 the record reused (their kinds, no bytes).
    const { key, materials: all } = storedRecordMaterials(reference)
    expect(all.map((r) => [r.material, r.media_type, r.licence])).toEqual([
      ['婚姻状况证明', null, '结婚证'],
      ['家庭成员户口簿', null, '居民户口簿'],
      ['家庭收入证明', 'image/jpeg', null],
    ])
    const rows = all.filter((r) => r.media_type !== null)
    expect(rows[0]!.byte_count).toBeLessThanOrEqual(MATERIAL_TARGET_BYTES)
    const dir = join(E2E_DATA_DIR, 'materials')
    const file = readdirSync(dir).find((f) => f.includes(key))
    expect(file).toBeDefined()
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600)
    const sealed = readFileSync(join(dir, file!))
    expect(sealed.length).toBe(rows[0]!.byte_count + 28)
    // Sealed: not a JPEG on disk (no SOI marker, no JFIF header).
    expect(sealed.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false)
    expect(sealed.includes(Buffer.from('JFIF'))).toBe(false)

    // The case sheet on the resident's phone names each material and which were 电子证照 reused.
    const qr = page.getByRole('img', { name: text.handoffQrLabel.replace('{reference}', reference) })
    const phone = await browser.newContext({ ...PHONE, locale: lang === 'zh' ? 'zh-CN' : 'en-GB' })
    try {
      const m = await phone.newPage()
      await m.goto(await decodeQr(browser, qr))
      const t = MOBILE_STRINGS[lang]
      const sheet = m.locator('section', { has: m.getByRole('heading', { name: t.materialsTitle }) })
      const line = (zhName: string, how: string) =>
        t.materialLine
          .replace('{name}', nameIn(materials.find((x) => x.name.zh === zhName)!.name, lang))
          .replace('{how}', how)
      // In the catalog's order: 家庭成员户口簿, 家庭收入证明, 婚姻状况证明.
      await expect(sheet.getByRole('listitem')).toHaveText([
        line('家庭成员户口簿', t.materialReused.replace('{licence}', '居民户口簿')),
        line('家庭收入证明', t.materialUploaded),
        line('婚姻状况证明', t.materialReused.replace('{licence}', '结婚证')),
      ])
      await axeClean(m, `/m/ materials (${lang})`)
    } finally {
      await phone.close()
    }
  })
}

test('axe finds nothing on the materials step in elder mode, with the paper-only list', async ({ page }) => {
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.open()
  await kiosk.toggleElder()
  await kiosk.start()
  await kiosk.openItem(TEACHER.department, TEACHER.item)
  await kiosk.beginFlow()
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(TEACHER.item)
  await expect(page.getByRole('heading', { level: 1, name: zh.materialsTitle })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: zh.materialsPaperTitle })).toBeVisible()
  await expect(page.locator('.materials-paper')).toContainText('指定医院出具的体检表')
  await expect(page.locator('.material-card[data-material="指定医院出具的体检表"]')).toHaveCount(0)
  await axeClean(page, 'materials (elder)')
  await page.locator('.material-card').first().getByRole('button', { name: zh.materialCapture }).click()
  await expect(page.locator('.material-preview')).toBeVisible()
  await axeClean(page, 'materials captured (elder)')
})

test('an offline application with materials is delivered once on reconnect, materials before the record', async ({
  page,
  context,
}) => {
  const kiosk = new Kiosk(page, 'zh')
  // The step's chunks load from the precache when the network is off.
  await beginOffline(kiosk, context, HOUSING)
  await expect(page.getByRole('heading', { level: 1, name: zh.materialsTitle })).toBeVisible()
  // Offline the 电子证照 cannot be asked: every required material is photographed.
  await expect(page.getByText(zh.materialsChecking)).toHaveCount(0)
  await expect(page.getByText(zh.materialLicence)).toHaveCount(0)
  for (const required of ['家庭成员户口簿', '家庭收入证明']) {
    const card = page.locator(`.material-card[data-material="${required}"]`)
    await card.getByRole('button', { name: zh.materialCapture }).click()
    await expect(card.locator('.material-preview')).toBeVisible()
  }
  await kiosk.button(kiosk.t.next).click()
  await kiosk.submit()
  const local = await queuedReference(page)
  const before = queryBackend<{ n: number }>('SELECT count(*) AS n FROM materials')[0]!.n
  await kiosk.skipRatingAndFinish()

  // Back online: the materials, then the record, each once.
  await context.setOffline(false)
  const mine = () =>
    queryBackend<{ key: string; received_at: string }>(
      'SELECT key, received_at FROM transactions WHERE item_code = ?',
      HOUSING.item.code,
    ).filter((t) => t.key.replace(/-/g, '').slice(-8).toUpperCase() === local!.slice(2))
  await expect
    .poll(
      async () => {
        await nudgeSync(page)
        return mine().length
      },
      { timeout: 30_000 },
    )
    .toBe(1)
  const [record] = mine()
  const rows = queryBackend<{ material: string; received_at: string }>(
    'SELECT material, received_at FROM materials WHERE record_key = ? ORDER BY material',
    record!.key,
  )
  expect(rows.map((r) => r.material)).toEqual(['家庭成员户口簿', '家庭收入证明'])
  for (const row of rows) expect(row.received_at <= record!.received_at).toBe(true)
  expect(queryBackend<{ n: number }>('SELECT count(*) AS n FROM materials')[0]!.n).toBe(before + 2)
  const files = readdirSync(join(E2E_DATA_DIR, 'materials')).filter((f) => f.includes(record!.key))
  expect(files).toHaveLength(2)
  // Acknowledged: nothing of the application is left in the terminal's outbox.
  await expect
    .poll(async () => (await readBrowserKept(page)).indexedDb.filter((v) => v.store === 'outbox').length)
    .toBe(0)
})

test('a capture left on the materials step is gone after the idle reset: memory, IndexedDB, Cache Storage', async ({
  page,
}) => {
  await page.clock.install()
  const kiosk = new Kiosk(page, 'zh')
  await toMaterials(kiosk, HOUSING, zh)
  const income = page.locator('.material-card[data-material="家庭收入证明"]')
  await income.getByRole('button', { name: zh.materialCapture }).click()
  const preview = income.locator('.material-preview')
  await expect(preview).toBeVisible()
  const url = (await preview.getAttribute('src')) ?? ''
  expect(url).toMatch(/^blob:/)
  // Loaded as an image (the page's CSP lets images, not fetches, read blob: URLs).
  const readable = (u: string) =>
    page.evaluate(
      (src) =>
        new Promise<string>((done) => {
          const image = new Image()
          image.onload = () => done('readable')
          image.onerror = () => done('revoked')
          image.src = src
        }),
      u,
    )
  expect(await readable(url)).toBe('readable')

  // The resident walks away: the idle dialog, its countdown, then the attract screen.
  await page.clock.fastForward(61_000)
  await expect(page.getByRole('alertdialog', { name: kiosk.t.idleTitle })).toBeVisible()
  for (let s = 0; s < 21; s++) await page.clock.fastForward(1_000)
  await expect(page.getByRole('button', { name: kiosk.t.start })).toBeVisible()

  // Memory: the preview's object URL is revoked and nothing on screen shows the capture or the licence.
  expect(await readable(url)).toBe('revoked')
  await expect(page.locator('img[src^="blob:"]')).toHaveCount(0)
  expect(await page.content()).not.toContain('4416*******3456')
  // IndexedDB and Cache Storage: nothing was queued, nothing of the materials' calls was cached.
  const kept = await readBrowserKept(page)
  expect(kept.indexedDb.filter((r) => r.store === 'outbox')).toEqual([])
  expect(kept.caches.filter((c) => /materials|licences/.test(c.url))).toEqual([])
})
