/**
 * axe-core on every resident screen — attract, maintenance PIN, home, idle dialog, search,
 * department, guide, each flow step (notice, identify with an error, phone, SMS, face, date,
 * select and free-text fields, confirm, cancel dialog, payment methods, QR, failure and a retry, receipt
 * question), the print
 * fallback result, rating and thanks — and the 办件进度查询 screens (choose, number pad, a case found by
 * number, cases found by ID card, not found) and the unlocked maintenance panel, in Chinese, in English and in
 * elder mode, with axe-core 4.14 (label-content-name-mismatch, WCAG 2.5.3, among its default rules). No rule is
 * disabled; the test fails on any violation and lists each one.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import { identifiedByCard, pickItem } from '../fixtures/node/catalog'
import { E2E_DEMO_PIN } from '../fixtures/playwright/e2e'
import { drivable, Kiosk, type Lang, nameIn, TYPED_ID_BAD_CHECK } from '../fixtures/playwright/kioskJourney'
import { chooseMethod, gatewayNotice } from '../fixtures/playwright/payments'

const BOOK = pickItem('hrss', (i) => i.kind === '预约' && identifiedByCard(i) && drivable(i) && i.needsPhone)
const PRINT = pickItem('hrss', (i) => i.kind === '打印' && identifiedByCard(i) && i.fields.length === 0)
const FACE = pickItem('hrss', (i) => i.identity.includes('人脸') && i.identity.includes('身份证'))
const TEXT = pickItem('police', (i) => i.identity.length === 0 && i.fields[0]?.type === 'text')
const PAY = pickItem('tax', (i) => i.kind === '缴费' && identifiedByCard(i) && drivable(i))
// An online 申办 with identity by ID card and no typed fields: a case to look up afterwards.
const CASE = pickItem(
  'police',
  (i) => i.kind === '申办' && i.timeLimit.days > 1 && i.fields.length === 0 && !i.identity.includes('人脸'),
)

/** Runs axe on the page as it is and remembers every violation under the screen's name. */
class Audit {
  readonly problems: string[] = []
  readonly screens: string[] = []
  constructor(
    private readonly page: Page,
    private readonly mode: string,
  ) {}

  async check(screen: string) {
    // Let transitions and the live region settle so axe sees the final colours.
    await this.page.waitForTimeout(150)
    const { violations } = await new AxeBuilder({ page: this.page }).analyze()
    this.screens.push(screen)
    for (const v of violations)
      for (const node of v.nodes)
        this.problems.push(
          `[${this.mode}] ${screen}: ${v.id} (${v.impact}) ${node.target.join(' ')} — ${node.failureSummary ?? v.help}`,
        )
  }
}

const MODES: Array<{ name: string; lang: Lang; elder: boolean }> = [
  { name: 'zh', lang: 'zh', elder: false },
  { name: 'en', lang: 'en', elder: false },
  { name: 'elder', lang: 'zh', elder: true },
]

