/**
 * 用手机拍照上传 in real Chromium against the real backend, in Chinese and English: on the materials step the kiosk
 * shows a QR code; decoded from a screenshot as a phone would, it links to PUBLIC_BASE_URL/m/#u=…; a phone-sized
 * second context opens it and photographs the required material twice (each compressed in the phone's browser);
 * the photos appear on the kiosk within seconds, one is removed there, a second phone is refused, and the
 * application is delivered with the photo under the record's key (sealed, 0600). The idle reset ends the session:
 * the phone's page then says so and the kiosk keeps nothing. A 补正 round: a thumbnail the department cannot read is
 * asked again, the request shows at the kiosk's lookup (the case waiting at 办理中) and on the phone's case page,
 * whose link uploads a clear photo, after which both show it answered. axe: 0 violations on the step in zh, en and
 * elder mode, on the phone pages, and on the lookup with the request (en, and zh in elder mode and without).
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, expect, test } from '@playwright/test'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import { MOBILE_STRINGS } from '../../kiosk/src/mobile/strings'
import { UPLOAD_STRINGS } from '../../kiosk/src/mobile/uploadStrings'
import { MATERIAL_TARGET_BYTES } from '../../mock-backend/src/contract/materials'
import { SUPPLEMENT_BELOW_BYTES } from '../../mock-backend/src/departments/supplement'
import { pickItem } from '../fixtures/node/catalog'
import { axeProblems } from '../fixtures/playwright/a11y'
import { queryBackend, storedRecordMaterials } from '../fixtures/playwright/backendDb'
import { E2E_DATA_DIR, E2E_PUBLIC_BASE_URL } from '../fixtures/playwright/e2e'
import { Kiosk, LANGS } from '../fixtures/playwright/kioskJourney'
import { decodeQr, noisePhoto, PHONE } from '../fixtures/playwright/phone'

/** 公共租赁住房申请: 家庭成员户口簿 and 婚姻状况证明 held as 电子证照 by the demo card; 家庭收入证明 to supply. */
const HOUSING = pickItem('housing', (i) => i.code === 'ZJ-SB-0001')
const INCOME = '家庭收入证明'

/** A text with a `YYYY-MM-DD HH:mm` time in place of `slot`, as a pattern. */
const answeredAt = (template: string, slot: string) =>
  new RegExp(
    template
      .split(slot)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}'),
  )

/** Guide → notice → card → phone/SMS → the materials step, then the phone upload's code, decoded. */
async function toPhoneCode(kiosk: Kiosk, browser: Browser, text: typeof en): Promise<string> {
  await kiosk.beginItem(HOUSING.department, HOUSING.item)
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(HOUSING.item)
  const page = kiosk.page
  await expect(page.getByRole('heading', { level: 1, name: text.materialsTitle })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: text.phoneUploadTitle })).toBeVisible()
  await page.getByRole('button', { name: text.phoneUploadStart }).click()
  const qr = page.getByRole('img', { name: text.phoneUploadQrLabel })
  await expect(qr).toHaveJSProperty('tagName', 'svg')
  return decodeQr(browser, qr)
}

