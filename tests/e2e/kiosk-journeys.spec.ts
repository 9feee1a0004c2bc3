/**
 * Resident journeys through the real UI against the real backend, in Chinese and in English:
 * a query (with a 好差评 rating that reaches the ops figures), a print item (and the QR fallback
 * when the printer is out of paper), an application with the ID number typed on the keypad, and
 * an appointment. Items come from the default catalog, never hard-coded.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { maskIdNumber } from '../../kiosk/src/devices/idNumber'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import type { ServiceItem } from '../../services-catalog/src/schema'
import { identifiedByCard, pickItem } from '../fixtures/node/catalog'
import { countTransactions } from '../fixtures/playwright/backendDb'
import { shanghaiToday } from '../fixtures/playwright/e2e'
import {
  DEMO_CARD,
  drivable,
  Kiosk,
  LANGS,
  TYPED_ID,
  TYPED_ID_BAD_CHECK,
  UI,
} from '../fixtures/playwright/kioskJourney'
import { staffHeaders } from '../fixtures/playwright/staffApi'

const ARTIFACTS = join(import.meta.dirname, '../artifacts/screenshots')
const README_SHOTS = join(import.meta.dirname, '../screenshots')
mkdirSync(ARTIFACTS, { recursive: true })

const isQuery = (i: ServiceItem) => i.kind === '查询' && i.fields.length === 0 && identifiedByCard(i)
/**
 * One query item per language: every fresh browser is the same loopback demo terminal, whose
 * counters are absolute per item (max-merged), so each language rates its own item.
 */
const QUERY_ZH = pickItem('medicare', isQuery)
const QUERY = { zh: QUERY_ZH, en: pickItem('medicare', (i) => isQuery(i) && i.code !== QUERY_ZH.item.code) }
const PRINT = pickItem('hrss', (i) => i.kind === '打印' && i.fields.length === 0 && identifiedByCard(i))
const APPLY = pickItem(
  'hrss',
  (i) => i.kind === '申办' && identifiedByCard(i) && i.fields.length > 0 && drivable(i),
)
const BOOK = pickItem('hrss', (i) => i.kind === '预约' && identifiedByCard(i) && drivable(i))
/** A 缴费 item with 是否收费 = 否: a tax, where the national record's flag means no handling fee. */
const PAYMENT = pickItem('tax', (i) => i.kind === '缴费' && !i.fee.charged)
/** A free item of another kind: 不收费 means free there. */
const FREE_QUERY = pickItem('tax', (i) => i.kind === '查询' && !i.fee.charged)

/** Today's 好差评 totals from the ops route. */
async function ratingTotals(request: import('@playwright/test').APIRequestContext) {
  const headers = await staffHeaders(request, 'ops')
  const day = shanghaiToday()
  const answer = await request.get(`/api/ops/daily-counts?from=${day}&to=${day}`, { headers })
  expect(answer.ok()).toBe(true)
  const body = (await answer.json()) as { totals: { ratings: number; rating4: number } }
  return body.totals
}