for (const mode of MODES) {
  test(`axe finds no violations on any screen (${mode.name})`, async ({ page }) => {
    test.setTimeout(240_000)
    await page.clock.install()
    const kiosk = new Kiosk(page, mode.lang)
    const t = kiosk.t
    const audit = new Audit(page, mode.name)
    await kiosk.open('?printer=paperOut')
    if (mode.elder) await kiosk.toggleElder()
    await audit.check('attract')

    // Maintenance PIN (five taps in the hidden top-left corner).
    for (let i = 0; i < 5; i++) await page.locator('.corner').click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await expect(page.getByRole('group', { name: t.maintPin })).toBeVisible()
    await audit.check('maintenance PIN')
    await kiosk.button(t.maintClose).click()

    await kiosk.start()
    await audit.check('home')

    // Idle dialog.
    await page.clock.fastForward(mode.elder ? 121_000 : 61_000)
    await expect(page.getByRole('alertdialog', { name: t.idleTitle })).toBeVisible()
    await audit.check('idle dialog')
    await kiosk.button(t.idleContinue).click()

    // Search with results.
    await kiosk.button(t.search).click()
    const keyboard = page.getByRole('group', {
      name: mode.lang === 'zh' ? '搜索内容' : 'Search text',
      exact: true,
    })
    for (const ch of 'sbk') await keyboard.getByRole('button', { name: ch, exact: true }).click()
    await audit.check('search')
    await kiosk.button(t.home).click()

    // Department, guide and the appointment flow step by step.
    await kiosk.openItem(BOOK.department, BOOK.item)
    await audit.check('guide')
    await kiosk.button(t.back).click()
    await audit.check('department')
    await kiosk.button(t.home).click()
    await kiosk.openItem(BOOK.department, BOOK.item)
    await kiosk.button(t.guideStart).click()
    await audit.check('notice')
    await kiosk.button(t.agree).click()
    await audit.check('identify')
    await kiosk.typeOn(t.idLabel, TYPED_ID_BAD_CHECK)
    await kiosk.button(t.next).click()
    await expect(page.getByRole('alert')).toBeVisible()
    await audit.check('identify with error')
    await kiosk.swipeCard()
    await audit.check('phone')
    await kiosk.typeOn(t.phoneLabel, '13800138000')
    await kiosk.button(t.next).click()
    await audit.check('sms')
    await kiosk.enterSmsCode()
    await kiosk.fillFields(BOOK.item, (key) => audit.check(`field ${key}`))
    await audit.check('confirm')
    await kiosk.button(t.cancel).click()
    await expect(page.getByRole('alertdialog')).toBeVisible()
    await audit.check('cancel dialog')
    await kiosk.button(t.cancelNo).click()
    await kiosk.submit()
    await audit.check('result (appointment) and rating')
    await kiosk.button(t.rateGood).click()
    await audit.check('thanks')
    await kiosk.button(t.done).click()

    // A print item while the printer is out of paper: the QR fallback result.
    await kiosk.start()
    await kiosk.openItem(PRINT.department, PRINT.item)
    await kiosk.beginFlow()
    await kiosk.swipeCard()
    await kiosk.submit()
    await expect(page.locator('.print-failed').getByRole('img')).toBeVisible()
    await audit.check('result (print fallback)')
    await kiosk.skipRatingAndFinish()

    // Face verification step.
    await kiosk.start()
    await kiosk.openItem(FACE.department, FACE.item)
    await kiosk.beginFlow()
    await kiosk.swipeCard()
    if (FACE.item.needsPhone) await kiosk.phoneAndSms(FACE.item)
    await expect(kiosk.button(t.faceStart)).toBeVisible()
    await audit.check('face')
    await kiosk.button(t.cancel).click()
    await kiosk.button(t.cancelYes).click()

    // A free-text field with the pinyin keyboard.
    await kiosk.openItem(TEXT.department, TEXT.item)
    await kiosk.beginFlow()
    await expect(page.locator('main h1')).toContainText(
      nameIn(TEXT.item.fields[0]?.label ?? { zh: '', en: '' }, mode.lang),
    )
    await audit.check('field text (pinyin keyboard)')
    await kiosk.button(t.cancel).click()
    await kiosk.button(t.cancelYes).click()

    // A payment item: the methods, the QR code with its countdown, a failed payment, the card reader, the paid
    // notice, then the receipt question.
    const words = mode.lang === 'zh' ? zh : en
    await kiosk.openItem(PAY.department, PAY.item)
    await kiosk.beginFlow()
    await kiosk.swipeCard()
    await kiosk.fillFields(PAY.item)
    await kiosk.button(t.submit).click()
    await expect(page.getByRole('heading', { level: 1, name: words.payChooseTitle })).toBeVisible()
    await audit.check('payment methods')
    const failed = await chooseMethod(page, words.payWechat)
    await expect(page.getByRole('img', { name: words.payQrLabel })).toBeVisible()
    await expect(page.getByRole('timer')).toBeVisible()
    await audit.check('payment QR')
    await gatewayNotice(failed.orderId, { outcome: 'failed', reason: 'declined' })
    await expect(page.getByRole('alert')).toBeVisible()
    await audit.check('payment failed')
    await kiosk.button(words.payRetry).click()
    // Paid by another app this time (the bank card's own screens are walked in kiosk-bank-card.spec.ts).
    const paid = await chooseMethod(page, words.payAlipay)
    await expect(page.getByRole('img', { name: words.payQrLabel })).toBeVisible()
    await audit.check('payment QR (支付宝)')
    await gatewayNotice(paid.orderId, { outcome: 'paid' })
    await expect(page.getByRole('heading', { level: 1, name: t.askPrint })).toBeVisible({ timeout: 15_000 })
    await audit.check('ask print')
    await kiosk.button(t.printNo).click()
    await expect(page.getByRole('heading', { level: 1, name: t.result })).toBeVisible()

    expect(audit.screens.length).toBeGreaterThanOrEqual(27)
    expect(audit.problems).toEqual([])
  })
}

