/**
 * 扫码续办 in real Chromium: a resident finishes an apply item; the receipt prints on the in-page printer; the
 * result's QR code, decoded from a screenshot with jsQR as a phone would, links to PUBLIC_BASE_URL/m/ and opens
 * the case in a phone-sized second context (zh, then en by its switch); a tampered token gets the page that
 * reveals nothing; the case found by number shows its QR code too. axe: 0 violations on the result and lookup
 * screens in zh, en and elder mode, and on /m/ in zh and en (found and refused). Out of paper, the QR code on
 * screen stands in for the receipt.
 */
import { expect, test } from '@playwright/test'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import { MOBILE_STRINGS } from '../../kiosk/src/mobile/strings'
import { pickItem } from '../fixtures/node/catalog'
import { axeProblems, DISPLAY_MODES } from '../fixtures/playwright/a11y'
import { E2E_PUBLIC_BASE_URL } from '../fixtures/playwright/e2e'
import { Kiosk } from '../fixtures/playwright/kioskJourney'
import { decodeQr, PHONE } from '../fixtures/playwright/phone'

// An online 申办 with identity by ID card and no typed fields: it opens a case and prints a receipt.
const CASE = pickItem(
  'police',
  (i) => i.kind === '申办' && i.timeLimit.days > 1 && i.fields.length === 0 && !i.identity.includes('人脸'),
)

for (const mode of DISPLAY_MODES) {
  test(`an apply item's QR code takes the case to a phone (${mode.name})`, async ({ page, browser }) => {
    test.setTimeout(180_000)
    const kiosk = new Kiosk(page, mode.lang)
    const text = mode.lang === 'zh' ? zh : en
    const problems: string[] = []
    const elderIfAsked = async () => {
      if (mode.elder) await kiosk.toggleElder()
      await expect(page.locator('html')).toHaveClass(mode.elder ? /elder/ : /^(?!.*elder)/)
    }
    await kiosk.open()
    await elderIfAsked()
    await kiosk.start()
    await kiosk.openItem(CASE.department, CASE.item)
    await kiosk.beginFlow()
    await kiosk.swipeCard()
    await kiosk.phoneAndSms(CASE.item)
    await kiosk.submit()
    const reference = await kiosk.resultReference()
    expect(reference).toMatch(/^SB\d{13}$/)
    // The receipt went to the printer; the QR code is on screen whatever the paper.
    await expect(page.getByText(text.resultReceiptPrinted, { exact: true })).toBeVisible()
    const qr = page.getByRole('img', { name: text.handoffQrLabel.replace('{reference}', reference!) })
    await expect(qr).toHaveJSProperty('tagName', 'svg')
    problems.push(...(await axeProblems(page, 'result with QR code')))

    const link = await decodeQr(browser, qr)
    const url = new URL(link)
    expect(`${url.protocol}//${url.host}`).toBe(E2E_PUBLIC_BASE_URL)
    expect(url.pathname).toBe('/m/')
    expect(url.hash).toMatch(/^#t=[A-Za-z0-9_-]{30,}$/)

    if (mode.name === 'zh') {
      const phone = await browser.newContext({ ...PHONE, locale: 'zh-CN' })
      const m = await phone.newPage()
      await m.goto(link)
      await expect(m.getByRole('heading', { level: 1, name: CASE.item.name.zh })).toBeVisible()
      await expect(m.getByText(reference!, { exact: true })).toBeVisible()
      await expect(m.getByText(MOBILE_STRINGS.zh.due, { exact: true })).toBeVisible()
      await expect(m.locator('html')).toHaveAttribute('lang', 'zh-CN')
      // Phone-sized: nothing wider than the screen.
      expect(await m.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
      expect(await m.locator('body').textContent()).not.toMatch(/\d{17}[\dX]/)
      problems.push(...(await axeProblems(m, '/m/ zh')))
      await m.getByRole('button', { name: MOBILE_STRINGS.zh.switchTo }).click()
      await expect(m.getByRole('heading', { level: 1, name: CASE.item.name.en })).toBeVisible()
      await expect(m.getByText(MOBILE_STRINGS.en.due, { exact: true })).toBeVisible()
      await expect(m.locator('html')).toHaveAttribute('lang', 'en')
      problems.push(...(await axeProblems(m, '/m/ en')))

      // One character of the token changed: refused at once, nothing about the case shown.
      const token = url.hash.slice(3)
      const flipped = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`
      const english = await browser.newContext({ ...PHONE, locale: 'en-GB' })
      const tampered = await english.newPage()
      await tampered.goto(`${url.origin}/m/#t=${flipped}`)
      await expect(
        tampered.getByRole('heading', { level: 1, name: MOBILE_STRINGS.en.refusedTitle }),
      ).toBeVisible()
      expect(await tampered.locator('body').textContent()).not.toContain(reference!)
      problems.push(...(await axeProblems(tampered, '/m/ refused en')))
      await tampered.getByRole('button', { name: MOBILE_STRINGS.en.switchTo }).click()
      await expect(
        tampered.getByRole('heading', { level: 1, name: MOBILE_STRINGS.zh.refusedTitle }),
      ).toBeVisible()
      problems.push(...(await axeProblems(tampered, '/m/ refused zh')))
      await phone.close()
      await english.close()
    }

    // The same case found by number at the terminal shows the same link.
    await kiosk.skipRatingAndFinish()
    await elderIfAsked()
    await kiosk.start()
    const card = await kiosk.lookUpCase(reference!, text)
    await expect(card).toBeVisible()
    const lookupQr = card.getByRole('img', { name: text.handoffQrLabel.replace('{reference}', reference!) })
    await expect(lookupQr).toHaveJSProperty('tagName', 'svg')
    problems.push(...(await axeProblems(page, 'case lookup with QR code')))
    expect(await decodeQr(browser, lookupQr)).toBe(link)
    expect(problems).toEqual([])
  })
}

test('out of paper, the QR code on screen stands in for the receipt', async ({ page, browser }) => {
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.beginItem(CASE.department, CASE.item, '?printer=paperOut')
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(CASE.item)
  await kiosk.submit()
  const reference = await kiosk.resultReference()
  const failed = zh.resultReceiptFailed.replace('{reason}', zh.printerPaperOut)
  await expect(page.getByRole('alert').filter({ hasText: failed })).toBeVisible()
  await expect(page.getByText(zh.resultReceiptPrinted, { exact: true })).toHaveCount(0)
  const qr = page.getByRole('img', { name: zh.handoffQrLabel.replace('{reference}', reference) })
  const link = await decodeQr(browser, qr)
  expect(link.startsWith(`${E2E_PUBLIC_BASE_URL}/m/#t=`)).toBe(true)
  expect(await axeProblems(page, 'result, receipt not printed')).toEqual([])
})