for (const lang of LANGS) {
  test.describe(`resident journeys (${lang})`, () => {
    test(`a 缴费 guide says no handling fee, not free of charge (${lang})`, async ({ page }) => {
      const kiosk = new Kiosk(page, lang)
      const feeText = (key: 'feeNoHandling' | 'feeFree') => (lang === 'zh' ? zh : en)[key]
      await kiosk.open()
      await kiosk.start()
      await kiosk.openItem(PAYMENT.department, PAYMENT.item)
      await expect(page.getByText(feeText('feeNoHandling'), { exact: true })).toBeVisible()
      await expect(page.getByText(feeText('feeFree'), { exact: true })).toHaveCount(0)
      await kiosk.open()
      await kiosk.start()
      await kiosk.openItem(FREE_QUERY.department, FREE_QUERY.item)
      await expect(page.getByText(feeText('feeFree'), { exact: true })).toBeVisible()
    })

    test(`query item with a rating that ops see (${lang})`, async ({ page, request }) => {
      const { department, item } = QUERY[lang]
      const kiosk = new Kiosk(page, lang)
      const stored = countTransactions(item.code)
      const ratingsBefore = await ratingTotals(request)

      await kiosk.beginItem(department, item)
      await kiosk.swipeCard()
      await kiosk.submit()
      await expect(page.getByText(kiosk.t.reference, { exact: true })).toBeVisible()
      await page.screenshot({ path: join(ARTIFACTS, `result-${lang}.png`) })
      await expect.poll(() => countTransactions(item.code)).toBe(stored + 1)

      await kiosk.button(kiosk.t.rateGood).click()
      await expect(page.getByRole('heading', { level: 1, name: kiosk.t.thanks })).toBeVisible()
      await kiosk.button(kiosk.t.done).click()
      await expect(page.getByRole('button', { name: UI.zh.start })).toBeVisible()
      // Counters go up with the next sync run; a page start runs one at once.
      await page.reload()
      await expect
        .poll(async () => (await ratingTotals(request)).rating4, { timeout: 20_000 })
        .toBe(ratingsBefore.rating4 + 1)
    })

    test(`print item prints, and with no paper offers the QR code (${lang})`, async ({ page }) => {
      const { department, item } = PRINT
      const kiosk = new Kiosk(page, lang)
      const stored = countTransactions(item.code)

      await kiosk.beginItem(department, item)
      await kiosk.swipeCard()
      await kiosk.submit()
      await expect(page.getByText(kiosk.t.printed)).toBeVisible()
      await expect(page.locator('.print-failed')).toHaveCount(0)
      await kiosk.skipRatingAndFinish()

      await kiosk.beginItem(department, item, '?printer=paperOut')
      await kiosk.swipeCard()
      await kiosk.submit()
      await expect(page.getByRole('alert').filter({ hasText: kiosk.t.printFailed })).toBeVisible()
      const qr = page.locator('.print-failed').getByRole('img')
      await expect(qr).toBeVisible()
      await expect(qr.locator('path')).toHaveAttribute('d', /M\d+ \d+h1v1h-1z/)
      await expect(page.getByText(kiosk.t.printed)).toHaveCount(0)
      await expect.poll(() => countTransactions(item.code)).toBe(stored + 2)
    })

    test(`application with the ID number typed on the keypad (${lang})`, async ({ page }) => {
      const { department, item } = APPLY
      const kiosk = new Kiosk(page, lang)
      const stored = countTransactions(item.code)

      await kiosk.beginItem(department, item)
      const display = page.getByRole('textbox', { name: kiosk.t.idLabel, exact: true })

      // Too short: the resident is told the length.
      await kiosk.typeOn(kiosk.t.idLabel, TYPED_ID.slice(0, 10))
      await kiosk.button(kiosk.t.next).click()
      await expect(page.getByRole('alert')).toHaveText(kiosk.t.errIdLength)

      // Full length but a wrong check digit: a clear message and the input marked invalid.
      await kiosk.typeOn(kiosk.t.idLabel, TYPED_ID_BAD_CHECK.slice(10))
      await expect(display).toHaveValue(TYPED_ID_BAD_CHECK)
      await kiosk.button(kiosk.t.next).click()
      await expect(page.getByRole('alert')).toHaveText(kiosk.t.errIdCheck)
      await expect(display).toHaveAttribute('aria-invalid', 'true')

      // Delete the last character and type the right one.
      await kiosk
        .keypad(kiosk.t.idLabel)
        .getByRole('button', { name: lang === 'zh' ? '删除' : 'Delete' })
        .click()
      await kiosk.typeOn(kiosk.t.idLabel, TYPED_ID.slice(17))
      await expect(display).toHaveValue(TYPED_ID)
      await kiosk.button(kiosk.t.next).click()
      await expect(page.getByRole('alert')).toHaveCount(0)

      await kiosk.phoneAndSms(item)
      await kiosk.face(item)
      await kiosk.fillFields(item)
      // The confirm step shows the number masked only.
      await expect(page.getByText(maskIdNumber(TYPED_ID), { exact: true })).toBeVisible()
      await expect(page.locator('body')).not.toContainText(TYPED_ID)
      await kiosk.submit()
      await expect(page.getByText(kiosk.t.reference, { exact: true })).toBeVisible()
      await expect.poll(() => countTransactions(item.code)).toBe(stored + 1)
    })

    test(`appointment with the demo card (${lang})`, async ({ page }) => {
      const { department, item } = BOOK
      const kiosk = new Kiosk(page, lang)
      const stored = countTransactions(item.code)

      await kiosk.open()
      await kiosk.start()
      await kiosk.openItem(department, item)
      await page.screenshot({ path: join(ARTIFACTS, `guide-${lang}.png`) })
      await kiosk.beginFlow()
      await kiosk.swipeCard()
      await kiosk.phoneAndSms(item)
      await kiosk.fillFields(item)
      await expect(page.getByText(DEMO_CARD.maskedId, { exact: true })).toBeVisible()
      await expect(page.getByText(DEMO_CARD.maskedName, { exact: true })).toBeVisible()
      await expect(page.locator('body')).not.toContainText(DEMO_CARD.idNumber)
      await expect(page.locator('body')).not.toContainText(DEMO_CARD.name)
      await page.screenshot({ path: join(ARTIFACTS, `confirm-${lang}.png`) })
      if (lang === 'zh') await page.screenshot({ path: join(README_SHOTS, 'kiosk-confirm.png') })
      await kiosk.submit()
      await expect(page.getByText(kiosk.t.appointment, { exact: true })).toBeVisible()
      await expect.poll(() => countTransactions(item.code)).toBe(stored + 1)
      await kiosk.skipRatingAndFinish()
    })
  })
}