for (const mode of MODES) {
  test(`axe finds no violations on 办件进度查询 and the unlocked maintenance panel (${mode.name})`, async ({
    page,
  }) => {
    test.setTimeout(180_000)
    const kiosk = new Kiosk(page, mode.lang)
    const text = mode.lang === 'zh' ? zh : en
    const audit = new Audit(page, mode.name)
    const elderIfAsked = async () => {
      if (mode.elder) await kiosk.toggleElder()
      await expect(page.locator('html')).toHaveClass(mode.elder ? /elder/ : /^(?!.*elder)/)
    }
    await kiosk.open()
    await elderIfAsked()

    // The maintenance panel, unlocked with the demo terminal's PIN.
    for (let i = 0; i < 5; i++) await page.locator('.corner').click({ position: { x: 8, y: 8 } })
    const pad = page.getByRole('group', { name: text.maintPin })
    for (const key of E2E_DEMO_PIN) await pad.getByRole('button', { name: key, exact: true }).click()
    await kiosk.button(text.maintPinOk).click()
    await expect(page.locator('.maintenance dl')).toBeVisible()
    await audit.check('maintenance panel (unlocked)')
    await kiosk.button(text.maintClose).click()

    // A case of this terminal's own, by the demo ID card.
    await kiosk.beginItem(CASE.department, CASE.item)
    await kiosk.swipeCard()
    await kiosk.phoneAndSms(CASE.item)
    await kiosk.submit()
    const reference = await kiosk.resultReference()
    expect(reference).toMatch(/^SB\d{13}$/)
    await kiosk.skipRatingAndFinish()

    await elderIfAsked()
    await kiosk.start()
    await page.getByRole('button', { name: text.caseEntry }).click()
    await expect(page.getByRole('heading', { level: 1, name: text.caseTitle })).toBeVisible()
    await audit.check('case lookup: choose')
    await kiosk.button(text.caseByNumber).click()
    await audit.check('case lookup: number pad')
    const letters = page.locator('.case-lookup .letters')
    for (const ch of reference!) await letters.getByRole('button', { name: ch, exact: true }).click()
    await kiosk.button(text.caseSearch).click()
    await expect(page.getByRole('region', { name: `${text.caseNumberLabel} ${reference}` })).toBeVisible()
    await audit.check('case lookup: found by number')

    await kiosk.button(text.caseAgain).click()
    await kiosk.button(text.caseById).click() // the simulated reader reads the demo card by itself
    await expect(page.getByRole('region', { name: `${text.caseNumberLabel} ${reference}` })).toBeVisible()
    await audit.check('case lookup: found by ID card')

    await kiosk.button(text.caseAgain).click()
    await kiosk.button(text.caseByNumber).click()
    for (const ch of 'SB2099010100001') await letters.getByRole('button', { name: ch, exact: true }).click()
    await kiosk.button(text.caseSearch).click()
    await expect(page.getByText(text.caseNotFound)).toBeVisible()
    await audit.check('case lookup: not found')

    expect(audit.screens.length).toBe(6)
    expect(audit.problems).toEqual([])
  })
}