for (const lang of LANGS) {
  test(`a material from a phone appears on the kiosk and goes with the record (${lang})`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000)
    const text = lang === 'zh' ? zh : en
    const words = UPLOAD_STRINGS[lang]
    const kiosk = new Kiosk(page, lang)
    const link = await toPhoneCode(kiosk, browser, text)
    const url = new URL(link)
    expect(`${url.protocol}//${url.host}`).toBe(E2E_PUBLIC_BASE_URL)
    expect(url.pathname).toBe('/m/')
    expect(url.hash).toMatch(/^#u=[A-Za-z0-9_-]{43}$/)
    await expect(page.getByRole('status').filter({ hasText: text.phoneUploadWaiting })).toBeVisible()
    expect(await axeProblems(page, `materials with the phone code (${lang})`)).toEqual([])

    const phoneContext = await browser.newContext({ ...PHONE, locale: lang === 'zh' ? 'zh-CN' : 'en-GB' })
    const phone = await phoneContext.newPage()
    await phone.goto(link)
    await expect(phone.getByRole('heading', { level: 1, name: HOUSING.item.name[lang] })).toBeVisible()
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    expect(await axeProblems(phone, `phone upload page (${lang})`)).toEqual([])
    await expect(page.getByRole('status').filter({ hasText: text.phoneUploadOpened })).toBeVisible()

    // Two photos at once from the phone's camera, each over 500 kB as taken.
    const big = { width: 3000, height: 2000, quality: 0.95 }
    const photos = [await noisePhoto(phone, 7, big), await noisePhoto(phone, 11, big)]
    for (const photo of photos) expect(photo.length).toBeGreaterThan(MATERIAL_TARGET_BYTES)
    const income = phone.locator(`section[data-material="${INCOME}"]`)
    await income
      .locator('input[type=file]')
      .setInputFiles(
        photos.map((buffer, i) => ({ name: `IMG_000${i + 1}.JPG`, mimeType: 'image/jpeg', buffer })),
      )
    await expect(income.getByRole('status')).toContainText(words.uploaded.replace('{count}', '2'), {
      timeout: 30_000,
    })

    // On the kiosk within seconds, under their material; one removed there.
    const card = page.locator(`.material-card[data-material="${INCOME}"]`)
    await expect(card).toContainText(text.materialFromPhone.replace('{count}', '2'))
    const incomeName =
      lang === 'zh' ? INCOME : HOUSING.item.materials.find((m) => m.name.zh === INCOME)!.name.en
    const first = card.getByRole('img', {
      name: text.phonePhotoPreview.replace('{n}', '1').replace('{name}', incomeName),
    })
    await expect(first).toBeVisible()
    expect(await first.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500)
    expect(await axeProblems(page, `materials with photos from the phone (${lang})`)).toEqual([])
    await card.getByRole('button', { name: text.materialRemove }).first().click()
    await expect(card).toContainText(text.materialFromPhone.replace('{count}', '1'))

    // A second phone cannot use the same code.
    const other = await (await browser.newContext({ ...PHONE, locale: 'zh-CN' })).newPage()
    await other.goto(link)
    await expect(other.getByRole('heading', { level: 1, name: UPLOAD_STRINGS.zh.usedTitle })).toBeVisible()
    await other.context().close()

    await kiosk.button(kiosk.t.next).click()
    await expect(page.locator('.confirm-row', { hasText: text.confirmMaterials })).toContainText(
      text.confirmMaterialsCount.replace('{count}', '3'),
    )
    await kiosk.submit()
    const reference = await kiosk.resultReference()
    // The phone's photo, and the two 电子证照 the demo card holds, reused (rows with the licence, no bytes).
    const { key, materials: all } = storedRecordMaterials(reference)
    expect(all.filter((r) => r.licence !== null).map((r) => [r.material, r.licence])).toEqual([
      ['婚姻状况证明', '结婚证'],
      ['家庭成员户口簿', '居民户口簿'],
    ])
    const rows = all.filter((r) => r.licence === null)
    expect(rows.map((r) => [r.material, r.media_type])).toEqual([[INCOME, 'image/jpeg']])
    expect(rows[0]!.byte_count).toBeLessThanOrEqual(MATERIAL_TARGET_BYTES)
    const dir = join(E2E_DATA_DIR, 'materials')
    const files = readdirSync(dir).filter((f) => f.includes(key))
    expect(files).toHaveLength(1)
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600)

    // Sent: the code no longer takes photos.
    await income
      .locator('input[type=file]')
      .setInputFiles([{ name: 'late.jpg', mimeType: 'image/jpeg', buffer: photos[0]! }])
    await expect(income.getByRole('alert')).toHaveText(words.endedTitle, { timeout: 30_000 })
    await phoneContext.close()
  })
}

test('the idle reset ends the phone upload: the code stops working, the kiosk keeps nothing; axe in elder mode', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000)
  await page.clock.install()
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.open()
  await kiosk.toggleElder()
  await kiosk.start()
  await kiosk.openItem(HOUSING.department, HOUSING.item)
  await kiosk.beginFlow()
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(HOUSING.item)
  await page.getByRole('button', { name: zh.phoneUploadStart }).click()
  const qr = page.getByRole('img', { name: zh.phoneUploadQrLabel })
  await expect(qr).toHaveJSProperty('tagName', 'svg')
  expect(await axeProblems(page, 'materials with the phone code (elder)')).toEqual([])
  const link = await decodeQr(browser, qr)
  const phone = await (await browser.newContext({ ...PHONE, locale: 'zh-CN' })).newPage()
  await phone.goto(link)
  await expect(phone.getByRole('heading', { level: 1, name: HOUSING.item.name.zh })).toBeVisible()

  // The resident walks away: the idle dialog, its countdown, then the attract screen.
  await page.clock.fastForward(120_000)
  await expect(page.getByRole('alertdialog', { name: kiosk.t.idleTitle })).toBeVisible()
  for (let s = 0; s < 31; s++) await page.clock.fastForward(1_000)
  await expect(page.getByRole('heading', { name: zh.phoneUploadTitle })).toHaveCount(0)
  await expect(page.locator('.qr')).toHaveCount(0)

  // The session ended on the server: the same phone's reload is refused with the reason.
  await expect
    .poll(async () => {
      await phone.reload()
      return phone.getByRole('heading', { level: 1 }).textContent()
    })
    .toBe(UPLOAD_STRINGS.zh.endedTitle)
  await phone.context().close()
})

for (const lang of LANGS) {
  test(`a 补正 round: asked for a photo too small to read, seen at lookup and on the phone, answered there (${lang})`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(150_000)
    const text = lang === 'zh' ? zh : en
    const words = MOBILE_STRINGS[lang]
    const kiosk = new Kiosk(page, lang)
    const incomeName =
      lang === 'zh' ? INCOME : HOUSING.item.materials.find((m) => m.name.zh === INCOME)!.name.en
    const phoneContext = await browser.newContext({ ...PHONE, locale: lang === 'zh' ? 'zh-CN' : 'en-GB' })
    const phone = await phoneContext.newPage()

    // A thumbnail from the phone: the department cannot read it.
    await phone.goto(await toPhoneCode(kiosk, browser, text))
    const thumbnail = await noisePhoto(phone, 3, { width: 80, height: 60, quality: 0.5 })
    await phone
      .locator(`section[data-material="${INCOME}"] input[type=file]`)
      .setInputFiles([{ name: 'thumb.jpg', mimeType: 'image/jpeg', buffer: thumbnail }])
    const card = page.locator(`.material-card[data-material="${INCOME}"]`)
    await expect(card).toContainText(text.materialFromPhone.replace('{count}', '1'))
    await kiosk.button(kiosk.t.next).click()
    await kiosk.submit()
    const reference = await kiosk.resultReference()
    const qr = page.getByRole('img', { name: text.handoffQrLabel.replace('{reference}', reference) })
    const link = await decodeQr(browser, qr)

    // At the terminal's lookup: the request, its reason and how to answer; the case waits at 办理中. (In Chinese the
    // resident looks it up in elder mode.)
    await kiosk.skipRatingAndFinish()
    if (lang === 'zh') await kiosk.toggleElder()
    await kiosk.start()
    const asked = await kiosk.lookUpCase(reference, text)
    await expect(asked).toContainText(text.caseSupplementAsked.replace('{material}', incomeName))
    await expect(asked).toContainText(text.caseSupplementHow)
    await expect(asked.locator('.case-status')).toHaveText(
      lang === 'zh' ? '办理中' : text.caseStatusProcessing,
    )
    expect(
      await axeProblems(page, `case lookup with a 补正 (${lang === 'zh' ? 'zh, elder' : lang})`),
    ).toEqual([])
    if (lang === 'zh') {
      // And in plain Chinese: elder mode off again, the request still on screen.
      await kiosk.toggleElder()
      await expect(asked).toContainText(text.caseSupplementAsked.replace('{material}', incomeName))
      expect(await axeProblems(page, 'case lookup with a 补正 (zh)')).toEqual([])
    }

    // On the phone's case page: the request with an upload, answered with a clear photo.
    await phone.goto(link)
    const request = phone.getByRole('region', { name: words.supplementTitle })
    await expect(request).toContainText(incomeName)
    expect(await axeProblems(phone, `mobile case page with a 补正 (${lang})`)).toEqual([])
    const clear = await noisePhoto(phone, 5, { width: 1200, height: 800, quality: 0.7 })
    await request
      .locator('input[type=file]')
      .setInputFiles([{ name: 'clear.jpg', mimeType: 'image/jpeg', buffer: clear }])
    await expect(phone.getByText(answeredAt(words.supplementAnswered, '{time}'))).toBeVisible({
      timeout: 30_000,
    })
    await expect(phone.getByRole('region', { name: words.supplementTitle })).toHaveCount(0)
    await phoneContext.close()
    // Kept with the case's record: the thumbnail it sent first and the clear photo after it.
    const [record] = queryBackend<{ key: string }>(
      'SELECT key FROM transactions WHERE reference = ?',
      reference,
    )
    const rows = queryBackend<{ material: string; byte_count: number }>(
      'SELECT material, byte_count FROM materials WHERE record_key = ? AND licence IS NULL ORDER BY received_at',
      record!.key,
    )
    expect(rows.map((r) => r.material)).toEqual([INCOME, INCOME])
    expect(rows[0]!.byte_count).toBeLessThan(SUPPLEMENT_BELOW_BYTES)
    expect(rows[1]!.byte_count).toBeGreaterThanOrEqual(SUPPLEMENT_BELOW_BYTES)

    // The terminal sees it answered: the case moves on.
    await page.reload()
    await kiosk.start()
    const again = await kiosk.lookUpCase(reference, text)
    await expect(again).toContainText(answeredAt(text.caseSupplementAnswered, '{at}'))
    expect(await axeProblems(page, `case lookup with the 补正 answered (${lang})`)).toEqual([])
  })
}
